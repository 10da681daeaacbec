import { z } from "zod";
import { apiShape, Ref, workspacePath } from "../common";

/**
 * An AI/BI (Lakeview) dashboard as `GET /api/2.0/lakeview/dashboards/{id}` returns it (the Lakeview REST
 * reference's Dashboard object), read-only fields (path, etag, times, lifecycle state) left out, and its
 * published state (`GET .../published`: PublishedDashboard) apart. The definition is the JSON text of
 * `serialized_dashboard`, checked to be JSON; the warehouse is the secondary's once the stack remaps it.
 */
const str = z.string();

const jsonText = str.refine(
  (s) => {
    try {
      const v: unknown = JSON.parse(s);
      return !!v && typeof v === "object" && !Array.isArray(v);
    } catch {
      return false;
    }
  },
  { message: "serialized_dashboard must be the JSON text of an object" },
);

export const dashboardSettingsSchema = z.looseObject({
  display_name: str.min(1),
  parent_path: workspacePath,
  serialized_dashboard: jsonText,
  warehouse_id: str.min(1).optional(),
  dataset_catalog: str.optional(),
  dataset_schema: str.optional(),
});

/** PublishedDashboard: who runs the published version's queries, and on which warehouse. */
export const publishedSchema = z.looseObject({
  embed_credentials: z.boolean(),
  warehouse_id: str.min(1).optional(),
  display_name: str.optional(),
});

export const dashboardSchema = z.object({
  /** The primary's dashboard_id: the stable id; the stack maps it to the secondary's. */
  id: str.min(1),
  name: str.min(1),
  settings: apiShape(dashboardSettingsSchema),
  /** The published version, or null when the primary's dashboard is a draft never published. */
  published: publishedSchema.nullable(),
});
export type DashboardDescriptor = z.infer<typeof dashboardSchema>;

/**
 * What a dashboard names: its warehouse (hard), the published version's warehouse (named even when it is
 * the draft's, so verify compares both by what they are), its folder (soft).
 */
export function dashboardReferences(d: DashboardDescriptor): Ref[] {
  const refs: Ref[] = [];
  const s = d.settings;
  if (typeof s.warehouse_id === "string")
    refs.push({ kind: "sql-warehouse", id: s.warehouse_id, field: "settings.warehouse_id" });
  const pub = d.published?.warehouse_id;
  if (typeof pub === "string") refs.push({ kind: "sql-warehouse", id: pub, field: "published.warehouse_id" });
  if (typeof s.parent_path === "string" && s.parent_path !== "/")
    refs.push({ kind: "directory", id: s.parent_path, field: "settings.parent_path" });
  return refs;
}
