import { Command, CommanderError } from "commander";
import { readSnapshot, Snapshot } from "../../snapshot/reader";
import { SnapshotError } from "../../snapshot/errors";
import { compareSnapshots } from "../../verify";
import { readStackSettings, StackSettings, writeReport } from "../../report";
import { userMessage } from "../../client/errors";
import { checkFailoverGroup } from "../../verify/managed-dr";
import { ManagedDrRead, readManagedDrGroup } from "../managed-dr-settings";

export interface ReportCliOptions {
  snapshot: string;
  secondary?: string;
  out?: string;
  now?: string;
  stackConfig?: string;
  rpoTarget?: number;
  active?: boolean;
  accountHost?: string;
  accountProfile?: string;
  /** Managed DR: the stack's block and the failover group read from the account (by the action). */
  managedDr?: ManagedDrRead;
}

/** Exit codes: 0 written (whatever the verdict: `verify` is the gate), 2 bad input. */
export function runReport(o: ReportCliOptions): { code: 0 | 2; stdout: string; stderr: string } {
  const bad = (msg: string) => ({ code: 2 as const, stdout: "", stderr: `report: ${msg}\n` });
  const now = o.now === undefined ? new Date() : new Date(o.now);
  if (Number.isNaN(now.getTime())) return bad(`--now ${JSON.stringify(o.now)} is not an ISO date-time`);
  if (o.rpoTarget !== undefined && !(o.rpoTarget > 0))
    return bad("--rpo-target must be a positive number of hours");
  const read = (what: string, dir: string): Snapshot | string => {
    try {
      return readSnapshot(dir);
    } catch (e) {
      if (e instanceof SnapshotError) return `bad ${what} snapshot ${dir}: ${e.message}`;
      throw e;
    }
  };
  const snapshot = read("primary", o.snapshot);
  if (typeof snapshot === "string") return bad(snapshot);
  let secondary: Snapshot | undefined;
  if (o.secondary) {
    const s = read("secondary", o.secondary);
    if (typeof s === "string") return bad(s);
    secondary = s;
  }
  let settings: StackSettings | undefined;
  if (o.stackConfig)
    try {
      settings = readStackSettings(o.stackConfig);
    } catch (e) {
      return bad(`--stack-config: ${userMessage(e)}`);
    }
  const verify = secondary
    ? compareSnapshots(snapshot, secondary, {
        mode: o.active || settings?.activation ? "active" : "passive",
        clusterStartPolicy: settings?.clusterStartPolicy,
      })
    : undefined;
  const { model, files } = writeReport(
    {
      snapshot,
      now,
      verify,
      settings,
      rpoTargetHours: o.rpoTarget,
      managedDr:
        o.managedDr &&
        checkFailoverGroup(
          o.managedDr.expectation,
          o.managedDr.group,
          o.active || settings?.activation ? "active" : "passive",
        ),
    },
    o.out ?? "dr-report",
  );
  return {
    code: 0,
    stdout: `${model.verdict.label}: ${model.verdict.summary}\n${files.join("\n")}\n`,
    stderr: "",
  };
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Write a readiness report (report.md and a self-contained report.html) for a snapshot.")
    .requiredOption("--snapshot <dir>", "snapshot exported from the primary")
    .option("--secondary <dir>", "snapshot exported from the secondary: includes verify's result")
    .option("--out <dir>", "where to write report.md and report.html", "dr-report")
    .option("--now <iso>", "the time to measure the snapshot's age against (default: now)")
    .option("--stack-config <file>", "the secondary's Pulumi.<stack>.yaml: mounts, secrets set, start policy")
    .option(
      "--rpo-target <hours>",
      "snapshot age beyond which the recovery point is too old",
      (v) => Number(v),
      24,
    )
    .option("--active", "the secondary was activated (verify compares pause states as equal)")
    .option(
      "--account-host <url>",
      "Managed DR: account host (else DATABRICKS_ACCOUNT_HOST, else the config's)",
    )
    .option("--account-profile <name>", "Managed DR: ~/.databrickscfg profile for the account API")
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: ReportCliOptions) => {
      // With managedDr in the stack config, the failover group is read from the account first.
      let readable = !!opts.stackConfig;
      try {
        if (opts.stackConfig) readStackSettings(opts.stackConfig);
      } catch {
        readable = false; // runReport names the problem (exit 2)
      }
      if (opts.stackConfig && readable)
        try {
          opts.managedDr = await readManagedDrGroup(opts.stackConfig, {
            accountHost: opts.accountHost,
            profile: opts.accountProfile,
          });
        } catch (e) {
          process.stderr.write(`report: managed DR: ${userMessage(e)}\n`);
          process.exitCode = 2;
          return;
        }
      const r = runReport(opts);
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.code;
    });
}
