import { defineKind } from "../define";
import { servingEndpointReferences, servingEndpointSchema } from "./schema";

export * from "./schema";

/**
 * The `serving-endpoint` kind's contract (kinds/contracts.ts lists it); its exporter, provisioner and verify
 * rules are tied to it in module.ts (kinds/modules.ts lists that). The Permissions API names an endpoint by
 * its id (`serving-endpoints/{id}`), which is the descriptor id.
 */
export const servingEndpointKind = defineKind({
  name: "serving-endpoint",
  title: "model serving endpoints",
  schema: servingEndpointSchema,
  references: servingEndpointReferences,
  hasContent: false,
  inventoryFamily: "Model serving endpoints",
  permissions: {
    objectType: "serving-endpoints",
    levels: ["CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"],
    providerArg: "servingEndpointId",
  },
  // serving-endpoints create, then one read once the config is served (roundtrip/rest-serving.ts).
  rto: { stage: "model serving endpoints", perObject: { other: 2 } },
});
