import { secretValueSuppliedSeparately } from "../../verify/rules";
import type { KindVerifySpec } from "../../verify/spec";

/** Matched by name; key names and ACLs are sets; values come from config, not the snapshot. */
export const SECRET_SCOPE_VERIFY: KindVerifySpec<"secret-scope"> = {
  naturalKey: (d) => d.name,
  assignedIds: false,
  setFields: ["keys", "acls"],
  expected: [secretValueSuppliedSeparately("keys[]")],
};
