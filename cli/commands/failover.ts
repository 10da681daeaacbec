import * as readline from "node:readline/promises";
import { Command, CommanderError } from "commander";
import { ApiError, DatabricksClient } from "../../client";
import {
  FailoverGroup,
  FAILOVER_TYPE,
  getFailoverGroup,
  startFailover,
} from "../../client/disaster-recovery";
import { failoverGroupName, ManagedDrConfig } from "../../components/config/managed-dr";
import { userMessage } from "../../client/errors";
import { accountClient, readManagedDr } from "../managed-dr-settings";

/** States a failover can start from: ACTIVE, or a failed failover tried again. */
const STARTABLE = ["ACTIVE", "FAILOVER_FAILED"];

export interface FailoverOptions {
  /** Fully qualified `accounts/<id>/failover-groups/<id>`. */
  name: string;
  to?: string;
  dryRun?: boolean;
  /** Answers the confirmation; undefined means no one can be asked (not a terminal, no --yes). */
  confirm?: (plan: FailoverPlan) => Promise<boolean>;
  timeoutMs?: number;
  pollMs?: number;
  log?: (line: string) => void;
}

export interface FailoverPlan {
  group: string;
  state: string;
  from: string;
  to: string;
  etag?: string;
  replicationPoint?: string;
  workspaceSets: { name: string; workspaceIds: string[]; stableUrls: string[] }[];
  catalogs: string[];
}

export interface FailoverResult {
  plan: FailoverPlan;
  outcome: "dry-run" | "failed-over";
  group?: FailoverGroup;
}

/** Refused before anything changed, or the failover did not succeed: one line, exit 1 (2: bad input). */
export class FailoverRefused extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export function planOf(g: FailoverGroup, to?: string): FailoverPlan {
  const regions = g.regions ?? [];
  const from = g.effective_primary_region ?? "";
  const state = g.state ?? "UNKNOWN";
  if (!STARTABLE.includes(state))
    throw new FailoverRefused(
      `failover group ${g.name} is ${state}; a failover starts from ACTIVE (nothing was changed)`,
    );
  const others = regions.filter((r) => r !== from);
  const target = to ?? (others.length === 1 ? others[0] : undefined);
  if (!target)
    throw new FailoverRefused(
      `failover group ${g.name} spans ${regions.join(", ")}: name the new primary with --to (nothing was changed)`,
      2,
    );
  if (!regions.includes(target))
    throw new FailoverRefused(`--to ${target} is not a region of ${g.name} (${regions.join(", ")})`, 2);
  if (target === from) throw new FailoverRefused(`${target} is already the primary region of ${g.name}`, 2);
  return {
    group: g.name,
    state,
    from,
    to: target,
    etag: g.etag,
    replicationPoint: g.replication_point,
    workspaceSets: (g.workspace_sets ?? []).map((s) => ({
      name: s.name ?? "",
      workspaceIds: s.workspace_ids ?? [],
      stableUrls: s.stable_url_names ?? [],
    })),
    catalogs: (g.unity_catalog_assets?.catalogs ?? []).map((c) => c.name ?? ""),
  };
}

