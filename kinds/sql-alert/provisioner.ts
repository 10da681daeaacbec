import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { sqlAlertArgs } from "./mapping";
import { SqlAlertDescriptor } from "./schema";

export function provisionSqlAlerts(
  items: SqlAlertDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("sql-alert", items, ctx, parent, {
    map: (d) => sqlAlertArgs(d, { resolve: ctx.registry.resolve }),
    prefix: "alert",
    create: (name, args, opts) => new databricks.Alert(name, args, opts),
    label: (d) => d.name,
  });
}

/** In the jobs group after the queries (an alert names one), before the jobs (a sql_task names it). */
export const SQL_ALERT_PROVISIONER: Provisioner<"sql-alert"> = {
  group: "jobs",
  order: 0.5,
  provision: provisionSqlAlerts,
};
