import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import { Mapping, Resolver, skip } from "../../components/mapping/refs";
import { DashboardDescriptor } from "./schema";

/**
 * descriptor -> the provider's `databricks.Dashboard` args (the Lakeview API): the definition as it is,
 * the warehouse remapped to the secondary's (hard: the provider requires one), the folder by path (the
 * provider makes it when missing). The provider publishes every dashboard it creates or updates, on the
 * draft's warehouse, with `embedCredentials`: the primary's published state is carried in it, and what
 * the provider cannot reproduce (a draft never published, a published version on another warehouse) is
 * a note. Pure.
 */
export function dashboardArgs(
  d: DashboardDescriptor,
  opts: { resolve: Resolver },
): Mapping<databricks.DashboardArgs> {
  const s = d.settings;
  const notes: string[] = [];
  if (typeof s.warehouse_id !== "string")
    return skip("the dashboard names no warehouse (the provider requires one)");
  const wh = opts.resolve({ kind: "sql-warehouse", id: s.warehouse_id, field: "settings.warehouse_id" });
  if ("missing" in wh)
    return skip(
      `settings.warehouse_id references sql-warehouse ${JSON.stringify(s.warehouse_id)}: ${wh.missing}`,
    );
  const pub = d.published;
  if (!pub)
    notes.push(
      "a draft never published in the primary: the provider publishes it in the secondary (unpublish it there if it must stay a draft)",
    );
  else if (pub.warehouse_id && pub.warehouse_id !== s.warehouse_id)
    notes.push(
      `published on warehouse ${pub.warehouse_id} in the primary, not the draft's: the secondary's is published on the draft's warehouse`,
    );
  // The folder by its secondary resource when the stack makes it (a Directory or the folder-tree sync), so the
  // dashboard waits for it; the provider would otherwise race the sync with a mkdirs of its own.
  const folder =
    s.parent_path === "/"
      ? undefined
      : opts.resolve({ kind: "directory", id: String(s.parent_path), field: "settings.parent_path" });
  const args: databricks.DashboardArgs = {
    displayName: d.name,
    parentPath: folder && "value" in folder ? (folder.value as pulumi.Input<string>) : String(s.parent_path),
    serializedDashboard: String(s.serialized_dashboard),
    warehouseId: wh.value as pulumi.Input<string>,
    // The provider's default is true (embedded); a draft is published as the API would by default.
    embedCredentials: pub ? pub.embed_credentials : true,
    ...(typeof s.dataset_catalog === "string" ? { datasetCatalog: s.dataset_catalog } : {}),
    ...(typeof s.dataset_schema === "string" ? { datasetSchema: s.dataset_schema } : {}),
  };
  return { ok: true, args, notes };
}
