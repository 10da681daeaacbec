import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import { Mapping, Resolver } from "../../components/mapping/refs";
import { SqlDashboardDescriptor, SqlDashboardWidget } from "./schema";

/** One visualization to create on the secondary's query, keyed by the primary's visualization id. */
export interface VisualizationPlan {
  key: string;
  args: databricks.SqlVisualizationArgs;
}
/** One widget; `visualization` is the key of the visualization it shows (text boxes have none). */
export interface WidgetPlan {
  key: string;
  visualization?: string;
  args: Omit<databricks.SqlWidgetArgs, "dashboardId" | "visualizationId">;
}
export interface SqlDashboardPlan {
  dashboard: databricks.SqlDashboardArgs;
  visualizations: VisualizationPlan[];
  widgets: WidgetPlan[];
}

/** A parameter mapping's value: the provider takes one string (`value`) or a list (`values`). */
function parameterArgs(options: SqlDashboardWidget["options"]): databricks.types.input.SqlWidgetParameter[] {
  return Object.values(options.parameterMappings ?? {}).map((p) => ({
    name: p.name,
    type: p.type,
    ...(p.mapTo ? { mapTo: p.mapTo } : {}),
    ...(p.title ? { title: p.title } : {}),
    ...(Array.isArray(p.value)
      ? { values: p.value }
      : p.value !== null && p.value !== undefined
        ? { value: String(p.value) }
        : {}),
  }));
}

function widgetArgs(w: SqlDashboardWidget): WidgetPlan["args"] {
  const o = w.options;
  const pos = o.position;
  const params = parameterArgs(o);
  return {
    ...(w.text !== undefined ? { text: w.text } : {}),
    ...(o.title ? { title: o.title } : {}),
    ...(o.description ? { description: o.description } : {}),
    ...(pos && pos.sizeX !== undefined && pos.sizeY !== undefined
      ? {
          position: {
            sizeX: pos.sizeX,
            sizeY: pos.sizeY,
            posX: pos.col ?? 0,
            posY: pos.row ?? 0,
            ...(pos.autoHeight !== undefined ? { autoHeight: pos.autoHeight } : {}),
          },
        }
      : {}),
    ...(params.length ? { parameters: params } : {}),
  };
}

/**
 * descriptor -> the provider's SqlDashboard, SqlVisualization and SqlWidget args. A visualization is
 * created on the secondary's query (a widget whose query is not there is left out, with a note; the
 * dashboard stays); the folder is the secondary's folder at the same path (`folder`), or, when that
 * folder has no id the stack knows, the dashboard lands in its creator's home with a note. Pure.
 */
export function sqlDashboardPlan(
  d: SqlDashboardDescriptor,
  opts: { resolve: Resolver; folder?: (path: string) => pulumi.Input<string> | undefined },
): Mapping<SqlDashboardPlan> {
  const notes: string[] = [];
  const s = d.settings;
  const parent = d.parentPath ? opts.folder?.(d.parentPath) : undefined;
  if (d.parentPath && parent === undefined)
    notes.push(`the folder ${d.parentPath} has no id in the secondary: created in the creator's home folder`);
  const dashboard: databricks.SqlDashboardArgs = {
    name: d.name,
    ...(Array.isArray(s.tags) ? { tags: s.tags as string[] } : {}),
    ...(parent !== undefined ? { parent } : {}),
    ...(typeof s.dashboard_filters_enabled === "boolean"
      ? { dashboardFiltersEnabled: s.dashboard_filters_enabled }
      : {}),
    ...(typeof s.run_as_role === "string" ? { runAsRole: s.run_as_role } : {}),
  };
  if (Array.isArray(s.refresh_schedules) && s.refresh_schedules.length)
    notes.push(
      "refresh schedules are not replicated: refresh it from a job (sql_task.dashboard) or set them again",
    );
  const visualizations = new Map<string, VisualizationPlan>();
  const widgets: WidgetPlan[] = [];
  d.widgets.forEach((w, i) => {
    const v = w.visualization;
    if (w.options.isHidden === true)
      notes.push(`widget ${w.id} is hidden in the primary: the provider shows it`);
    if (!v) {
      widgets.push({ key: w.id, args: widgetArgs(w) });
      return;
    }
    const field = `widgets[${i}].visualization.query_id`;
    const r = opts.resolve({ kind: "sql-query", id: v.query_id, field });
    if ("missing" in r) {
      notes.push(
        `widget ${w.id} left out: ${field} references sql-query ${JSON.stringify(v.query_id)}: ${r.missing}`,
      );
      return;
    }
    if (!visualizations.has(v.id))
      visualizations.set(v.id, {
        key: v.id,
        args: {
          queryId: r.value as pulumi.Input<string>,
          // The provider reads the type back lower-cased: sent so, it shows no change on the next run.
          type: v.type.toLowerCase(),
          name: v.name,
          ...(typeof v.description === "string" && v.description !== ""
            ? { description: v.description }
            : {}),
          options: JSON.stringify(v.options),
          ...(v.query_plan !== undefined && v.query_plan !== null
            ? { queryPlan: JSON.stringify(v.query_plan) }
            : {}),
        },
      });
    widgets.push({ key: w.id, visualization: v.id, args: widgetArgs(w) });
  });
  return { ok: true, args: { dashboard, visualizations: [...visualizations.values()], widgets }, notes };
}
