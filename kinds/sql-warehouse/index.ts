import type { Ref } from "../common";
import { defineKind } from "../define";
import { sqlWarehouseSchema } from "./schema";

export * from "./schema";

/** The `sql-warehouse` kind's contract (kinds/contracts.ts lists it; module.ts ties its parts to it). */
export const sqlWarehouseKind = defineKind({
  name: "sql-warehouse",
  title: "SQL warehouses",
  schema: sqlWarehouseSchema,
  references: (): Ref[] => [],
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "sql/warehouses",
    levels: ["CAN_USE", "CAN_MANAGE", "CAN_MONITOR", "CAN_VIEW", "IS_OWNER"],
    providerArg: "sqlEndpointId",
    batchable: true,
  },
  rto: { stage: "identities and standalone objects", perObject: { sql: 1 } },
});
