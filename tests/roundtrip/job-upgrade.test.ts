/**
 * Upgrading a stack whose per-object jobs were databricks.Job resources (retainOnDelete, tagged with their
 * source id, held by the `prune:job` ledger): the new job batches adopt those jobs (same job ids, nothing
 * created twice), the old resources leave the program retained, and with prune the ledger deletes the job
 * that left the snapshot. Checked against the secondary emulator's own state.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SOURCE_TAG } from "../../components/dynamic/job-batch-impl";
import type { RunningEmulator } from "../../emulator";
import {
  applyStack,
  clientFor,
  DEFAULT_TOKEN,
  exportWorkspace,
  StackState,
  startWorkspace,
} from "../../roundtrip";
import { readSnapshot } from "../../snapshot/reader";

const BATCH = "pulumi-nodejs:dynamic/databricks-dr:JobBatch";
const LEDGER = "pulumi-nodejs:dynamic/databricks-dr:PruneLedger::prune:job";

/** Secondary job ids by the source tag (every tagged job, so a copy shows as a second id). */
function tagged(secondary: RunningEmulator): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const j of secondary.state.jobs.values()) {
    const tag = (j.settings as { tags?: Record<string, string> }).tags?.[SOURCE_TAG];
    if (tag !== undefined) out.set(tag, [...(out.get(tag) ?? []), String(j.job_id)]);
  }
  return out;
}

/** The state the previous version of the stack left: each job its own databricks.Job, in the job ledger. */
function asPerObjectJobs(state: StackState): StackState {
  const out: StackState = new Map();
  const held: Record<string, string> = {};
  for (const [key, v] of state) {
    if (v.type !== BATCH) {
      out.set(key, v);
      continue;
    }
    for (const [src, id] of Object.entries(v.outputs.ids as Record<string, string>)) {
      held[src] = id;
      const settings = { name: `job ${src}`, tags: { [SOURCE_TAG]: src } };
      out.set(`databricks:index/job:Job::job:${src}`, {
        type: "databricks:index/job:Job",
        id,
        inputs: settings,
        outputs: { ...settings, id },
        retainOnDelete: true,
      });
    }
  }
  const ledger = out.get(LEDGER)!;
  out.set(LEDGER, {
    ...ledger,
    inputs: { ...ledger.inputs, held },
    outputs: { ...ledger.outputs, held },
  });
  return out;
}

it("adopts the jobs of the old per-object databricks.Job resources, and prunes the one that left", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-job-upgrade-"));
  const primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
  const secondary = await startWorkspace("empty", { token: DEFAULT_TOKEN });
  const target = { url: secondary.url, token: DEFAULT_TOKEN };
  const values = { prune: "true", granularity: JSON.stringify({ jobsPerObjectMax: 50 }) };
  try {
    const snap = path.join(dir, "primary");
    await exportWorkspace({ url: primary.url, token: DEFAULT_TOKEN }, snap);
    const first = await applyStack({ snapshotPath: snap, target, values });
    expect(first.log.failures).toEqual([]);
    const before = tagged(secondary);
    const jobs = readSnapshot(snap).descriptors.job.map((j) => j.id);
    expect([...before.keys()].sort()).toEqual([...jobs].sort());

    // A job that triggers no other leaves the primary.
    const gone = readSnapshot(snap).descriptors.job.find(
      (j) => !JSON.stringify(readSnapshot(snap).descriptors.job).includes(`"job_id":${j.id}`),
    )!;
    await clientFor({ url: primary.url, token: DEFAULT_TOKEN }).post("/api/2.1/jobs/delete", {
      job_id: Number(gone.id),
    });
    fs.rmSync(snap, { recursive: true });
    await exportWorkspace({ url: primary.url, token: DEFAULT_TOKEN }, snap);

    const upgraded = await applyStack({
      snapshotPath: snap,
      target,
      values,
      state: asPerObjectJobs(first.state),
    });
    expect(upgraded.log.failures).toEqual([]);
    const after = tagged(secondary);
    for (const id of jobs.filter((j) => j !== gone.id)) expect(after.get(id)).toEqual(before.get(id));
    expect(after.has(gone.id)).toBe(false);
    const retained = upgraded.log.deleted.filter((d) => d.type === "databricks:index/job:Job");
    expect(retained.map((d) => d.op)).toEqual(jobs.map(() => "retain"));
  } finally {
    await primary.close();
    await secondary.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60000);
