import { defineKind } from "../define";
import { sqlQueryReferences, sqlQuerySchema } from "./schema";

export * from "./schema";

/** The `sql-query` kind's contract (kinds/contracts.ts); module.ts ties its exporter, provisioner, verify. */
export const sqlQueryKind = defineKind({
  name: "sql-query",
  title: "SQL queries",
  schema: sqlQuerySchema,
  references: sqlQueryReferences,
  hasContent: false,
  hardReference: true,
  jobTaskReferences: ["sql_task.query.query_id"],
  // Read through the legacy SQL permissions API (flat entries, no inheritance), as the recordings show.
  permissions: {
    objectType: "queries",
    levels: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "sqlQueryId",
    api: "sql-legacy",
  },
  // Created, then its owner PATCHed (as the round trip sends them); on the warehouse, before the alerts.
  rto: { stage: "SQL queries", perObject: { sql: 2 } },
});