export function formatPlan(p: FailoverPlan, dryRun: boolean): string {
  const lines = [
    `${dryRun ? "Would fail over" : "Failing over"} ${p.group} (${p.state}): primary region ${p.from} -> ${p.to} (${FAILOVER_TYPE})`,
    ...p.workspaceSets.map(
      (s) =>
        `  workspace set ${s.name}: workspaces ${s.workspaceIds.join(", ")}; the one in ${p.to} becomes primary` +
        (s.stableUrls.length ? `; stable URLs follow it: ${s.stableUrls.join(", ")}` : ""),
    ),
    p.catalogs.length
      ? `  Unity Catalog catalogs: ${p.catalogs.join(", ")}`
      : "  Unity Catalog catalogs: none",
    `  last replication point: ${p.replicationPoint ?? "not reported"} (changes after it in ${p.from} are not in ${p.to})`,
  ];
  return lines.join("\n");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads the failover group, plans the switch, asks, calls the failover endpoint with the etag read, and
 * polls the group until the new primary is in effect, the failover failed, or the timeout passed.
 */
export async function runFailover(client: DatabricksClient, o: FailoverOptions): Promise<FailoverResult> {
  const before = await getFailoverGroup(client, o.name);
  const plan = planOf(before, o.to);
  if (o.dryRun) return { plan, outcome: "dry-run" };
  if (!o.confirm)
    throw new FailoverRefused(
      `not confirmed: run it on a terminal to be asked, or pass --yes (nothing was changed)`,
      2,
    );
  if (!(await o.confirm(plan))) throw new FailoverRefused("not confirmed (nothing was changed)", 2);
  try {
    await startFailover(client, before, plan.to);
  } catch (e) {
    if (e instanceof ApiError)
      throw new FailoverRefused(
        `the account refused the failover of ${o.name}: ${e.errorCode}: ${e.message}`,
      );
    throw e;
  }
  const deadline = Date.now() + (o.timeoutMs ?? 3_600_000);
  for (;;) {
    const g = await getFailoverGroup(client, o.name);
    if (g.state === "ACTIVE" && g.effective_primary_region === plan.to)
      return { plan, outcome: "failed-over", group: g };
    if (g.state === "FAILOVER_FAILED")
      throw new FailoverRefused(
        `the failover of ${o.name} to ${plan.to} failed (FAILOVER_FAILED); primary is ${g.effective_primary_region}`,
      );
    if (Date.now() >= deadline)
      throw new FailoverRefused(
        `${o.name} is still ${g.state} after ${(o.timeoutMs ?? 3_600_000) / 1000} s (primary ${g.effective_primary_region}): check the account console`,
      );
    o.log?.(`  ${g.state}...`);
    await sleep(o.pollMs ?? 10_000);
  }
}

interface Flags {
  stackConfig?: string;
  accountId?: string;
  failoverGroup?: string;
  accountHost?: string;
  profile?: string;
  to?: string;
  dryRun?: boolean;
  yes?: boolean;
  timeout: number;
  pollInterval: number;
  json?: boolean;
}

function target(flags: Flags): { config: Pick<ManagedDrConfig, "accountHost">; name: string } {
  let fromFile: Pick<ManagedDrConfig, "accountHost" | "accountId" | "failoverGroup"> | undefined;
  try {
    fromFile = flags.stackConfig ? readManagedDr(flags.stackConfig) : undefined;
  } catch (e) {
    throw new FailoverRefused(`--stack-config: ${userMessage(e)}`, 2);
  }
  if (flags.stackConfig && !fromFile)
    throw new FailoverRefused(`${flags.stackConfig} has no databricks-dr:managedDr`, 2);
  const accountId = flags.accountId ?? fromFile?.accountId;
  const group = flags.failoverGroup ?? fromFile?.failoverGroup;
  if (!accountId || !group)
    throw new FailoverRefused(
      "name the failover group: --stack-config <Pulumi.secondary.yaml>, or --account-id and --failover-group",
      2,
    );
  return {
    config: { accountHost: fromFile?.accountHost ?? "https://accounts.azuredatabricks.net" },
    name: failoverGroupName({ accountId, failoverGroup: group }),
  };
}

async function askOnTerminal(plan: FailoverPlan): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const id = plan.group.split("/").pop();
    const answer = await rl.question(`Type the failover group id (${id}) to fail over to ${plan.to}: `);
    return answer.trim() === id;
  } finally {
    rl.close();
  }
}

export function registerFailover(program: Command): void {
  program
    .command("failover")
    .description(
      "Fail a Databricks Managed DR failover group over to its other region (FORCED): shows what changes, " +
        "asks, calls the account API with the etag it read, and waits until the new primary is in effect.",
    )
    .option(
      "--stack-config <file>",
      "the secondary's Pulumi.<stack>.yaml: account and group from databricks-dr:managedDr",
    )
    .option("--account-id <uuid>", "the Databricks account id (else from --stack-config)")
    .option("--failover-group <id>", "the failover group id (else from --stack-config)")
    .option(
      "--account-host <url>",
      "account console host (else DATABRICKS_ACCOUNT_HOST, else the config's accountHost)",
    )
    .option(
      "--profile <name>",
      "profile of ~/.databrickscfg for the account (else DATABRICKS_TOKEN or Azure AD)",
    )
    .option("--to <region>", "the new primary region (default: the group's other region)")
    .option("--dry-run", "show what would change, change nothing")
    .option("--yes", "do not ask (CI); without it, a terminal is asked and anything else is refused")
    .option("--timeout <s>", "how long to wait for the new primary", (v) => Number(v), 3600)
    .option(
      "--poll-interval <s>",
      "seconds between reads of the group while it fails over",
      (v) => Number(v),
      10,
    )
    .option("--json", "one JSON document")
    .addHelpText(
      "after",
      "\nExit codes: 0 failed over (or the dry run shown), 1 the account API refused, or the failover failed " +
        "or timed out, 2 bad input or not confirmed (nothing was changed).",
    )
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (flags: Flags) => {
      try {
        if (!(flags.timeout > 0) || !(flags.pollInterval >= 0))
          throw new FailoverRefused("--timeout and --poll-interval take a number of seconds", 2);
        const t = target(flags);
        const client = accountClient(t.config, flags);
        const log = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
        // The plan is shown before any change; --yes answers for CI, a terminal is asked, nothing else is.
        const confirm = flags.yes
          ? async (p: FailoverPlan) => (log(formatPlan(p, false)), true)
          : process.stdin.isTTY
            ? async (p: FailoverPlan) => (log(formatPlan(p, false)), askOnTerminal(p))
            : undefined;
        const r = await runFailover(client, {
          name: t.name,
          to: flags.to,
          dryRun: flags.dryRun,
          confirm,
          timeoutMs: flags.timeout * 1000,
          pollMs: flags.pollInterval * 1000,
          log,
        });
        if (flags.json) process.stdout.write(JSON.stringify(r, null, 2) + "\n");
        else if (r.outcome === "dry-run") log(formatPlan(r.plan, true));
        else
          log(`Failed over: ${r.plan.group} primary region is now ${r.plan.to} (state ${r.group?.state}).`);
      } catch (e) {
        if (!(e instanceof FailoverRefused)) throw e;
        process.stderr.write(`databricks-dr: failover: ${userMessage(e)}\n`);
        process.exitCode = e.exitCode;
      }
    });
}
