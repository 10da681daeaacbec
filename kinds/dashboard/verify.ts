import type { ExpectedRule } from "../../verify/rules";
import type { KindVerifySpec } from "../../verify/spec";

/** The provider publishes every dashboard it creates (dashboards/resource_dashboard.go): a draft comes back published. */
export const publishedByProvider: ExpectedRule = {
  id: "dashboard-published-by-provider",
  paths: ["published"],
  explain: (d) =>
    d.primary === null && d.secondary !== null && d.secondary !== undefined
      ? "a draft in the primary: the provider publishes every dashboard it creates"
      : undefined,
};

/** AI/BI dashboards are matched by folder and name; the definition is compared as JSON, not as text. */
export const DASHBOARD_VERIFY: KindVerifySpec<"dashboard"> = {
  naturalKey: (d) => `${String(d.settings.parent_path ?? "")}/${d.name}`,
  assignedIds: true,
  jsonStringFields: ["settings.serialized_dashboard"],
  expected: [publishedByProvider],
};
