import { secretValueSuppliedSeparately } from "../../verify/rules";
import { SecretScopeDescriptor } from "./schema";

/** verify/kinds.ts: matched by name; key names and ACLs are sets; values come from config, not the snapshot. */
export const SECRET_SCOPE_VERIFY = {
  naturalKey: (d: SecretScopeDescriptor) => d.name,
  assignedIds: false,
  setFields: ["keys", "acls"],
  expected: [secretValueSuppliedSeparately("keys[]")],
} as const;
