import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { portEnvOf } from "../../components/mapping/portability";
import { computePolicy, provisionEach, ReplicaContext } from "../../components/workspace/context";
import { clusterArgs } from "./mapping";
import { ClusterDescriptor, clusterReferences } from "./schema";
import type { Provisioner } from "../../components/workspace/provisioner";

export function provisionClusters(items: ClusterDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  const policy = computePolicy(ctx.settings);
  provisionEach("cluster", items, ctx, parent, {
    map: (d) => clusterArgs(d, policy, ctx.registry.resolve, portEnvOf(ctx.settings)),
    prefix: "cluster",
    create: (name, args, opts) => new databricks.Cluster(name, args, opts),
    label: (d) => d.name,
    // single_user_name names a principal by name: depend on it explicitly.
    dependsOn: (d) =>
      ctx.registry.resourcesOf(
        clusterReferences(d).filter((r) => r.kind === "user" || r.kind === "service-principal"),
      ),
    then: (d, args) => {
      if (policy.clusterStartPolicy !== "keepOriginal" && !policy.activation)
        ctx.report.action(
          "cluster",
          d.id,
          `starts when created (no API creates a terminated cluster); stops after ${args.autoterminationMinutes ?? "its"} idle minutes`,
        );
    },
  });
}

/** Last in compute: after the pools and policies a cluster names. */
export const CLUSTER_PROVISIONER: Provisioner<"cluster"> = {
  group: "compute",
  order: 3,
  provision: provisionClusters,
};
