import type { Ref } from "../common";
import { SqlQueryDescriptor, sqlQueryReferences, sqlQuerySchema } from "./schema";

export * from "./schema";

/**
 * The `sql-query` kind's registry entry (spread into KINDS, kinds/registry.ts); its exporter, mapping,
 * provisioner and verify rules are the other files of this folder, each hooked in with one line.
 */
export const SQL_QUERY_KIND = {
  "sql-query": {
    name: "sql-query" as const,
    title: "SQL queries",
    schema: sqlQuerySchema,
    references: (d: SqlQueryDescriptor): Ref[] => sqlQueryReferences(d),
    hasContent: false as const,
  },
};
