import { createJob } from "../routes/jobs";
import { createLakeviewDashboard, publishLakeviewDashboard } from "../routes/lakeview";
import { createLegacyDashboard, createVisualization, createWidget } from "../routes/sql-dashboards-write";
import { sqlCollection } from "../routes/sql-objects";
import { mkdirs } from "../routes/workspace";
import { WorkspaceState } from "../state/workspace-state";
import { grant, group } from "./build";
import { SAMPLE_SQL } from "./sample-sql";

/**
 * Dashboards of the sample workspace: a legacy SQL dashboard (get-sql-dashboard.json's shape) with a chart
 * on the sample's "Orders per day" query and a text widget, in /Shared/reports; two AI/BI (Lakeview)
 * dashboards on the sample's warehouse, one published without embedded credentials, one a draft in a
 * user's folder; grants to the analytics group on both families; a job refreshing both.
 */
export const SAMPLE_DASHBOARDS = {
  legacy: "8e4b3d5f-6a7c-4b8d-9e9f-0a1b2c3d4e5f",
  ordersChart: "9f5c4e6a-7b8d-4c9e-8f0a-1b2c3d4e5f60",
  chartWidget: "0a6d5f7b-8c9e-4dae-9b1c-2d3e4f5a6b70",
  textWidget: "1b7e6a8c-9daf-4ebf-8c2d-3e4f5a6b7c80",
  sales: "01ef2a3b4c5d16e7a8b9c0d1e2f3a4b5",
  draft: "01ef3b4c5d6e17f8b9c0d1e2f3a4b5c6",
};

const T = "2025-01-06T09:00:00Z";

/** A Lakeview definition: one dataset on the sample's orders table, one page with a counter. */
export function lakeviewDefinition(title: string, table: string): string {
  return JSON.stringify({
    datasets: [{ name: "orders", displayName: "Orders", queryLines: [`select * from ${table}`] }],
    pages: [
      {
        name: "overview",
        displayName: title,
        layout: [
          {
            widget: {
              name: "count",
              queries: [
                {
                  name: "main",
                  query: { datasetName: "orders", fields: [{ name: "n", expression: "COUNT(*)" }] },
                },
              ],
              spec: { version: 2, widgetType: "counter", encodings: { value: { fieldName: "n" } } },
            },
            position: { x: 0, y: 0, width: 2, height: 3 },
          },
        ],
      },
    ],
  });
}

