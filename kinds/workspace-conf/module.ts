import { defineModule } from "../define-module";
import { workspaceConfKind } from "./index";
import { workspaceConfExporter } from "./exporter";
import { WORKSPACE_CONF_PROVISIONER } from "./provisioner";

export const workspaceConfModule = defineModule(workspaceConfKind, {
  exporter: workspaceConfExporter,
  provisioner: WORKSPACE_CONF_PROVISIONER,
});
