import { defineKind } from "../define";
import { sqlAlertReferences, sqlAlertSchema } from "./schema";

export * from "./schema";

/** The `sql-alert` kind's contract (kinds/contracts.ts); module.ts ties its exporter, provisioner, verify. */
export const sqlAlertKind = defineKind({
  name: "sql-alert",
  title: "SQL alerts",
  schema: sqlAlertSchema,
  references: sqlAlertReferences,
  hasContent: false,
  hardReference: true,
  jobTaskReferences: ["sql_task.alert.alert_id"],
  permissions: {
    objectType: "alerts",
    levels: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "sqlAlertId",
    api: "sql-legacy",
  },
  // Created, then its owner PATCHed; after the queries it names.
  rto: { stage: "SQL alerts", perObject: { sql: 2 } },
});
