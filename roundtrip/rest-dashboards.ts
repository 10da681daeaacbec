/**
 * Dashboards as REST calls, the way the Databricks Terraform provider (behind the Pulumi one) makes them
 * (sql/resource_sql_dashboard.go, resource_sql_visualization.go, resource_sql_widget.go,
 * dashboards/resource_dashboard.go):
 * - SqlDashboard: POST preview/sql/dashboards (name, tags, parent, dashboard_filters_enabled, run_as_role);
 *   update POST .../{id}; delete DELETE.
 * - SqlVisualization: POST preview/sql/visualizations with `options`/`query_plan` as JSON (the provider's
 *   strings are raw JSON) and the type upper-cased; the resource id is `<query id>/<visualization id>`.
 * - SqlWidget: POST preview/sql/widgets with options {parameterMappings, position {autoHeight, sizeX, sizeY,
 *   col, row}, title, description}, width 0, visualization_id (the part after `/`) or text; the resource id
 *   is `<dashboard id>/<widget id>`.
 * - Dashboard (AI/BI): POST lakeview/dashboards (when the parent folder is missing, "Path (...) doesn't
 *   exist.": mkdirs, then again), then POST .../published {warehouse_id, embed_credentials}; update PATCH
 *   and publish again; delete DELETE (a 403 on a trashed one is success).
 */
import { ApiError, DatabricksClient } from "../client";
import { apiBody, Inputs } from "./api-body";

// The shapes of rest-table.ts RestMapping and rest-deletes.ts RestDelete, spelled here so this file imports
// neither (they import it: no cycle, not even of types).
interface Applied {
  id: string;
  outputs?: Inputs;
}
interface RestMapping {
  call: string;
  create(c: DatabricksClient, inputs: Inputs): Promise<Applied>;
  update?(c: DatabricksClient, id: string, inputs: Inputs, old: Inputs): Promise<Applied>;
}
type RestDelete = (c: DatabricksClient, id: string, inputs: Inputs) => Promise<unknown>;

const SQL_DASHBOARD = "databricks:index/sqlDashboard:SqlDashboard";
const VISUALIZATION = "databricks:index/sqlVisualization:SqlVisualization";
const WIDGET = "databricks:index/sqlWidget:SqlWidget";
const DASHBOARD = "databricks:index/dashboard:Dashboard";
const LEGACY = "/api/2.0/preview/sql";
const LAKEVIEW = "/api/2.0/lakeview/dashboards";

const lastPart = (id: string) => id.split("/").pop()!;
const json = (v: unknown) => (typeof v === "string" && v !== "" ? (JSON.parse(v) as unknown) : undefined);

function legacyDashboardBody(inputs: Inputs): Inputs {
  const b = apiBody(SQL_DASHBOARD, inputs, { drop: ["createdAt", "updatedAt"] });
  return { ...b, tags: b.tags ?? [] };
}

function visualizationBody(inputs: Inputs): Inputs {
  const b = apiBody(VISUALIZATION, inputs, { drop: ["visualizationId"] });
  return {
    ...b,
    type: String(b.type).toUpperCase(),
    options: json(b.options) ?? {},
    ...(b.query_plan !== undefined ? { query_plan: json(b.query_plan) } : {}),
  };
}

function widgetBody(inputs: Inputs): Inputs {
  const b = apiBody(WIDGET, inputs, { drop: ["widgetId"] });
  const pos = b.position as Inputs | undefined;
  const params = (b.parameters as Inputs[] | undefined) ?? [];
  const options: Inputs = {
    parameterMappings: params.length
      ? Object.fromEntries(
          params.map((p) => [
            p.name,
            {
              name: p.name,
              type: p.type,
              ...(p.map_to ? { mapTo: p.map_to } : {}),
              ...(p.title ? { title: p.title } : {}),
              value: Array.isArray(p.values) && p.values.length ? p.values : (p.value ?? null),
            },
          ]),
        )
      : null,
    ...(pos
      ? {
          position: {
            autoHeight: pos.auto_height === true,
            sizeX: pos.size_x,
            sizeY: pos.size_y,
            col: pos.pos_x ?? 0,
            row: pos.pos_y ?? 0,
          },
        }
      : {}),
    ...(b.title ? { title: b.title } : {}),
    ...(b.description ? { description: b.description } : {}),
  };
  return {
    dashboard_id: b.dashboard_id,
    visualization_id: typeof b.visualization_id === "string" ? lastPart(b.visualization_id) : null,
    text: typeof b.text === "string" ? b.text : null,
    options,
    width: 0,
  };
}

