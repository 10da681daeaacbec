import { defineModule } from "../define-module";
import { pipelineKind } from "./index";
import { pipelineExporter } from "./exporter";
import { PIPELINE_PROVISIONER } from "./provisioner";

export const pipelineModule = defineModule(pipelineKind, {
  exporter: pipelineExporter,
  provisioner: PIPELINE_PROVISIONER,
});
