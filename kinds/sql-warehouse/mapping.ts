import type * as databricks from "@pulumi/databricks";
import { WAREHOUSE_READ_ONLY } from "../read-only";
import { ApiObject } from "../common";
import { SqlWarehouseDescriptor } from "./schema";
import type { ComputePolicy } from "../../components/mapping/compute-policy";
import { cloneJson, toPulumiArgs } from "../../components/mapping/api-args";
import { skip, Mapping } from "../../components/mapping/refs";
import { markCredentialArgs } from "../../components/mapping/secret-args";
import { withWarehouseSourceTag } from "../../components/mapping/source-marker";

/** Read-only warehouse fields, and the legacy size/auto_resume the provider does not take. */
const WAREHOUSE_NOT_SETTABLE = [...WAREHOUSE_READ_ONLY, "size", "auto_resume"];

export function sqlWarehouseArgs(
  d: SqlWarehouseDescriptor,
  policy: ComputePolicy,
): Mapping<databricks.SqlEndpointArgs> {
  const spec = cloneJson(d.spec);
  // Read-only (or legacy) fields warehouses/get returns.
  for (const k of WAREHOUSE_NOT_SETTABLE) delete spec[k];
  if (typeof spec.cluster_size !== "string") return skip("the warehouse has no cluster_size in the snapshot");
  // Warehouses start when created, like clusters: while passive they stop after the short idle time.
  if (!policy.activation && policy.clusterStartPolicy !== "keepOriginal") {
    const own = typeof spec.auto_stop_mins === "number" ? spec.auto_stop_mins : undefined;
    const short = policy.passiveAutoTerminationMinutes;
    spec.auto_stop_mins = own === undefined || own === 0 || own > short ? short : own;
  }
  const args = toPulumiArgs(spec) as databricks.SqlEndpointArgs & ApiObject;
  // `tags` holds a list block, not a user-keyed map: `{ custom_tags: [{ key, value }] }` -> `{ customTags }`.
  const tags = spec.tags as ApiObject | undefined;
  const own =
    tags && typeof tags === "object" ? (toPulumiArgs(tags) as databricks.SqlEndpointArgs["tags"]) : undefined;
  args.tags = withWarehouseSourceTag(own as databricks.types.input.SqlEndpointTags | undefined, d.id);
  args.name = d.name;
  args.noWait = true;
  markCredentialArgs("sql-warehouse", d, "spec", spec, args);
  return { ok: true, args, notes: [] };
}
