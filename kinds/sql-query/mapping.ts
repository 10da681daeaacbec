import type * as databricks from "@pulumi/databricks";
import { cloneJson, toPulumiArgs } from "../../components/mapping/api-args";
import { Mapping, remapReferences, Resolver, skip } from "../../components/mapping/refs";
import { SqlQueryDescriptor, sqlQueryReferences } from "./schema";

/**
 * descriptor -> Query args (the provider's `databricks.Query`, the /api/2.0/sql/queries API): the warehouse
 * remapped to the secondary's (hard: without it the query is skipped), query-backed parameters to the
 * secondary's queries and the owner (soft: kept, with a note). Pure.
 */
export function sqlQueryArgs(
  d: SqlQueryDescriptor,
  opts: { resolve: Resolver },
): Mapping<databricks.QueryArgs> {
  const settings = cloneJson(d.settings);
  const root = { settings };
  const remap = remapReferences(root, sqlQueryReferences(d), opts.resolve);
  if (remap.skip) return skip(remap.skip, remap.notes);
  const args = toPulumiArgs(settings) as databricks.QueryArgs;
  return { ok: true, args, notes: remap.notes };
}
