import Table from "cli-table3";
import { Command } from "commander";
import { DatabricksClient, listJobs } from "../../client";
import { resolveAuth } from "../../client/auth";
import { proveWorkspace } from "../../client/host";
import { PAUSABLE_TRIGGERS, PausableTrigger } from "../../kinds/job/schema";
import { SnapshotError } from "../../snapshot/errors";
import { readSnapshot, Snapshot } from "../../snapshot/reader";

type Obj = Record<string, unknown>;
type Pause = "PAUSED" | "UNPAUSED";

/** One trigger of one job whose pause state the run changes (or would, with dryRun). */
export interface PauseChange {
  jobId: string;
  name: string;
  trigger: PausableTrigger;
  from: Pause;
  to: Pause;
}

export interface PauseJobsResult {
  mode: "pause" | "resume";
  jobs: number;
  changes: PauseChange[];
  /** Jobs of the snapshot not found in the workspace (resume), by name. */
  unmatched: string[];
}

const stateOf = (block: unknown): Pause => ((block as Obj).pause_status === "PAUSED" ? "PAUSED" : "UNPAUSED");

/**
 * The original pause state per job of the workspace, from a snapshot: by job id when the job there has the
 * same name (the workspace's own snapshot), else by name when exactly one job has it.
 */
function originalStates(snap: Snapshot, live: Obj[]) {
  const nameOf = (j: Obj) => String((j.settings as Obj | undefined)?.name ?? "");
  const byId = new Map(live.map((j) => [String(j.job_id), j]));
  const byName = new Map<string, Obj[]>();
  for (const j of live) byName.set(nameOf(j), [...(byName.get(nameOf(j)) ?? []), j]);
  const wanted = new Map<string, Partial<Record<PausableTrigger, Pause>>>();
  const unmatched: string[] = [];
  for (const d of snap.descriptors.job) {
    const same = byId.get(d.id);
    const job =
      same && nameOf(same) === d.name
        ? same
        : byName.get(d.name)?.length === 1
          ? byName.get(d.name)![0]
          : undefined;
    if (job) wanted.set(String(job.job_id), d.originalPause);
    else unmatched.push(d.name);
  }
  return { wanted, unmatched };
}

/**
 * Pauses every schedule, continuous run and trigger of the workspace's jobs (so no job runs in two regions),
 * or with `resumeFrom` gives each job back the pause state a snapshot recorded for it. Through jobs/update,
 * which replaces only the trigger blocks it is given.
 */
export async function pauseJobs(
  client: DatabricksClient,
  opts: { resumeFrom?: string; dryRun?: boolean } = {},
): Promise<PauseJobsResult> {
  // Read (and its seal checked) before the workspace is touched: a bad snapshot changes nothing.
  const snap = opts.resumeFrom ? readSnapshot(opts.resumeFrom) : undefined;
  // At cutover a wrong or dead host must fail in seconds with one line, not after minutes of retries, and
  // a server that is no workspace (HTML, a proxy page) must never read as "no jobs to pause".
  await proveWorkspace(client);
  const live = await listJobs(client);
  const resume = snap ? originalStates(snap, live) : undefined;
  const changes: PauseChange[] = [];
  for (const job of live) {
    const settings = (job.settings ?? {}) as Obj;
    const id = String(job.job_id);
    const original = resume?.wanted.get(id);
    if (resume && !original) continue;
    const update: Obj = {};
    for (const t of PAUSABLE_TRIGGERS) {
      const block = settings[t];
      if (!block || typeof block !== "object") continue;
      const to: Pause = resume ? (original![t] ?? "UNPAUSED") : "PAUSED";
      const from = stateOf(block);
      if (from === to) continue;
      update[t] = { ...(block as Obj), pause_status: to };
      changes.push({ jobId: id, name: String(settings.name ?? ""), trigger: t, from, to });
    }
    if (Object.keys(update).length && !opts.dryRun)
      await client.post("/api/2.1/jobs/update", { job_id: Number(id), new_settings: update });
  }
  return {
    mode: resume ? "resume" : "pause",
    jobs: live.length,
    changes,
    unmatched: resume?.unmatched ?? [],
  };
}

export function formatPauseJobs(r: PauseJobsResult, dryRun = false): string {
  const verb = dryRun ? "would change" : "changed";
  const out = [`${r.jobs} jobs; ${r.changes.length} trigger(s) ${verb} (${r.mode}).`];
  if (r.changes.length) {
    const t = new Table({
      head: ["job", "id", "trigger", "from", "to"],
      style: { head: [], border: [], compact: true },
    });
    for (const c of r.changes) t.push([c.name, c.jobId, c.trigger, c.from, c.to]);
    out.push(t.toString());
  }
  if (r.unmatched.length) out.push(`not in the workspace (left alone): ${r.unmatched.join(", ")}`);
  return out.join("\n");
}

interface Flags {
  host?: string;
  profile?: string;
  resumeFrom?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerPauseJobs(program: Command): void {
  program
    .command("pause-jobs")
    .description(
      "Pause every job schedule, continuous run and trigger of a workspace (cutover: the primary, when it is " +
        "reachable), or with --resume-from give each job back the pause state a snapshot recorded.",
    )
    .option("--host <url>", "workspace URL (else the profile's or DATABRICKS_HOST)")
    .option("--profile <name>", "profile of ~/.databrickscfg")
    .option("--resume-from <snapshot>", "restore the pause states this snapshot of the workspace recorded")
    .option("--dry-run", "show what would change, change nothing")
    .option("--json", "one JSON document")
    .addHelpText(
      "after",
      "\nExit codes: 0 done, 1 the workspace could not be read or written, 2 the --resume-from snapshot is " +
        "unusable (nothing was changed).",
    )
    .action(async (flags: Flags) => {
      const auth = resolveAuth({ profile: flags.profile, host: flags.host });
      const client = new DatabricksClient({ host: auth.host, auth: auth.auth, secrets: auth.secrets });
      try {
        const r = await pauseJobs(client, { resumeFrom: flags.resumeFrom, dryRun: flags.dryRun });
        console.log(flags.json ? JSON.stringify(r, null, 2) : formatPauseJobs(r, flags.dryRun));
      } catch (e) {
        // A bad snapshot is bad input, as for check, verify and report: exit 2, one line.
        if (!(e instanceof SnapshotError)) throw e;
        console.error(`pause-jobs: --resume-from ${flags.resumeFrom}: ${e.message.split("\n")[0]}`);
        process.exitCode = 2;
      }
    });
}
