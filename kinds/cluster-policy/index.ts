import { defineKind } from "../define";
import { clusterPolicyReferences, clusterPolicySchema } from "./schema";

export * from "./schema";

/** The `cluster-policy` kind's contract (kinds/contracts.ts lists it; module.ts ties its parts to it). */
export const clusterPolicyKind = defineKind({
  name: "cluster-policy",
  title: "cluster policies",
  schema: clusterPolicySchema,
  references: clusterPolicyReferences,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "cluster-policies",
    levels: ["CAN_USE"],
    providerArg: "clusterPolicyId",
    batchable: true,
  },
  rto: { stage: "identities and standalone objects", perObject: { "policies-pools": 1 } },
});
