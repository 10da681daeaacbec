import type { KindVerifySpec } from "../../verify/spec";

/** One settings object per workspace. */
export const WORKSPACE_CONF_VERIFY: KindVerifySpec<"workspace-conf"> = {
  naturalKey: (d) => d.id,
  assignedIds: false,
};
