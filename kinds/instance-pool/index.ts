import { defineKind } from "../define";
import { instancePoolReferences, instancePoolSchema } from "./schema";

export * from "./schema";

/** The `instance-pool` kind's contract (kinds/contracts.ts lists it; module.ts ties its parts to it). */
export const instancePoolKind = defineKind({
  name: "instance-pool",
  title: "instance pools",
  schema: instancePoolSchema,
  references: instancePoolReferences,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "instance-pools",
    levels: ["CAN_ATTACH_TO", "CAN_MANAGE"],
    providerArg: "instancePoolId",
    batchable: true,
  },
  rto: { stage: "identities and standalone objects", perObject: { "policies-pools": 1 } },
});
