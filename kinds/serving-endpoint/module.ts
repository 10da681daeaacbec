import { defineModule } from "../define-module";
import { servingEndpointKind } from "./index";
import { servingEndpointExporter } from "./exporter";
import { SERVING_ENDPOINT_PROVISIONER } from "./provisioner";

export const servingEndpointModule = defineModule(servingEndpointKind, {
  exporter: servingEndpointExporter,
  provisioner: SERVING_ENDPOINT_PROVISIONER,
});
