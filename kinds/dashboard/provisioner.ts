import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { dashboardArgs } from "./mapping";
import { DashboardDescriptor } from "./schema";

export function provisionDashboards(
  items: DashboardDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("dashboard", items, ctx, parent, {
    map: (d) => dashboardArgs(d, { resolve: ctx.registry.resolve }),
    prefix: "dashboard",
    create: (name, args, opts) => new databricks.Dashboard(name, args, opts),
    label: (d) => d.name,
  });
}

/** In the jobs group after the warehouses and the tree (its folder), before the jobs (dashboard_task). */
export const DASHBOARD_PROVISIONER: Provisioner<"dashboard"> = {
  group: "jobs",
  order: 0.7,
  provision: provisionDashboards,
};
