import { JobDescriptor, pauseStatesOf } from "../../kinds/jobs";
import { getJob } from "../../client";
import { obj, Obj, str } from "../normalize";
import { jobsList } from "../shared";
import { KindExporter, SkipError } from "../types";

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

export const jobExporter: KindExporter<"job"> = {
  kind: "job",
  async list(ctx) {
    return (await jobsList(ctx)).map((j) => ({ id: String(j.job_id) }));
  },
  async read(ctx, item) {
    return normalizeJob(await getJob(ctx.client, item.id));
  },
};
