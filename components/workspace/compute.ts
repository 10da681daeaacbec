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
import { computePolicy, objectOptions, ReplicaContext, resourceName, skipObject } from "./context";

export function provisionDbfsFiles(
  items: DbfsFileDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("dbfs-file", items.length);
  for (const d of items) {
    const m = dbfsFileArgs(d, ctx.snapshot.root);
    if (!m.ok) {
      skipObject(ctx, "dbfs-file", d.id, m.skip);
      continue;
    }
    const r = new databricks.DbfsFile(resourceName("dbfs", d.id), m.args, objectOptions(ctx, parent));
    // Referrers spell it dbfs:/...: the provider's dbfsPath output.
    ctx.registry.set("dbfs-file", d.id, { resource: r, value: r.dbfsPath, label: d.id });
    ctx.report.replicated("dbfs-file");
  }
}

export function provisionGlobalInitScripts(
  items: GlobalInitScriptDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("global-init-script", items.length);
  for (const d of items) {
    const m = globalInitScriptArgs(d, ctx.snapshot.root);
    if (!m.ok) {
      skipObject(ctx, "global-init-script", d.id, m.skip);
      continue;
    }
    const r = new databricks.GlobalInitScript(resourceName("init", d.id), m.args, objectOptions(ctx, parent));
    ctx.registry.set("global-init-script", d.id, { resource: r, value: r.id, label: d.name });
    ctx.report.replicated("global-init-script");
  }
}

export function provisionClusterPolicies(
  items: ClusterPolicyDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("cluster-policy", items.length);
  for (const d of items) {
    const m = clusterPolicyArgs(d, ctx.registry.resolve);
    ctx.report.notes("cluster-policy", d.id, m.notes);
    if (!m.ok) {
      skipObject(ctx, "cluster-policy", d.id, m.skip);
      continue;
    }
    const r = new databricks.ClusterPolicy(resourceName("policy", d.id), m.args, objectOptions(ctx, parent));
    ctx.registry.set("cluster-policy", d.id, { resource: r, value: r.id, label: d.name });
    ctx.report.replicated("cluster-policy");
  }
}

export function provisionInstancePools(
  items: InstancePoolDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("instance-pool", items.length);
  for (const d of items) {
    const m = instancePoolArgs(d, computePolicy(ctx.settings));
    if (!m.ok) {
      skipObject(ctx, "instance-pool", d.id, m.skip);
      continue;
    }
    const r = new databricks.InstancePool(resourceName("pool", d.id), m.args, objectOptions(ctx, parent));
    ctx.registry.set("instance-pool", d.id, { resource: r, value: r.id, label: d.name });
    ctx.report.replicated("instance-pool");
    ctx.report.notes("instance-pool", d.id, m.notes);
  }
}

export function provisionClusters(items: ClusterDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  ctx.report.seen("cluster", items.length);
  const policy = computePolicy(ctx.settings);
  for (const d of items) {
    const m = clusterArgs(d, policy, ctx.registry.resolve);
    ctx.report.notes("cluster", d.id, m.notes);
    if (!m.ok) {
      ctx.report.skip("cluster", d.id, m.skip);
      ctx.registry.missing("cluster", d.id, m.skip);
      continue;
    }
    // single_user_name names a principal by name: depend on it explicitly.
    const dependsOn = ctx.registry.resourcesOf(
      clusterReferences(d).filter((r) => r.kind === "user" || r.kind === "service-principal"),
    );
    const r = new databricks.Cluster(
      resourceName("cluster", d.id),
      m.args,
      objectOptions(ctx, parent, { dependsOn }),
    );
    ctx.registry.set("cluster", d.id, { resource: r, value: r.id, label: d.name });
    ctx.report.replicated("cluster");
    if (policy.clusterStartPolicy !== "keepOriginal" && !policy.activation)
      ctx.report.action(
        "cluster",
        d.id,
        `starts when created (no API creates a terminated cluster); stops after ${m.args.autoterminationMinutes ?? "its"} idle minutes`,
      );
  }
}

export function provisionSqlWarehouses(
  items: SqlWarehouseDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("sql-warehouse", items.length);
  for (const d of items) {
    const m = sqlWarehouseArgs(d, computePolicy(ctx.settings));
    if (!m.ok) {
      ctx.report.skip("sql-warehouse", d.id, m.skip);
      ctx.registry.missing("sql-warehouse", d.id, m.skip);
      continue;
    }
    const r = new databricks.SqlEndpoint(resourceName("warehouse", d.id), m.args, objectOptions(ctx, parent));
    ctx.registry.set("sql-warehouse", d.id, { resource: r, value: r.id, label: d.name });
    ctx.report.replicated("sql-warehouse");
  }
}

export function provisionWorkspaceConf(
  items: WorkspaceConfDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("workspace-conf", items.length);
  for (const d of items) {
    const m = workspaceConfArgs(d);
    if (!m.ok) {
      skipObject(ctx, "workspace-conf", d.id, m.skip);
      continue;
    }
    new databricks.WorkspaceConf(resourceName("conf", d.id), m.args, objectOptions(ctx, parent));
    ctx.report.replicated("workspace-conf");
  }
}
