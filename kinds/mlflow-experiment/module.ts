import { defineModule } from "../define-module";
import { mlflowExperimentKind } from "./index";
import { mlflowExperimentExporter } from "./exporter";
import { MLFLOW_EXPERIMENT_PROVISIONER } from "./provisioner";

export const mlflowExperimentModule = defineModule(mlflowExperimentKind, {
  exporter: mlflowExperimentExporter,
  provisioner: MLFLOW_EXPERIMENT_PROVISIONER,
});