function lakeviewBody(inputs: Inputs): { body: Inputs; query: Inputs; embed: boolean } {
  const b = apiBody(DASHBOARD, inputs, {
    drop: [
      "embedCredentials",
      "datasetCatalog",
      "datasetSchema",
      "filePath",
      "md5",
      "dashboardChangeDetected",
    ],
  });
  const query: Inputs = {};
  if (inputs.datasetCatalog !== undefined) query.dataset_catalog = inputs.datasetCatalog;
  if (inputs.datasetSchema !== undefined) query.dataset_schema = inputs.datasetSchema;
  return {
    body: b,
    query,
    embed: inputs.embedCredentials === undefined ? true : inputs.embedCredentials === true,
  };
}

const missingParent = (e: unknown) => e instanceof ApiError && /Path \(.*\) doesn't exist\./.test(e.message);

async function publish(c: DatabricksClient, id: string, warehouse: unknown, embed: boolean): Promise<void> {
  await c.post(`${LAKEVIEW}/${id}/published`, { warehouse_id: warehouse, embed_credentials: embed });
}

export const DASHBOARD_TABLE: Readonly<Record<string, RestMapping>> = {
  [SQL_DASHBOARD]: {
    call: `POST ${LEGACY}/dashboards`,
    async create(c, inputs): Promise<Applied> {
      const r = await c.post<{ id: string }>(`${LEGACY}/dashboards`, legacyDashboardBody(inputs));
      return { id: r.id };
    },
    async update(c, id, inputs): Promise<Applied> {
      await c.post(`${LEGACY}/dashboards/${id}`, legacyDashboardBody(inputs));
      return { id };
    },
  },
  [VISUALIZATION]: {
    call: `POST ${LEGACY}/visualizations`,
    async create(c, inputs): Promise<Applied> {
      const r = await c.post<{ id: string }>(`${LEGACY}/visualizations`, visualizationBody(inputs));
      return { id: `${String(inputs.queryId)}/${r.id}`, outputs: { visualizationId: r.id } };
    },
    async update(c, id, inputs): Promise<Applied> {
      await c.post(`${LEGACY}/visualizations/${lastPart(id)}`, visualizationBody(inputs));
      return { id, outputs: { visualizationId: lastPart(id) } };
    },
  },
  [WIDGET]: {
    call: `POST ${LEGACY}/widgets`,
    async create(c, inputs): Promise<Applied> {
      const r = await c.post<{ id: string }>(`${LEGACY}/widgets`, widgetBody(inputs));
      return { id: `${String(inputs.dashboardId)}/${r.id}`, outputs: { widgetId: r.id } };
    },
    async update(c, id, inputs): Promise<Applied> {
      await c.post(`${LEGACY}/widgets/${lastPart(id)}`, widgetBody(inputs));
      return { id, outputs: { widgetId: lastPart(id) } };
    },
  },
  [DASHBOARD]: {
    call: `POST ${LAKEVIEW} + /published`,
    async create(c, inputs): Promise<Applied> {
      const { body, query, embed } = lakeviewBody(inputs);
      const send = () =>
        c.request<{ dashboard_id: string; warehouse_id?: string }>("POST", LAKEVIEW, {
          body,
          query: query as never,
        });
      let r;
      try {
        r = await send();
      } catch (e) {
        if (!missingParent(e)) throw e;
        await c.post("/api/2.0/workspace/mkdirs", { path: body.parent_path });
        r = await send();
      }
      await publish(c, r.dashboard_id, r.warehouse_id ?? body.warehouse_id, embed);
      return { id: r.dashboard_id, outputs: { dashboardId: r.dashboard_id } };
    },
    async update(c, id, inputs): Promise<Applied> {
      const { body, query, embed } = lakeviewBody(inputs);
      await c.request("PATCH", `${LAKEVIEW}/${id}`, { body, query: query as never });
      await publish(c, id, body.warehouse_id, embed);
      return { id, outputs: { dashboardId: id } };
    },
  },
};

export const DASHBOARD_DELETES: Readonly<Record<string, RestDelete>> = {
  [SQL_DASHBOARD]: (c, id) => c.delete(`${LEGACY}/dashboards/${id}`),
  [VISUALIZATION]: (c, id) => c.delete(`${LEGACY}/visualizations/${lastPart(id)}`),
  [WIDGET]: (c, id) => c.delete(`${LEGACY}/widgets/${lastPart(id)}`),
  [DASHBOARD]: async (c, id) => {
    try {
      await c.delete(`${LAKEVIEW}/${id}`);
    } catch (e) {
      // Deleting a trashed dashboard answers 403: success when it is indeed in the trash.
      if (!(e instanceof ApiError && e.status === 403)) throw e;
      const d = await c.get<{ lifecycle_state?: string }>(`${LAKEVIEW}/${id}`);
      if (d.lifecycle_state !== "TRASHED") throw e;
    }
  },
};

/** Permissions on an AI/BI dashboard: the Permissions API by dashboard id. */
export const DASHBOARD_PERMISSION_TARGETS = {
  dashboardId: async (_c: DatabricksClient, v: string) => `dashboards/${v}`,
};
