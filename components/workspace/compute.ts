import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import {
  ClusterDescriptor,
  ClusterPolicyDescriptor,
  GlobalInitScriptDescriptor,
  InstancePoolDescriptor,
  SqlWarehouseDescriptor,
  WorkspaceConfDescriptor,
} from "../../kinds/compute";
import { clusterReferences } from "../../kinds/compute";
import { DbfsFileDescriptor } from "../../kinds/workspace-tree";
import { clusterArgs, clusterPolicyArgs, instancePoolArgs, sqlWarehouseArgs } from "../mapping/compute";
import { dbfsFileArgs, globalInitScriptArgs, workspaceConfArgs } from "../mapping/workspace-objects";
import { portEnvOf } from "../mapping/portability";
import { computePolicy, provisionEach, ReplicaContext } from "./context";

export function provisionDbfsFiles(
  items: DbfsFileDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("dbfs-file", items, ctx, parent, {
    map: (d) => dbfsFileArgs(d, ctx.snapshot.root),
    prefix: "dbfs",
    create: (name, args, opts) => new databricks.DbfsFile(name, args, opts),
    // Referrers spell it dbfs:/...: the provider's dbfsPath output.
    value: (r) => r.dbfsPath,
  });
}

export function provisionGlobalInitScripts(
  items: GlobalInitScriptDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("global-init-script", items, ctx, parent, {
    map: (d) => globalInitScriptArgs(d, ctx.snapshot.root, portEnvOf(ctx.settings)),
    prefix: "init",
    create: (name, args, opts) => new databricks.GlobalInitScript(name, args, opts),
    label: (d) => d.name,
  });
}

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

export function provisionInstancePools(
  items: InstancePoolDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("instance-pool", items, ctx, parent, {
    map: (d) => instancePoolArgs(d, computePolicy(ctx.settings), portEnvOf(ctx.settings)),
    prefix: "pool",
    create: (name, args, opts) => new databricks.InstancePool(name, args, opts),
    label: (d) => d.name,
  });
}

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

export function provisionSqlWarehouses(
  items: SqlWarehouseDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("sql-warehouse", items, ctx, parent, {
    map: (d) => sqlWarehouseArgs(d, computePolicy(ctx.settings)),
    prefix: "warehouse",
    create: (name, args, opts) => new databricks.SqlEndpoint(name, args, opts),
    label: (d) => d.name,
  });
}

export function provisionWorkspaceConf(
  items: WorkspaceConfDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("workspace-conf", items, ctx, parent, {
    map: (d) => workspaceConfArgs(d),
    prefix: "conf",
    create: (name, args, opts) => new databricks.WorkspaceConf(name, args, opts),
    value: null,
  });
}
