import { defineModule } from "../define-module";
import { groupKind } from "./index";
import { groupExporter } from "./exporter";
import { GROUP_PROVISIONER } from "./provisioner";

export const groupModule = defineModule(groupKind, {
  exporter: groupExporter,
  provisioner: GROUP_PROVISIONER,
});
