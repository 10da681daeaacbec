import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { computePolicy, provisionEach, ReplicaContext } from "../../components/workspace/context";
import { sqlWarehouseArgs } from "./mapping";
import { SqlWarehouseDescriptor } from "./schema";
import type { Provisioner } from "../../components/workspace/provisioner";

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

/** Warehouses: before the SQL objects and jobs that run on them. */
export const SQL_WAREHOUSE_PROVISIONER: Provisioner<"sql-warehouse"> = {
  group: "sqlWarehouses",
  order: 1,
  provision: provisionSqlWarehouses,
};
