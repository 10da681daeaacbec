import type { KindVerifySpec } from "../../verify/spec";
import { PRINCIPAL_SETS } from "../../verify/rules";

/** Matched by userName (the same person in both workspaces). */
export const USER_VERIFY: KindVerifySpec<"user"> = {
  naturalKey: (d) => d.userName,
  assignedIds: false,
  setFields: PRINCIPAL_SETS,
};
