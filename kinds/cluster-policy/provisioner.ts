import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { portEnvOf } from "../../components/mapping/portability";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import { clusterPolicyArgs } from "./mapping";
import { ClusterPolicyDescriptor } from "./schema";
import type { Provisioner } from "../../components/workspace/provisioner";

export function provisionClusterPolicies(
  items: ClusterPolicyDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("cluster-policy", items, ctx, parent, {
    map: (d) => clusterPolicyArgs(d, ctx.registry.resolve, portEnvOf(ctx.settings)),
    prefix: "policy",
    create: (name, args, opts) => new databricks.ClusterPolicy(name, args, opts),
    label: (d) => d.name,
  });
}

/** After the pools a policy can fix, before the clusters under it. */
export const CLUSTER_POLICY_PROVISIONER: Provisioner<"cluster-policy"> = {
  group: "compute",
  order: 2,
  provision: provisionClusterPolicies,
};
