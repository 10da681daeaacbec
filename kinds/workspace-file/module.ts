import { defineModule } from "../define-module";
import { workspaceFileKind } from "./index";
import { workspaceFileExporter } from "./exporter";
import { WORKSPACE_FILE_PROVISIONER } from "./provisioner";

export const workspaceFileModule = defineModule(workspaceFileKind, {
  exporter: workspaceFileExporter,
  provisioner: WORKSPACE_FILE_PROVISIONER,
});
