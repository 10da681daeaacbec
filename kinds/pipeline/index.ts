import { defineKind } from "../define";
import { pipelineReferences, pipelineSchema } from "./schema";

export * from "./schema";

/**
 * The `pipeline` kind's contract (kinds/contracts.ts lists it); its exporter, provisioner and verify rules
 * are tied to it in module.ts (kinds/modules.ts lists that).
 */
export const pipelineKind = defineKind({
  name: "pipeline",
  title: "DLT pipelines",
  schema: pipelineSchema,
  references: pipelineReferences,
  hasContent: false,
  hardReference: true,
  jobTaskReferences: ["pipeline_task.pipeline_id"],
  permissions: {
    objectType: "pipelines",
    levels: ["CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"],
    providerArg: "pipelineId",
  },
  // pipelines/create (its ACLs go with permissions). Pipelines run the tree's notebooks; jobs name them.
  rto: { stage: "pipelines", perObject: { other: 1 } },
});
