import { defineModule } from "../define-module";
import { jobKind } from "./index";
import { jobExporter } from "./exporter";
import { JOB_PROVISIONER } from "./provisioner";

export const jobModule = defineModule(jobKind, {
  exporter: jobExporter,
  provisioner: JOB_PROVISIONER,
});
