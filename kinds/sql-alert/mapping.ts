import type * as databricks from "@pulumi/databricks";
import { cloneJson, toPulumiArgs } from "../../components/mapping/api-args";
import { Mapping, remapReferences, Resolver, skip } from "../../components/mapping/refs";
import { SqlAlertDescriptor, sqlAlertReferences } from "./schema";

/**
 * descriptor -> Alert args (the provider's `databricks.Alert`, the /api/2.0/sql/alerts API): the query
 * remapped to the secondary's (hard), the owner soft. Pure.
 */
export function sqlAlertArgs(
  d: SqlAlertDescriptor,
  opts: { resolve: Resolver },
): Mapping<databricks.AlertArgs> {
  const settings = cloneJson(d.settings);
  const remap = remapReferences({ settings }, sqlAlertReferences(d), opts.resolve);
  if (remap.skip) return skip(remap.skip, remap.notes);
  return { ok: true, args: toPulumiArgs(settings) as databricks.AlertArgs, notes: remap.notes };
}
