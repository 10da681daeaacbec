import { defineKind } from "../define";
import { groupReferences, groupSchema } from "./schema";

export * from "./schema";

/** The `group` kind's contract (kinds/contracts.ts); module.ts ties its exporter and provisioner to it. */
export const groupKind = defineKind({
  name: "group",
  title: "groups",
  schema: groupSchema,
  references: groupReferences,
  hasContent: false,
  // Created, then its members set (a PATCH per group holding members: 21 per 12 groups measured on large).
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 2 } },
});
