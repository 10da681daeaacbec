import { JobDescriptor, pauseStatesOf } from "./schema";
import { getJob, listJobs } from "../../client";
import { arr, obj, Obj, str } from "../../exporters/normalize";
import { jsonSignature } from "../../exporters/reuse";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";

/** With tasks and job clusters (the first 100 of each): enough to tell whether a job changed. */
function jobsList(ctx: ExportContext): Promise<Obj[]> {
  return ctx.memo("jobs:list", () => listJobs(ctx.client, { limit: 100, expandTasks: true }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * jobs/get (pages merged) → descriptor: job_id, created_time, creator_user_name and run_as_user_name are
 * read-only and left out; `run_as` moves to `runAs` (from settings, else from run_as_user_name when it
 * differs from the creator); each trigger's pause state is kept as the primary had it.
 */
export function normalizeJob(j: Obj): JobDescriptor {
  const jobId = j.job_id;
  if (typeof jobId !== "number" && typeof jobId !== "string") throw new SkipError("job without job_id");
  const { run_as: runAsRaw, ...settings } = obj(j.settings);
  const runAs = obj(runAsRaw);
  let out: JobDescriptor["runAs"];
  if (str(runAs.user_name) || str(runAs.service_principal_name))
    out = { userName: str(runAs.user_name), servicePrincipalName: str(runAs.service_principal_name) };
  else {
    const who = str(j.run_as_user_name);
    if (who && who !== str(j.creator_user_name))
      out = UUID.test(who) ? { servicePrincipalName: who } : { userName: who };
  }
  return {
    id: String(jobId),
    name: str(settings.name) ?? "",
    settings,
    originalPause: pauseStatesOf(settings),
    runAs: out,
  };
}

/** Arrays the list shows only the first 100 entries of. */
const LIST_CAPPED = ["tasks", "job_clusters", "environments", "parameters"];

/**
 * A job's version from its jobs/list entry (listed with expand_tasks): the whole entry hashed. A job whose
 * arrays the list cuts (has_more, or 100 entries shown) gets none: its tail can change unseen, so it is
 * always read.
 */
export function jobListSignature(entry: Obj): string | undefined {
  const settings = obj(entry.settings);
  if (entry.has_more === true || LIST_CAPPED.some((k) => arr(settings[k]).length >= 100)) return undefined;
  return jsonSignature(entry);
}

export const jobExporter: KindExporter<"job", Listed & { sig?: string }> = {
  kind: "job",
  async list(ctx) {
    return (await jobsList(ctx)).map((j) => ({ id: String(j.job_id), sig: jobListSignature(j) }));
  },
  signature: (_ctx, item) => item.sig,
  async read(ctx, item) {
    return normalizeJob(await getJob(ctx.client, item.id));
  },
};
