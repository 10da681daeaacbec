import type { Ref } from "./common";
import { defineKind } from "./define";
import { groupReferences, groupSchema, servicePrincipalSchema, userSchema } from "./identities";

/**
 * Contracts of the kinds not yet in a folder of their own (issue 11 item 1: each moves to
 * kinds/<kind>/index.ts, and its line in kinds/contracts.ts then imports it from there).
 */
const none = (): Ref[] => [];

export const userKind = defineKind({
  name: "user",
  title: "users",
  schema: userSchema,
  references: none,
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 1 } },
});
export const groupKind = defineKind({
  name: "group",
  title: "groups",
  schema: groupSchema,
  references: groupReferences,
  hasContent: false,
  // Created, then its members set (a PATCH per group holding members: 21 per 12 groups measured on large).
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 2 } },
});
export const servicePrincipalKind = defineKind({
  name: "service-principal",
  title: "service principals",
  schema: servicePrincipalSchema,
  references: none,
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 1 } },
});
