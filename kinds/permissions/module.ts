import { defineModule } from "../define-module";
import { permissionsKind } from "./index";
import { permissionsExporter } from "./exporter";
import { PERMISSIONS_PROVISIONER } from "./provisioner";

export const permissionsModule = defineModule(permissionsKind, {
  exporter: permissionsExporter,
  provisioner: PERMISSIONS_PROVISIONER,
});
