import type { KindVerifySpec } from "../../verify/spec";

/** AI/BI dashboards are matched by folder and name; the definition is compared as JSON, not as text. */
export const DASHBOARD_VERIFY: KindVerifySpec<"dashboard"> = {
  naturalKey: (d) => `${String(d.settings.parent_path ?? "")}/${d.name}`,
  assignedIds: true,
  jsonStringFields: ["settings.serialized_dashboard"],
};
