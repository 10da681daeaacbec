import { Command, InvalidArgumentError } from "commander";
import { DatabricksClient } from "../../client";
import { resolveAuth } from "../../client/auth";
import { userMessage } from "../../client/errors";
import { parseKinds, parsePaths } from "../../exporters/filters";
import {
  HEARTBEAT_SECONDS,
  progressBars,
  progressLines,
  summaryJson,
  summaryTable,
} from "../../exporters/report";
import { ExportInterrupted, runExport } from "../../exporters/run";
import { DEFAULT_ACL_REFRESH_RUNS } from "../../exporters/acl-refresh";
import {
  ALLOW_SHRINK_ENV,
  allowFromEnv,
  DEFAULT_SHRINK_THRESHOLD,
  ShrinkRefused,
} from "../../exporters/shrink";
import { manifestSchema } from "../../snapshot/manifest";

interface ExportFlags {
  out: string;
  profile?: string;
  host?: string;
  includeKinds?: string;
  excludeKinds?: string;
  includePaths?: string;
  excludePaths?: string;
  json?: boolean;
  concurrency: number;
  exportedAt?: string;
  verbose?: boolean;
  previous?: string;
  full?: boolean;
  archives: boolean;
  progressInterval: number;
  allowShrink?: string | boolean;
  shrinkThreshold: number;
  aclRefreshRuns: number;
}

