import type { DatabricksClient } from "../../client";
import { connect, isGone, mapLimit } from "./connect";
import { diffResult, memberDiff, withoutProvider } from "./member-diff";
import type { DynamicImpl } from "./shell";
import { leftSnapshot, snapshotIds } from "./snapshot-oracle";

type Settings = Record<string, unknown>;

/**
 * The tag every job the stack writes carries: the primary job's id (its source id). A job that moves between
 * resources of the stack (a rename, another batch, a threshold crossing) or survives a lost state is found
 * by it and adopted, never created twice. A job without it is not the stack's and is never touched.
 */
export const SOURCE_TAG = "databricks-dr-source-id";

/**
 * Every job the stack writes, in batches keyed by SOURCE id (the descriptor's id): hashed batches above the
 * per-object threshold, a single-member batch per run_job-connected component at or below it (so every job
 * resource adopts by SOURCE_TAG, and crossing the threshold is one more re-batching). Source id -> its settings as the Jobs API takes them (name, tags with SOURCE_TAG...), secondary ids
 * already in place, except references to jobs of the same batch, written `{{job:<source id>}}` and resolved
 * here once those jobs exist. Jobs linked by run_job tasks share a batch; `order` creates each after the
 * jobs it triggers.
 */
export interface JobBatchInputs {
  host: string;
  batch: string;
  jobs: Record<string, Settings>;
  order: string[];
  prune: boolean;
  /** The snapshot on disk when the provider runs: a job is deleted only once it left it. Not diffed. */
  snapshotRoot?: string;
}
export interface JobBatchOutputs extends JobBatchInputs {
  /** source id -> job_id in the secondary. */
  ids: Record<string, string>;
}

const PLACEHOLDER = /^\{\{job:(.+)\}\}$/;

export function jobPlaceholder(sourceId: string): string {
  return `{{job:${sourceId}}}`;
}

/** Source ids a job's settings point at through placeholders. */
export function placeholderTargets(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === "string") {
    const m = PLACEHOLDER.exec(v);
    if (m) out.add(m[1]);
  } else if (Array.isArray(v)) v.forEach((x) => placeholderTargets(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => placeholderTargets(x, out));
  return out;
}

export function substitute(v: unknown, ids: Record<string, string>): unknown {
  if (typeof v === "string") {
    const m = PLACEHOLDER.exec(v);
    if (!m) return v;
    if (!ids[m[1]]) throw new Error(`job ${m[1]} is referenced before it exists`);
    return Number(ids[m[1]]);
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, ids));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, ids)]));
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every job of the workspace that carries SOURCE_TAG: source id -> job ids (oldest first); `names`, when
 * given, receives the names of those jobs.
 */
export async function markedJobs(
  client: DatabricksClient,
  names?: Set<string>,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  let token: string | undefined;
  do {
    const r = await client.get<{
      jobs?: { job_id: number; settings?: { name?: string; tags?: Record<string, string> } }[];
      has_more?: boolean;
      next_page_token?: string;
    }>("/api/2.1/jobs/list", { limit: 100, ...(token ? { page_token: token } : {}) });
    for (const j of r.jobs ?? []) {
      const src = j.settings?.tags?.[SOURCE_TAG];
      if (src === undefined) continue;
      out.set(src, [...(out.get(src) ?? []), String(j.job_id)]);
      if (j.settings?.name !== undefined) names?.add(j.settings.name);
    }
    token = r.has_more ? r.next_page_token : undefined;
  } while (token);
  for (const ids of out.values()) ids.sort((a, b) => Number(a) - Number(b));
  return out;
}

/**
 * A member from state written before jobs were keyed by source id: keyed by name, its job untagged. Once a
 * tagged job of the same name exists (the stack's copy under the new keys), the legacy one is a duplicate.
 */
function isLegacy(batch: JobBatchOutputs, member: string): boolean {
  return (batch.jobs[member]?.tags as Record<string, string> | undefined)?.[SOURCE_TAG] === undefined;
}

async function deleteJob(client: DatabricksClient, id: string): Promise<void> {
  try {
    await client.post("/api/2.1/jobs/delete", { job_id: Number(id) });
  } catch (e) {
    if (!isGone(e)) throw e;
  }
}

/** Source ids in `order`, grouped in waves: each wave only references source ids of earlier waves. */
function waves(order: string[], jobs: Record<string, Settings>): string[][] {
  const level = new Map<string, number>();
  for (const l of order) {
    const deps = [...placeholderTargets(jobs[l])].filter((t) => t !== l && level.has(t));
    level.set(l, deps.length ? Math.max(...deps.map((t) => level.get(t)!)) + 1 : 0);
  }
  const out: string[][] = [];
  for (const l of order) (out[level.get(l)!] ??= []).push(l);
  return out.filter(Boolean);
}

