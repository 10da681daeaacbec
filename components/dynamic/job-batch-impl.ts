import type { DatabricksClient } from "../../client";
import { connect, isGone, mapLimit } from "./connect";
import type { DynamicImpl } from "./shell";

type Settings = Record<string, unknown>;

/**
 * Jobs above the per-object threshold, as one resource per batch: label (the job's name) -> its settings as
 * the Jobs API takes them, secondary ids already in place, except references to jobs of the same batch,
 * written `{{job:<label>}}` and resolved here once those jobs exist. Jobs linked by run_job tasks always
 * share a batch, and `order` creates each after the jobs it triggers.
 */
export interface JobBatchInputs {
  host: string;
  batch: string;
  jobs: Record<string, Settings>;
  order: string[];
  prune: boolean;
}
export interface JobBatchOutputs extends JobBatchInputs {
  /** label -> job_id in the secondary. */
  ids: Record<string, string>;
}

const PLACEHOLDER = /^\{\{job:(.+)\}\}$/;

export function jobPlaceholder(label: string): string {
  return `{{job:${label}}}`;
}

/** Labels a job's settings point at through placeholders. */
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

function withoutProvider<T extends object>(props: T): T {
  const { __provider: _p, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}

async function createJob(
  client: DatabricksClient,
  settings: Settings,
  ids: Record<string, string>,
): Promise<string> {
  const r = await client.post<{ job_id: number }>("/api/2.1/jobs/create", substitute(settings, ids));
  return String(r.job_id);
}

async function deleteJob(client: DatabricksClient, id: string): Promise<void> {
  try {
    await client.post("/api/2.1/jobs/delete", { job_id: Number(id) });
  } catch (e) {
    if (!isGone(e)) throw e;
  }
}

/** Labels in `order`, grouped in waves: each wave only references labels of earlier waves. */
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

export const jobBatchImpl: DynamicImpl = {
  async diff(_id, olds: JobBatchOutputs, news: JobBatchInputs) {
    if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
    return { changes: !same(olds.jobs, news.jobs) || olds.prune !== news.prune };
  },
  async create(inputs: JobBatchInputs) {
    const client = connect(inputs.host);
    const ids: Record<string, string> = {};
    for (const wave of waves(inputs.order, inputs.jobs))
      await mapLimit(wave, 8, async (l) => {
        ids[l] = await createJob(client, inputs.jobs[l], ids);
      });
    return { id: `jobs:${inputs.batch}`, outs: { ...withoutProvider(inputs), ids } };
  },
  async update(_id, olds: JobBatchOutputs, news: JobBatchInputs) {
    const client = connect(news.host);
    const ids: Record<string, string> = {};
    const recreated = new Set<string>();
    for (const wave of waves(news.order, news.jobs))
      await mapLimit(wave, 8, async (l) => {
        const oldId = olds.ids?.[l];
        const settings = news.jobs[l];
        const depsMoved = [...placeholderTargets(settings)].some((t) => recreated.has(t));
        if (oldId && same(olds.jobs[l], settings) && !depsMoved) {
          ids[l] = oldId;
          return;
        }
        if (oldId) {
          try {
            await client.post("/api/2.1/jobs/reset", {
              job_id: Number(oldId),
              new_settings: substitute(settings, ids),
            });
            ids[l] = oldId;
            return;
          } catch (e) {
            if (!isGone(e)) throw e;
          }
        }
        ids[l] = await createJob(client, settings, ids);
        recreated.add(l);
      });
    const removed = Object.keys(olds.ids ?? {}).filter((l) => !(l in news.jobs));
    if (news.prune) await mapLimit(removed, 8, (l) => deleteJob(client, olds.ids[l]));
    return { outs: { ...withoutProvider(news), ids } };
  },
  async delete(_id, props: JobBatchOutputs) {
    if (!props.prune) return;
    const client = connect(props.host);
    await mapLimit(Object.values(props.ids ?? {}), 8, (id) => deleteJob(client, id));
  },
};
