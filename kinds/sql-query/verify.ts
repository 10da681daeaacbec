import type { KindVerifySpec } from "../../verify/spec";

/** Queries are matched by folder and display name (query ids are assigned by each workspace). */
export const SQL_QUERY_VERIFY: KindVerifySpec<"sql-query"> = {
  naturalKey: (d) => `${String(d.settings.parent_path ?? "")}/${d.name}`,
  assignedIds: true,
  setFields: ["settings.tags"],
  keyedArrays: { "settings.parameters": "name" },
};
