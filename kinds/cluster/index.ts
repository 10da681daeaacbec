import { defineKind } from "../define";
import { clusterReferences, clusterSchema } from "./schema";

export * from "./schema";

/** The `cluster` kind's contract: all-purpose clusters (kinds/contracts.ts lists it; module.ts ties its parts). */
export const clusterKind = defineKind({
  name: "cluster",
  title: "clusters",
  schema: clusterSchema,
  references: clusterReferences,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "clusters",
    levels: ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"],
    providerArg: "clusterId",
    batchable: true,
  },
  // create + pin; one get; libraries on a third of them (measured 5 of 5 pinned on large).
  rto: {
    stage: "identities and standalone objects",
    perObject: { "clusters-write": 2, "clusters-read": 1, libraries: 0.3 },
  },
});
