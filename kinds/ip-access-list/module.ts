import { defineModule } from "../define-module";
import { ipAccessListKind } from "./index";
import { ipAccessListExporter } from "./exporter";
import { IP_ACCESS_LIST_PROVISIONER } from "./provisioner";

export const ipAccessListModule = defineModule(ipAccessListKind, {
  exporter: ipAccessListExporter,
  provisioner: IP_ACCESS_LIST_PROVISIONER,
});
