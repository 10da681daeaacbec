import type { KindVerifySpec } from "../../verify/spec";

/** Alerts are matched by folder and display name (alert ids are assigned by each workspace). */
export const SQL_ALERT_VERIFY: KindVerifySpec<"sql-alert"> = {
  naturalKey: (d) => `${String(d.settings.parent_path ?? "")}/${d.name}`,
  assignedIds: true,
};
