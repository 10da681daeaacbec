import { defineModule } from "../define-module";
import { mlflowModelKind } from "./index";
import { mlflowModelExporter } from "./exporter";
import { MLFLOW_MODEL_PROVISIONER } from "./provisioner";

export const mlflowModelModule = defineModule(mlflowModelKind, {
  exporter: mlflowModelExporter,
  provisioner: MLFLOW_MODEL_PROVISIONER,
});
