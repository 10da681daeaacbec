import { defineModule } from "../define-module";
import { servingEndpointKind } from "./index";
import { servingEndpointExporter } from "./exporter";
import { SERVING_ENDPOINT_PROVISIONER } from "./provisioner";
import { SERVING_ENDPOINT_VERIFY } from "./verify";

export const servingEndpointModule = defineModule(servingEndpointKind, {
  exporter: servingEndpointExporter,
  provisioner: SERVING_ENDPOINT_PROVISIONER,
  verify: SERVING_ENDPOINT_VERIFY,
});
