import { defineModule } from "../define-module";
import { servicePrincipalKind } from "./index";
import { servicePrincipalExporter } from "./exporter";
import { SERVICE_PRINCIPAL_PROVISIONER } from "./provisioner";

export const servicePrincipalModule = defineModule(servicePrincipalKind, {
  exporter: servicePrincipalExporter,
  provisioner: SERVICE_PRINCIPAL_PROVISIONER,
});
