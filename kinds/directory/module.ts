import { defineModule } from "../define-module";
import { directoryKind } from "./index";
import { directoryExporter } from "./exporter";
import { DIRECTORY_PROVISIONER } from "./provisioner";

export const directoryModule = defineModule(directoryKind, {
  exporter: directoryExporter,
  provisioner: DIRECTORY_PROVISIONER,
});
