import { defineKind } from "../define";
import { sqlDashboardReferences, sqlDashboardSchema } from "./schema";

export * from "./schema";

/** The `sql-dashboard` kind's contract (kinds/contracts.ts); module.ts ties its exporter, provisioner, verify. */
export const sqlDashboardKind = defineKind({
  name: "sql-dashboard",
  title: "SQL dashboards (legacy)",
  schema: sqlDashboardSchema,
  references: sqlDashboardReferences,
  hasContent: false,
  hardReference: true,
  jobTaskReferences: ["sql_task.dashboard.dashboard_id"],
  inventoryFamily: "SQL dashboards (legacy)",
  // The legacy SQL permissions API (flat entries), as get-sql-dashboard-permissions.json records it; the
  // `{type}` of its path is `dashboards`, the key is apart from the AI/BI dashboards' `dashboards`.
  permissions: {
    objectType: "sql-dashboards",
    levels: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "sqlDashboardId",
    apiType: "dashboards",
    api: "sql-legacy",
  },
  // The dashboard, then per widget its visualization and the widget (as the round trip sends them): the
  // sample's has a chart and a text box, 4 calls.
  rto: { stage: "SQL dashboards", perObject: { other: 4 } },
});
