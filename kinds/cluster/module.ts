import { defineModule } from "../define-module";
import { clusterKind } from "./index";
import { clusterExporter } from "./exporter";
import { CLUSTER_PROVISIONER } from "./provisioner";

export const clusterModule = defineModule(clusterKind, {
  exporter: clusterExporter,
  provisioner: CLUSTER_PROVISIONER,
});
