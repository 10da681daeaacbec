import { Command, InvalidArgumentError } from "commander";
import { DatabricksClient } from "../../client";
import { resolveAuth } from "../../client/auth";
import { parseKinds, parsePaths } from "../../exporters/filters";
import { progressBars, summaryJson, summaryTable } from "../../exporters/report";
import { runExport } from "../../exporters/run";
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
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
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
      const bars = !flags.json && process.stderr.isTTY ? progressBars() : undefined;
      const log = (line: string) => (bars ? bars.log(line) : console.error(line));
      const client = new DatabricksClient({
        host: auth.host,
        auth: auth.auth,
        secrets: auth.secrets,
        maxConcurrent: flags.concurrency,
        log: flags.verbose ? log : undefined,
      });
      try {
        const summary = await runExport({
          client,
          out: flags.out,
          filters,
          exportedAt: flags.exportedAt,
          concurrency: flags.concurrency,
          onProgress: bars?.onProgress,
          log: flags.verbose ? log : undefined,
        });
        bars?.stop();
        console.log(flags.json ? summaryJson(summary) : summaryTable(summary));
      } finally {
        bars?.stop();
      }
    });
}
