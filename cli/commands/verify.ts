import { Command, CommanderError, Option } from "commander";
import { KIND_NAMES, KindName } from "../../kinds/common";
import { SnapshotError } from "../../snapshot/errors";
import { CLUSTER_START_POLICIES, ClusterStartPolicy } from "../../components/config/schema";
import { readSnapshot, Snapshot } from "../../snapshot/reader";
import { compareSnapshots, formatVerifyText } from "../../verify";
import { readStackSettings, StackSettings } from "../../report/stack-config";
import { userMessage } from "../../client/errors";
import { checkFailoverGroup, formatManagedDr, ManagedDrResult } from "../../verify/managed-dr";
import { ManagedDrRead, readManagedDrGroup } from "../managed-dr-settings";

export interface VerifyCliOptions {
  primary: string;
  secondary: string;
  json?: boolean;
  active?: boolean;
  passive?: boolean;
  clusterStartPolicy?: string;
  /** Pulumi.<stack>.yaml: activation, clusterStartPolicy and excluded kinds, unless given as flags. */
  stackConfig?: string;
  expectMissing?: string[];
  ignore?: string[];
  limit?: number;
  accountHost?: string;
  accountProfile?: string;
  /** Managed DR: the stack's block and the failover group read from the account (by the action). */
  managedDr?: ManagedDrRead;
}

/** Exit codes: 0 the secondary matches, 1 an unexpected difference exists, 2 bad input. */
export function runVerify(o: VerifyCliOptions): { code: 0 | 1 | 2; stdout: string; stderr: string } {
  if (o.active && o.passive)
    return { code: 2, stdout: "", stderr: "verify: --active and --passive exclude each other\n" };
  const unknown = (o.expectMissing ?? []).filter((k) => !(KIND_NAMES as readonly string[]).includes(k));
  if (unknown.length)
    return {
      code: 2,
      stdout: "",
      stderr: `verify: --expect-missing: unknown kind(s) ${unknown.join(", ")} (known: ${KIND_NAMES.join(", ")})\n`,
    };
  let settings: StackSettings | undefined;
  if (o.stackConfig)
    try {
      settings = readStackSettings(o.stackConfig);
    } catch (e) {
      return { code: 2, stdout: "", stderr: `verify: --stack-config: ${userMessage(e)}\n` };
    }
  const policy = o.clusterStartPolicy ?? settings?.clusterStartPolicy ?? "noWait";
  if (!(CLUSTER_START_POLICIES as readonly string[]).includes(policy))
    return {
      code: 2,
      stdout: "",
      stderr: `verify: --cluster-start-policy must be one of ${CLUSTER_START_POLICIES.join(", ")}\n`,
    };
  const read = (side: "primary" | "secondary", dir: string): Snapshot | string => {
    try {
      return readSnapshot(dir);
    } catch (e) {
      if (e instanceof SnapshotError) return `verify: bad ${side} snapshot ${dir}: ${e.message}\n`;
      throw e;
    }
  };
  const primary = read("primary", o.primary);
  if (typeof primary === "string") return { code: 2, stdout: "", stderr: primary };
  const secondary = read("secondary", o.secondary);
  if (typeof secondary === "string") return { code: 2, stdout: "", stderr: secondary };
  const result = compareSnapshots(primary, secondary, {
    mode: o.active || (!o.passive && settings?.activation) ? "active" : "passive",
    clusterStartPolicy: policy as ClusterStartPolicy,
    storageMap: settings?.storageMap,
    nodeTypeMap: settings?.nodeTypeMap,
    expectMissingKinds: [...((o.expectMissing ?? []) as KindName[]), ...(settings?.excludedKinds ?? [])],
    ignore: o.ignore,
  });
  // The failover group's differences count against the secondary like any object's.
  const managedDr: ManagedDrResult | undefined =
    o.managedDr && checkFailoverGroup(o.managedDr.expectation, o.managedDr.group, result.mode);
  const all = managedDr
    ? {
        ...result,
        ok: result.ok && managedDr.ok,
        unexpected: result.unexpected + managedDr.differences.length,
        managedDr,
      }
    : result;
  const text = formatVerifyText(result, o.limit) + (managedDr ? `\n${formatManagedDr(managedDr)}` : "");
  const stdout = o.json ? JSON.stringify(all, null, 2) + "\n" : text + "\n";
  return { code: all.ok ? 0 : 1, stdout, stderr: "" };
}

const list = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description(
      "Compare exports of the primary and the secondary object by object: missing, extra, different " +
        "(expected differences shown apart). Exit 0 match, 1 unexpected difference, 2 bad input.",
    )
    .requiredOption("--primary <dir>", "snapshot exported from the primary")
    .requiredOption("--secondary <dir>", "snapshot exported from the secondary")
    .option("--json", "one JSON document for CI")
    .addOption(new Option("--passive", "the secondary is passive: its schedules must be paused (default)"))
    .addOption(new Option("--active", "the secondary was activated: pause states must equal the primary's"))
    .option(
      "--cluster-start-policy <policy>",
      `the stack's databricks-dr:clusterStartPolicy (${CLUSTER_START_POLICIES.join(" | ")})`,
    )
    .option(
      "--stack-config <file>",
      "the secondary's Pulumi.<stack>.yaml: activation, start policy, excluded kinds",
    )
    .option("--expect-missing <kinds>", "kinds not replicated by configuration (comma-separated)", list)
    .option("--ignore <kind:key>", "objects to show apart, e.g. service-principal:<appId> (repeatable)", list)
    .option("--limit <n>", "rows of unexpected differences in the table", (v) => Number(v), 200)
    .option(
      "--account-host <url>",
      "Managed DR: account host (else DATABRICKS_ACCOUNT_HOST, else the config's)",
    )
    .option("--account-profile <name>", "Managed DR: ~/.databrickscfg profile for the account API")
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: VerifyCliOptions) => {
      // With managedDr in the stack config, the failover group is read from the account first.
      if (opts.stackConfig && readable(opts.stackConfig))
        try {
          opts.managedDr = await readManagedDrGroup(opts.stackConfig, {
            accountHost: opts.accountHost,
            profile: opts.accountProfile,
          });
        } catch (e) {
          process.stderr.write(`verify: managed DR: ${userMessage(e)}\n`);
          process.exitCode = 2;
          return;
        }
      const r = runVerify(opts);
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.code;
    });
}

/** A settings file verify itself can read (else runVerify names the problem, exit 2). */
function readable(file: string): boolean {
  try {
    readStackSettings(file);
    return true;
  } catch {
    return false;
  }
}
