import type { Ref } from "../common";
import { SqlAlertDescriptor, sqlAlertReferences, sqlAlertSchema } from "./schema";

export * from "./schema";

/** The `sql-alert` kind's registry entry (spread into KINDS, kinds/registry.ts). */
export const SQL_ALERT_KIND = {
  "sql-alert": {
    name: "sql-alert" as const,
    title: "SQL alerts",
    schema: sqlAlertSchema,
    references: (d: SqlAlertDescriptor): Ref[] => sqlAlertReferences(d),
    hasContent: false as const,
  },
};
