import type { KindVerifySpec } from "../../verify/spec";
import type { ExpectedRule } from "../../verify/rules";

const STAGES = ["None", "Staging", "Production", "Archived"];

/** Versions are data: the stack registers none (the report's data to replicate says how). */
export const versionsAreData: ExpectedRule = {
  id: "mlflow-versions-are-data",
  // The registry's stages (model-versions/search `current_stage`).
  paths: ["data.versions", "data.complete", "data.stages", ...STAGES.map((s) => `data.stages.${s}`)],
  explain: () =>
    "model versions are data, registered again with the MLflow export-import tool (see data to replicate)",
};

/** Registered models are matched by name (the registry's key; workspace ids are assigned by each workspace). */
export const MLFLOW_MODEL_VERIFY: KindVerifySpec<"mlflow-model"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  keyedArrays: { "settings.tags": "key" },
  expected: [versionsAreData],
};
