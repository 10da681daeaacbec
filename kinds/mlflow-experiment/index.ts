import { defineKind } from "../define";
import { mlflowExperimentReferences, mlflowExperimentSchema } from "./schema";

export * from "./schema";

/**
 * The `mlflow-experiment` kind's contract (kinds/contracts.ts lists it); module.ts ties its exporter,
 * provisioner and verify rules to it. Runs and artifacts are data: counted, reported, never copied.
 */
export const mlflowExperimentKind = defineKind({
  name: "mlflow-experiment",
  title: "MLflow experiments",
  schema: mlflowExperimentSchema,
  references: mlflowExperimentReferences,
  hasContent: false,
  inventoryFamily: "MLflow experiments",
  // Object type and levels as the Terraform provider's permission definitions list them.
  permissions: {
    objectType: "experiments",
    levels: ["CAN_READ", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "experimentId",
  },
  // experiments/create per experiment (roundtrip/rest-mlflow.ts), once its folder exists.
  rto: { stage: "workspace tree", perObject: { other: 1 } },
});
