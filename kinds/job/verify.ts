import type { KindVerifySpec } from "../../verify/spec";
import {
  JOB_ORIGINAL_PAUSE_PATHS,
  JOB_PAUSE_PATHS,
  mustBePausedWhilePassive,
  pausedWhilePassive,
  setByTheService,
} from "../../verify/rules";
import { STACK_SOURCE_TAG, stackSourceMarker } from "../../verify/source-marker";
import { portabilityRules, SPEC_PREFIXES } from "../../verify/compute-portability";
import { asMultiTaskJob } from "./verify-legacy";

/** Jobs are matched by name (job ids are assigned by each workspace); tasks and job clusters by key. */
export const JOB_VERIFY: KindVerifySpec<"job"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  keyedArrays: {
    "settings.tasks": "task_key",
    "settings.job_clusters": "job_cluster_key",
    "settings.parameters": "name",
    "settings.environments": "environment_key",
  },
  setFields: ["settings.tasks[].depends_on", "settings.tasks[].libraries"],
  absentMeans: {
    ...Object.fromEntries(JOB_PAUSE_PATHS.map((p) => [p, "UNPAUSED"])),
    // Older answers leave out empty notification blocks that newer ones spell {}.
    "settings.email_notifications": {},
    "settings.webhook_notifications": {},
  },
  expected: [
    pausedWhilePassive([...JOB_PAUSE_PATHS, ...JOB_ORIGINAL_PAUSE_PATHS]),
    setByTheService(["settings.format"], "set by the Jobs API (MULTI_TASK once a job has tasks)"),
    // components/dynamic/job-batch-impl.ts SOURCE_TAG: how the stack finds and adopts its own jobs.
    stackSourceMarker("job", STACK_SOURCE_TAG, ["settings.tags", `settings.tags.${STACK_SOURCE_TAG}`]),
    ...portabilityRules(SPEC_PREFIXES.job),
  ],
  checks: [mustBePausedWhilePassive(JOB_PAUSE_PATHS)],
  // A legacy single-task job (Jobs API 2.0) is the job with that one task, as 2.1 reports it.
  canonical: (d) => ({ ...d, settings: asMultiTaskJob(d.settings as Record<string, unknown>) }),
};
