/**
 * Jobs as the stack registers them: every job is a member of a JobBatch resource (a single-member one per
 * run_job-connected component at or below `jobsPerObjectMax`, hashed `jobs:<b>-of-<n>` batches above it).
 * Each member's settings are the Jobs API's (snake_case); its secondary id is the batch's `ids` output, as
 * the mocks return it (tests/stack/helpers/mocks.ts).
 */
import { substitute } from "../../../components/dynamic/job-batch-impl";
import { MockWorld, Registration } from "./mocks";

export const JOB_BATCH = "pulumi-nodejs:dynamic/databricks-dr:JobBatch";

export interface JobMember {
  /** The primary job id (the member's key). */
  sourceId: string;
  batch: Registration;
  /** Settings as registered: references to jobs of the same batch are `{{job:<source id>}}` placeholders. */
  settings: Record<string, unknown>;
  /** The job's id in the secondary (the batch's `ids` output). */
  id: string;
  /** The settings the batch sends to the Jobs API: placeholders replaced by the secondary's job ids. */
  sent: Record<string, unknown>;
}

export function jobMembers(world: MockWorld): JobMember[] {
  return world.byType(JOB_BATCH).flatMap((batch) => {
    const jobs = batch.inputs.jobs as Record<string, Record<string, unknown>>;
    const ids = (batch.state?.ids ?? {}) as Record<string, string>;
    return Object.entries(jobs).map(([sourceId, settings]) => ({
      sourceId,
      batch,
      settings,
      id: ids[sourceId],
      sent: substitute(settings, ids) as Record<string, unknown>,
    }));
  });
}

/** The one job member named `name` (the primary job's name). */
export function jobNamed(world: MockWorld, name: string): JobMember {
  const found = jobMembers(world).filter((j) => j.settings.name === name);
  if (found.length !== 1) throw new Error(`expected one job named ${name}, found ${found.length}`);
  return found[0];
}
