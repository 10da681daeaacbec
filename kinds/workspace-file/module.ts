import { defineModule } from "../define-module";
import { workspaceFileKind } from "./index";
import { workspaceFileExporter } from "./exporter";
import { WORKSPACE_FILE_PROVISIONER } from "./provisioner";
import { WORKSPACE_FILE_VERIFY } from "./verify";

export const workspaceFileModule = defineModule(workspaceFileKind, {
  exporter: workspaceFileExporter,
  provisioner: WORKSPACE_FILE_PROVISIONER,
  verify: WORKSPACE_FILE_VERIFY,
});