export function buildSampleDashboards(state: WorkspaceState, warehouseId: string, owner: string): void {
  const reports = mkdirs(state, "/Shared/reports");
  const saved = state.currentUser;
  state.currentUser = owner;
  try {
    const d = createLegacyDashboard(
      state,
      { name: "Orders overview", parent: `folders/${reports.object_id}`, tags: ["sales"] },
      { id: SAMPLE_DASHBOARDS.legacy, time: T },
    );
    createVisualization(
      state,
      {
        query_id: SAMPLE_SQL.ordersQuery,
        type: "CHART",
        name: "Orders per day",
        description: "",
        options: {
          globalSeriesType: "column",
          columnMapping: { day: "x", orders: "y" },
          legend: { enabled: true },
        },
      },
      { id: SAMPLE_DASHBOARDS.ordersChart },
    );
    createWidget(
      state,
      {
        dashboard_id: d.id,
        visualization_id: SAMPLE_DASHBOARDS.ordersChart,
        width: 1,
        options: {
          isHidden: false,
          parameterMappings: {
            region: { name: "region", type: "dashboard-level", mapTo: "region", value: null, title: "" },
          },
          position: { autoHeight: false, col: 0, row: 0, sizeX: 3, sizeY: 8 },
        },
      },
      { id: SAMPLE_DASHBOARDS.chartWidget },
    );
    createWidget(
      state,
      {
        dashboard_id: d.id,
        text: "## Orders\nDaily orders of the selected region.",
        width: 1,
        options: {
          isHidden: false,
          parameterMappings: {},
          position: { autoHeight: false, col: 3, row: 0, sizeX: 3, sizeY: 4 },
        },
      },
      { id: SAMPLE_DASHBOARDS.textWidget },
    );
    state.sqlAcls.set(`dashboards/${d.id}`, {
      access_control_list: [
        { user_name: owner, permission_level: "CAN_MANAGE" },
        { group_name: "analytics", permission_level: "CAN_RUN" },
      ],
      object_id: `dashboards/${d.id}`,
      object_type: "dashboard",
    });

    createLakeviewDashboard(
      state,
      {
        display_name: "Sales KPIs",
        parent_path: "/Shared/reports",
        warehouse_id: warehouseId,
        serialized_dashboard: lakeviewDefinition("Sales KPIs", "sales.core.orders"),
      },
      { id: SAMPLE_DASHBOARDS.sales, time: T },
    );
    publishLakeviewDashboard(state, SAMPLE_DASHBOARDS.sales, { embed_credentials: false }, T);
    grant(state, `dashboards/${SAMPLE_DASHBOARDS.sales}`, group("analytics", "CAN_RUN"));
    const home = `/Users/${owner}`;
    mkdirs(state, home);
    createLakeviewDashboard(
      state,
      {
        display_name: "Regions draft",
        parent_path: home,
        warehouse_id: warehouseId,
        serialized_dashboard: lakeviewDefinition("Regions", "sales.core.orders"),
      },
      { id: SAMPLE_DASHBOARDS.draft, time: T },
    );
  } finally {
    state.currentUser = saved;
  }
  // A job that refreshes both dashboards every morning.
  createJob(
    state,
    {
      name: "Dashboards refresh",
      schedule: { quartz_cron_expression: "0 30 7 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
      tasks: [
        {
          task_key: "refresh_legacy",
          sql_task: { warehouse_id: warehouseId, dashboard: { dashboard_id: SAMPLE_DASHBOARDS.legacy } },
        },
        {
          task_key: "refresh_kpis",
          dashboard_task: {
            dashboard_id: SAMPLE_DASHBOARDS.sales,
            warehouse_id: warehouseId,
            subscription: { paused: false, subscribers: [{ user_name: owner }] },
          },
        },
      ],
    },
    { creator: owner },
  );
}

/** How many dashboards the large workspace holds (LargeSizes knobs). */
export interface LargeDashboardSizes {
  sqlDashboards: number;
  lakeviewDashboards: number;
}

/**
 * `sqlDashboards` legacy dashboards (a text widget each; every other one a chart on a query of the
 * workspace when it has any) and `lakeviewDashboards` AI/BI dashboards (every other one published),
 * spread over ten folders of /Shared/dashboards, on the first warehouse; every fifth granted to a group.
 */
export function buildLargeDashboards(
  state: WorkspaceState,
  n: LargeDashboardSizes,
  opts: { warehouseId?: string; group?: string; time: number },
): void {
  const queries = [...sqlCollection(state, "sql/queries").keys()];
  const folders = Array.from({ length: 10 }, (_, i) => mkdirs(state, `/Shared/dashboards/team-${i}`));
  const t = new Date(opts.time).toISOString().replace(/\.\d{3}Z$/, "Z");
  const hex = (i: number, len: number) => i.toString(16).padStart(len, "0");
  for (let i = 0; i < n.sqlDashboards; i++) {
    const id = `d0000000-0000-4000-8000-${hex(i, 12)}`;
    const d = createLegacyDashboard(
      state,
      { name: `legacy-dashboard-${i}`, parent: `folders/${folders[i % 10].object_id}`, tags: [`t${i % 3}`] },
      { id, time: t },
    );
    createWidget(
      state,
      {
        dashboard_id: d.id,
        text: `Dashboard ${i}`,
        width: 1,
        options: { parameterMappings: {}, position: { col: 0, row: 0, sizeX: 2, sizeY: 2 } },
      },
      { id: `e0000000-0000-4000-8000-${hex(i, 12)}` },
    );
    if (queries.length && i % 2 === 0) {
      const v = createVisualization(
        state,
        { query_id: queries[i % queries.length], type: "TABLE", name: "Table", options: {} },
        { id: `f0000000-0000-4000-8000-${hex(i, 12)}` },
      );
      createWidget(
        state,
        {
          dashboard_id: d.id,
          visualization_id: v.id,
          width: 1,
          options: { parameterMappings: {}, position: { col: 2, row: 0, sizeX: 3, sizeY: 8 } },
        },
        { id: `e1000000-0000-4000-8000-${hex(i, 12)}` },
      );
    }
    if (opts.group && i % 5 === 0)
      state.sqlAcls.set(`dashboards/${id}`, {
        access_control_list: [{ group_name: opts.group, permission_level: "CAN_RUN" }],
        object_id: `dashboards/${id}`,
        object_type: "dashboard",
      });
  }
  for (let i = 0; i < n.lakeviewDashboards; i++) {
    const id = `01ef0000000040008000${hex(i, 12)}`;
    createLakeviewDashboard(
      state,
      {
        display_name: `lakeview-dashboard-${i}`,
        parent_path: folders[i % 10].path,
        ...(opts.warehouseId ? { warehouse_id: opts.warehouseId } : {}),
        serialized_dashboard: lakeviewDefinition(`Dashboard ${i}`, `main.default.t${i % 7}`),
      },
      { id, time: t },
    );
    if (opts.warehouseId && i % 2 === 0)
      publishLakeviewDashboard(state, id, { embed_credentials: i % 4 === 0 }, t);
    if (opts.group && i % 5 === 0) grant(state, `dashboards/${id}`, group(opts.group, "CAN_RUN"));
  }
}
