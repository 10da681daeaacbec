import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { KindName } from "../../kinds/common";
import { AnyDescriptor } from "../../kinds/registry";
import { invokeOptions, ReplicaContext } from "./context";

/**
 * References to objects left to Databricks Managed DR (components/mapping/managed-dr.ts). Databricks' replica
 * keeps the object's name, so the secondary's id is found by name through the provider's data source; without
 * this every referrer would be skipped as "not in the secondary". Only the kinds a kind the stack still
 * replicates can reference: SQL warehouses (queries, dashboards, alerts through their query) and Unity
 * Catalog catalogs of the failover group (serving endpoints' UC models and inference tables name them). Clusters
 * and jobs are only referenced by jobs and ACLs, which Managed DR replicates together with them.
 */
const BY_NAME: Partial<
  Record<
    KindName,
    (d: AnyDescriptor, opts: pulumi.InvokeOptions) => { name: string; id: pulumi.Output<string> }
  >
> = {
  "sql-warehouse": (d, opts) => {
    const name = (d as { name: string }).name;
    return { name, id: databricks.getSqlWarehouseOutput({ name }, opts).id };
  },
  // A catalog's name is its id in both metastores (kinds/unity-catalog/catalog.ts): nothing to look up.
  "uc-catalog": (d) => {
    const name = (d as { name: string }).name;
    return { name, id: pulumi.output(name) };
  },
};

/** Registers the by-name lookup of each descriptor left to Managed DR; the lookup runs only when referenced. */
export function registerManagedLookups(
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  left: { kind: KindName; d: AnyDescriptor }[],
): void {
  for (const { kind, d } of left) {
    const byName = BY_NAME[kind];
    if (!byName) {
      // A soft reference keeps the source value (the same path or name in the secondary); its note says why.
      ctx.registry.missing(
        kind,
        d.id,
        "left to Databricks Managed DR, which keeps its name and path in the secondary",
      );
      continue;
    }
    ctx.registry.lookup(kind, d.id, () => {
      const found = byName(d, invokeOptions(ctx, parent));
      ctx.report.action(
        kind,
        d.id,
        `resolved by name ${JSON.stringify(found.name)} in the secondary: left to Managed DR`,
      );
      return { value: found.id, label: found.name };
    });
  }
}
