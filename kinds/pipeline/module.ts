import { defineModule } from "../define-module";
import { pipelineKind } from "./index";
import { pipelineExporter } from "./exporter";
import { PIPELINE_PROVISIONER } from "./provisioner";
import { PIPELINE_VERIFY } from "./verify";

export const pipelineModule = defineModule(pipelineKind, {
  exporter: pipelineExporter,
  provisioner: PIPELINE_PROVISIONER,
  verify: PIPELINE_VERIFY,
});
