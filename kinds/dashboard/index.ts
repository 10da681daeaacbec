import { defineKind } from "../define";
import { dashboardReferences, dashboardSchema } from "./schema";

export * from "./schema";

/** The `dashboard` (AI/BI, Lakeview) kind's contract (kinds/contracts.ts); module.ts ties the rest. */
export const dashboardKind = defineKind({
  name: "dashboard",
  title: "AI/BI dashboards",
  schema: dashboardSchema,
  references: dashboardReferences,
  hasContent: false,
  hardReference: true,
  jobTaskReferences: ["dashboard_task.dashboard_id"],
  inventoryFamily: "AI/BI dashboards",
  permissions: {
    objectType: "dashboards",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "dashboardId",
  },
  // Created, then published (the provider publishes every dashboard it creates).
  rto: { stage: "AI/BI dashboards", perObject: { other: 2 } },
});
