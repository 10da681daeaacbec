import { defineModule } from "../define-module";
import { instancePoolKind } from "./index";
import { instancePoolExporter } from "./exporter";
import { INSTANCE_POOL_PROVISIONER } from "./provisioner";

export const instancePoolModule = defineModule(instancePoolKind, {
  exporter: instancePoolExporter,
  provisioner: INSTANCE_POOL_PROVISIONER,
});
