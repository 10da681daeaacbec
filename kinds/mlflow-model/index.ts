import { defineKind } from "../define";
import { mlflowModelReferences, mlflowModelSchema } from "./schema";

export * from "./schema";

/**
 * The `mlflow-model` kind's contract (kinds/contracts.ts lists it): registered models of the workspace
 * model registry. module.ts ties its exporter, provisioner and verify rules to it. Versions are data.
 */
export const mlflowModelKind = defineKind({
  name: "mlflow-model",
  title: "MLflow registered models",
  schema: mlflowModelSchema,
  references: mlflowModelReferences,
  hasContent: false,
  inventoryFamily: "MLflow registered models",
  // Object type and levels as the Terraform provider's permission definitions list them.
  permissions: {
    objectType: "registered-models",
    levels: [
      "CAN_READ",
      "CAN_EDIT",
      "CAN_MANAGE_STAGING_VERSIONS",
      "CAN_MANAGE_PRODUCTION_VERSIONS",
      "CAN_MANAGE",
    ],
    providerArg: "registeredModelId",
  },
  // registered-models/create, then the databricks/ get the provider reads the workspace id back with.
  rto: { stage: "workspace tree", perObject: { other: 2 } },
});
