import { defineModule } from "../define-module";
import { clusterPolicyKind } from "./index";
import { clusterPolicyExporter } from "./exporter";
import { CLUSTER_POLICY_PROVISIONER } from "./provisioner";

export const clusterPolicyModule = defineModule(clusterPolicyKind, {
  exporter: clusterPolicyExporter,
  provisioner: CLUSTER_POLICY_PROVISIONER,
});