/**
 * Brings the batch from `olds` (undefined: a new resource) to `news`. A member keeps the job it had; a member
 * new to this batch adopts the job that carries its source tag (it moved here from another resource, or
 * the state was lost), else a job is created. A member that left the batch is deleted only with prune and
 * once its source id left the snapshot; otherwise another resource holds it now.
 */
async function sync(
  olds: JobBatchOutputs | undefined,
  news: JobBatchInputs,
): Promise<Record<string, string>> {
  const client = connect(news.host);
  const ids: Record<string, string> = {};
  const rewritten = new Set<string>();
  let marked: Promise<Map<string, string[]>> | undefined;
  const adoptable = async (src: string) => ((await (marked ??= markedJobs(client))).get(src) ?? [])[0];
  for (const wave of waves(news.order, news.jobs))
    await mapLimit(wave, 8, async (src) => {
      const settings = news.jobs[src];
      const depsMoved = [...placeholderTargets(settings)].some((t) => rewritten.has(t));
      const held = olds?.ids?.[src];
      if (held && same(olds!.jobs[src], settings) && !depsMoved) {
        ids[src] = held;
        return;
      }
      for (const id of held ? [held] : []) {
        try {
          await client.post("/api/2.1/jobs/reset", {
            job_id: Number(id),
            new_settings: substitute(settings, ids),
          });
          ids[src] = id;
          return;
        } catch (e) {
          if (!isGone(e)) throw e;
        }
      }
      rewritten.add(src);
      const found = await adoptable(src);
      if (found) {
        try {
          await client.post("/api/2.1/jobs/reset", {
            job_id: Number(found),
            new_settings: substitute(settings, ids),
          });
          ids[src] = found;
          return;
        } catch (e) {
          if (!isGone(e)) throw e;
        }
      }
      const r = await client.post<{ job_id: number }>("/api/2.1/jobs/create", substitute(settings, ids));
      ids[src] = String(r.job_id);
    });
  const removed = Object.keys(olds?.ids ?? {}).filter((s) => !(s in news.jobs));
  const legacy = removed.filter((s) => isLegacy(olds!, s));
  if (news.prune)
    await mapLimit(
      leftSnapshot(news.snapshotRoot ?? olds?.snapshotRoot, "job", removed).filter(
        (s) => !legacy.includes(s),
      ),
      8,
      (s) => deleteJob(client, olds!.ids[s]),
    );
  if (legacy.length) {
    const names = new Set<string>();
    await markedJobs(client, names);
    await mapLimit(
      legacy.filter((s) => names.has(String(olds!.jobs[s]?.name))),
      8,
      (s) => deleteJob(client, olds!.ids[s]),
    );
  }
  return ids;
}

export const jobBatchImpl: DynamicImpl = {
  async diff(_id, olds: JobBatchOutputs, news: JobBatchInputs) {
    if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
    // snapshotRoot is where the snapshot is today, not what the workspace holds: no change.
    return diffResult(memberDiff("jobs", olds.jobs, news.jobs), { prune: olds.prune !== news.prune });
  },
  async create(inputs: JobBatchInputs) {
    const ids = await sync(undefined, inputs);
    return { id: `jobs:${inputs.batch}`, outs: { ...withoutProvider(inputs), ids } };
  },
  async update(_id, olds: JobBatchOutputs, news: JobBatchInputs) {
    const ids = await sync(olds, news);
    return { outs: { ...withoutProvider(news), ids } };
  },
  /**
   * The batch left the program (run last, after every create and update). A member whose source id left the
   * snapshot goes with prune. One still there is held by another resource now, which adopted this job by its
   * tag (every job resource of the stack is a batch): it stays, even when another job carries the same tag
   * (a clone made in the secondary), which would leave the adopter holding a deleted job.
   */
  async delete(_id, props: JobBatchOutputs) {
    const client = connect(props.host);
    const members = Object.keys(props.ids ?? {});
    // State written before jobs were keyed by source id (keys were names, jobs untagged, no snapshotRoot):
    // such a job was replaced by a tagged one of the same name, which holds it now; this copy goes.
    const legacy = members.filter((s) => isLegacy(props, s));
    // Unreadable snapshot: nothing is known to have left it, nothing tagged is deleted.
    const inSnapshot = snapshotIds(props.snapshotRoot, "job");
    const tagged = inSnapshot ? members.filter((s) => !legacy.includes(s)) : [];
    const gone = tagged.filter((s) => !inSnapshot!.has(s));
    const names = new Set<string>();
    if (legacy.length) await markedJobs(client, names);
    const superseded = legacy.filter((s) => names.has(String(props.jobs[s]?.name)));
    const doomed = [...(props.prune ? gone : []), ...superseded];
    await mapLimit(doomed, 8, (s) => deleteJob(client, props.ids[s]));
  },
};
