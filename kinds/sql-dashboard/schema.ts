import { z } from "zod";
import { apiShape, Ref, workspacePath } from "../common";
import { principalKind } from "../sql-query/schema";

/**
 * A legacy Databricks SQL dashboard as `GET /api/2.0/preview/sql/dashboards/{id}` returns it
 * (get-sql-dashboard.json): its settings, and its widgets, each a text box or a visualization of a query.
 * Read-only fields (ids of the primary's folder, user, slug, times, version) are left out; the folder is
 * kept as its workspace path (the primary's `folders/<object id>` means nothing in the secondary).
 */
const str = z.string();

/** A widget's place on the grid (`col`/`row` are the provider's posX/posY). */
const positionSchema = z.looseObject({
  col: z.number().int().nonnegative().optional(),
  row: z.number().int().nonnegative().optional(),
  sizeX: z.number().int().positive().optional(),
  sizeY: z.number().int().positive().optional(),
  autoHeight: z.boolean().optional(),
});

/** How a widget feeds a parameter of its query: from the dashboard, the widget or a static value. */
const parameterMappingSchema = z.looseObject({
  name: str.min(1),
  type: str.min(1),
  mapTo: str.optional(),
  title: str.optional(),
  value: z.union([str, z.number(), z.array(str), z.null()]).optional(),
});

export const visualizationSchema = z.looseObject({
  /** The primary's visualization id (a visualization belongs to a query; widgets name it). */
  id: str.min(1),
  /** The query it shows (the widget's `visualization.query.id`): a `sql-query` descriptor's id. */
  query_id: str.min(1),
  type: str.min(1),
  name: str,
  description: z.union([str, z.null()]).optional(),
  options: z.record(str, z.unknown()),
  query_plan: z.unknown().optional(),
});

export const widgetSchema = z
  .object({
    /** The primary's widget id. */
    id: str.min(1),
    width: z.number().int().nonnegative(),
    text: str.optional(),
    options: z.looseObject({
      position: positionSchema.optional(),
      // null when the widget was written without mappings (the Terraform provider sends it so).
      parameterMappings: z.record(str, parameterMappingSchema).nullable().optional(),
      title: str.optional(),
      description: str.optional(),
      isHidden: z.boolean().optional(),
    }),
    visualization: visualizationSchema.optional(),
  })
  // An empty text box is a text box: only a widget that is both (or neither) is refused.
  .refine((w) => (w.visualization === undefined) !== (w.text === undefined), {
    message: "a widget is either a text box (text) or a visualization, not both or neither",
  });
export type SqlDashboardWidget = z.infer<typeof widgetSchema>;

export const sqlDashboardSettingsSchema = z.looseObject({
  name: str.min(1),
  tags: z.array(str).optional(),
  dashboard_filters_enabled: z.boolean().optional(),
  run_as_role: z.enum(["owner", "viewer"]).optional(),
  is_draft: z.boolean().optional(),
  refresh_schedules: z.array(z.unknown()).optional(),
});

export const sqlDashboardSchema = z.object({
  /** The primary's dashboard id: the stable id; the stack maps it to the secondary's. */
  id: str.min(1),
  name: str.min(1),
  settings: apiShape(sqlDashboardSettingsSchema),
  /** The folder the dashboard is in, by workspace path; absent when the primary's folder was not found. */
  parentPath: workspacePath.optional(),
  /** Who owns it in the primary (`user.email`). */
  owner: str.min(1).optional(),
  widgets: z.array(widgetSchema),
});
export type SqlDashboardDescriptor = z.infer<typeof sqlDashboardSchema>;

/** What a dashboard names: its folder and owner (soft) and the queries its visualizations show. */
export function sqlDashboardReferences(d: SqlDashboardDescriptor): Ref[] {
  const refs: Ref[] = [];
  if (d.parentPath) refs.push({ kind: "directory", id: d.parentPath, field: "parentPath" });
  d.widgets.forEach((w, i) => {
    if (w.visualization)
      refs.push({
        kind: "sql-query",
        id: w.visualization.query_id,
        field: `widgets[${i}].visualization.query_id`,
      });
  });
  if (d.owner) refs.push({ kind: principalKind(d.owner), id: d.owner, field: "owner" });
  return refs;
}
