import { defineKind } from "../define";
import { jobReferences, jobSchema } from "./schema";

export * from "./schema";
export * from "./settings-schema";

/** The `job` kind's contract (kinds/contracts.ts lists it; module.ts ties its parts to it). */
export const jobKind = defineKind({
  name: "job",
  title: "jobs",
  schema: jobSchema,
  // Without the task fields other kinds own: KINDS.job (kinds/registry.ts) adds JOB_TASK_REFERENCES.
  references: (d) => jobReferences(d, []),
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "jobs",
    levels: ["CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"],
    providerArg: "jobId",
    batchable: true,
  },
  rto: {
    stage: "jobs",
    perObject: { "jobs-create": 1 },
    batched: { "jobs-create": 1, "jobs-read": 0.01 },
  },
});
