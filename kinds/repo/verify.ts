import type { KindVerifySpec } from "../../verify/spec";

/** Matched by path; sparse checkout patterns are a set. */
export const REPO_VERIFY: KindVerifySpec<"repo"> = {
  naturalKey: (d) => d.path,
  assignedIds: false,
  setFields: ["sparseCheckoutPatterns"],
};