/** The exit code of a run stopped by SIGINT (128 + 2), as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

function positiveSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("must be a positive number of seconds");
  return n;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function percent(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError("must be a percentage, 0 to 100");
  return n;
}

/** Without --verbose, only what says how the run starts (resumed, incremental or not) is shown. */
function logNotes(log: (line: string) => void) {
  return (line: string) => {
    if (/^(resuming|previous|--full)/.test(line)) log(line);
  };
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("Export the live state of a workspace into a snapshot directory (descriptors + content).")
    .requiredOption("--out <dir>", "snapshot directory (replaced atomically when the export succeeds)")
    .option("--profile <name>", "profile of ~/.databrickscfg (host, token or azure_* settings)")
    .option("--host <url>", "workspace URL (else the profile's or DATABRICKS_HOST)")
    .option("--include-kinds <kinds>", "only these kinds, comma-separated")
    .option("--exclude-kinds <kinds>", "leave these kinds out, comma-separated")
    .option("--include-paths <prefixes>", "only workspace paths under these prefixes, comma-separated")
    .option("--exclude-paths <prefixes>", "leave workspace paths under these prefixes out")
    .option("--json", "print one JSON summary (for CI) instead of the table")
    .option("--concurrency <n>", "object reads in flight per kind", positiveInt, 64)
    .option("--exported-at <iso>", "fix the manifest's exportedAt (reproducible snapshots)")
    .option("--verbose", "log retries and throttling to stderr")
    .option(
      "--previous <dir>",
      "snapshot to compare with and reuse unchanged objects from (default: the one at --out)",
    )
    .option(
      "--full",
      "read every object and ACL again now, even unchanged ones (else ACLs come in turn, --acl-refresh-runs)",
    )
    .option("--no-archives", "export notebooks one call each instead of one archive per folder")
    .option(
      "--progress-interval <seconds>",
      "off a terminal (CI): seconds between progress lines",
      positiveSeconds,
      HEARTBEAT_SECONDS,
    )
    .option(
      "--allow-shrink [reason]",
      `replace the snapshot even when it would lose every object of a kind or more than the threshold (or ${ALLOW_SHRINK_ENV}=<reason>); the reason goes into manifest.json`,
    )
    .option(
      "--shrink-threshold <percent>",
      "share of all objects an export may lose without --allow-shrink",
      percent,
      DEFAULT_SHRINK_THRESHOLD * 100,
    )
    .option(
      "--acl-refresh-runs <n>",
      "incremental exports re-read every ACL at least every n runs (a rolling 1/n of them each run)",
      positiveInt,
      DEFAULT_ACL_REFRESH_RUNS,
    )
    .addHelpText(
      "after",
      "\nIncremental: with a previous snapshot of the same host and filters, objects whose listing shows no" +
        "\nchange (modified_at, list entry hash) are reused without a read; the ACLs of unchanged objects are read" +
        "\nagain in turn, a rolling 1/n of them each run (--acl-refresh-runs n, default 7). An export that would" +
        "\nlose every object of a kind, or more than --shrink-threshold of all, keeps the old snapshot, leaves the" +
        "\nnew one in .<out>.work/rejected and exits 3 unless --allow-shrink gives a reason. Ctrl-C stops cleanly (exit 130) and keeps the finished part; the next run" +
        "\nwith the same host and filters resumes from it, as it does after kill -9.",
    )
    .action(async (flags: ExportFlags) => {
      const filters = {
        includeKinds: parseKinds(flags.includeKinds, "--include-kinds"),
        excludeKinds: parseKinds(flags.excludeKinds, "--exclude-kinds"),
        includePaths: parsePaths(flags.includePaths, "--include-paths"),
        excludePaths: parsePaths(flags.excludePaths, "--exclude-paths"),
      };
      if (
        flags.exportedAt !== undefined &&
        !manifestSchema.shape.exportedAt.safeParse(flags.exportedAt).success
      )
        throw new Error(
          `--exported-at: "${flags.exportedAt}" is not an ISO date-time like 2026-01-01T00:00:00Z`,
        );
      const auth = resolveAuth({ profile: flags.profile, host: flags.host });
      // A terminal gets bars (stderr). Elsewhere (CI) lines: on stdout with the table, on stderr with --json
      // (stdout is then the JSON alone), so stderr holds only errors in a normal run.
      const bars = !flags.json && process.stderr.isTTY ? progressBars() : undefined;
      let requestsSent = () => 0; // the client's count, once there is a client
      const out = flags.json ? process.stderr : process.stdout;
      const lines = bars
        ? undefined
        : progressLines({
            write: (line) => out.write(`${line}\n`),
            intervalMs: flags.progressInterval * 1000,
            requests: () => requestsSent(),
          });
      const progress = bars ?? lines!;
      const log = (line: string) => progress.log(line);
      if (auth.hostNote) log(auth.hostNote);
      const allow =
        flags.allowShrink === true
          ? "--allow-shrink"
          : typeof flags.allowShrink === "string"
            ? flags.allowShrink
            : allowFromEnv();
      // Ctrl-C: stop reading, keep what is finished, exit 130. A second Ctrl-C exits at once.
      const stop = new AbortController();
      const onSigint = () => {
        if (stop.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
        log("interrupted: stopping (Ctrl-C again to quit at once) ...");
        stop.abort();
      };
      process.on("SIGINT", onSigint);
      const client = new DatabricksClient({
        host: auth.host,
        auth: auth.auth,
        secrets: auth.secrets,
        maxConcurrent: flags.concurrency,
        log: flags.verbose ? log : undefined,
        signal: stop.signal,
      });
      requestsSent = () => client.stats().requests;
      try {
        const summary = await runExport({
          client,
          out: flags.out,
          filters,
          exportedAt: flags.exportedAt,
          concurrency: flags.concurrency,
          onProgress: progress.onProgress,
          log: flags.verbose ? log : logNotes(log),
          previous: flags.previous,
          full: flags.full,
          archives: flags.archives,
          signal: stop.signal,
          shrink: { threshold: flags.shrinkThreshold / 100, allow },
          aclRefreshRuns: flags.aclRefreshRuns,
        });
        progress.stop();
        // What leaves the process goes through the client's redaction (its token, credential shapes).
        console.log(client.redact(flags.json ? summaryJson(summary) : summaryTable(summary)));
      } catch (e) {
        if (e instanceof Error) e.message = client.redact(e.message);
        if (e instanceof ShrinkRefused) process.exitCode = e.exitCode;
        if (!(e instanceof ExportInterrupted) && !stop.signal.aborted) throw e;
        progress.stop();
        console.error(`databricks-dr: ${userMessage(e)}`);
        process.exitCode = INTERRUPTED_EXIT_CODE;
      } finally {
        progress.stop();
        process.off("SIGINT", onSigint);
      }
    });
}
