import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { sqlQueryArgs } from "./mapping";
import { SqlQueryDescriptor, sqlQueryReferences } from "./schema";

/** Queries a query-backed parameter reads from come first, so their secondary ids resolve (cycles keep order). */
export function queriesInDependencyOrder(items: SqlQueryDescriptor[]): SqlQueryDescriptor[] {
  const byId = new Map(items.map((d) => [d.id, d]));
  const out: SqlQueryDescriptor[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (d: SqlQueryDescriptor) => {
    if (state.has(d.id)) return;
    state.set(d.id, "visiting");
    for (const r of sqlQueryReferences(d)) {
      const dep = r.kind === "sql-query" ? byId.get(r.id) : undefined;
      if (dep) visit(dep);
    }
    state.set(d.id, "done");
    out.push(d);
  };
  items.forEach(visit);
  return out;
}

export function provisionSqlQueries(
  items: SqlQueryDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("sql-query", queriesInDependencyOrder(items), ctx, parent, {
    map: (d) => sqlQueryArgs(d, { resolve: ctx.registry.resolve }),
    prefix: "query",
    create: (name, args, opts) => new databricks.Query(name, args, opts),
    label: (d) => d.name,
  });
}

/** In the jobs group, before the jobs (a sql_task names the query), after the warehouses. */
export const SQL_QUERY_PROVISIONER: Provisioner<"sql-query"> = {
  group: "jobs",
  order: 0,
  provision: provisionSqlQueries,
};
