import { defineModule } from "../define-module";
import { globalInitScriptKind } from "./index";
import { globalInitScriptExporter } from "./exporter";
import { GLOBAL_INIT_SCRIPT_PROVISIONER } from "./provisioner";

export const globalInitScriptModule = defineModule(globalInitScriptKind, {
  exporter: globalInitScriptExporter,
  provisioner: GLOBAL_INIT_SCRIPT_PROVISIONER,
});
