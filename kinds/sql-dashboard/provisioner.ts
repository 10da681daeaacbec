import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import {
  invokeOptions,
  objectOptions,
  provisionEach,
  ReplicaContext,
  resourceName,
} from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { sqlDashboardPlan } from "./mapping";
import { SqlDashboardDescriptor } from "./schema";

/**
 * The secondary's folder id at a path, as a legacy `parent` (`folders/<object id>`): read with the
 * provider's getDirectory once the stack has made the folder (its path is an output of the folder's
 * resource, a Directory or a folder-tree sync, so the read waits for it); none when the folder is not
 * replicated.
 */
function folderOf(
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  path: string,
): pulumi.Input<string> | undefined {
  const r = ctx.registry.resolve({ kind: "directory", id: path, field: "parentPath" });
  if ("missing" in r) return undefined;
  const dir = databricks.getDirectoryOutput(
    { path: pulumi.output(r.value).apply(String) },
    invokeOptions(ctx, parent),
  );
  return pulumi.interpolate`folders/${dir.objectId}`;
}

/** One SqlDashboard per dashboard, then its visualizations (on the secondary's queries) and widgets. */
export function provisionSqlDashboards(
  items: SqlDashboardDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("sql-dashboard", items, ctx, parent, {
    map: (d) =>
      sqlDashboardPlan(d, { resolve: ctx.registry.resolve, folder: (p) => folderOf(ctx, parent, p) }),
    prefix: "sql-dashboard",
    create: (name, plan, opts) => new databricks.SqlDashboard(name, plan.dashboard, opts),
    label: (d) => d.name,
    then: (d, plan, dashboard) => {
      const vis = new Map<string, databricks.SqlVisualization>();
      for (const v of plan.visualizations)
        vis.set(
          v.key,
          new databricks.SqlVisualization(
            resourceName("sql-visualization", `${d.id}/${v.key}`),
            v.args,
            objectOptions(ctx, parent),
          ),
        );
      for (const w of plan.widgets) {
        const v = w.visualization ? vis.get(w.visualization) : undefined;
        new databricks.SqlWidget(
          resourceName("sql-widget", `${d.id}/${w.key}`),
          { ...w.args, dashboardId: dashboard.id, ...(v ? { visualizationId: v.visualizationId } : {}) },
          objectOptions(ctx, parent, { dependsOn: v ? [dashboard, v] : [dashboard] }),
        );
      }
    },
  });
}

/** In the jobs group after the queries (widgets show them), before the jobs (sql_task.dashboard). */
export const SQL_DASHBOARD_PROVISIONER: Provisioner<"sql-dashboard"> = {
  group: "jobs",
  order: 0.6,
  provision: provisionSqlDashboards,
};
