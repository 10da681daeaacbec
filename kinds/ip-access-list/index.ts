import { defineKind } from "../define";
import { ipAccessListReferences, ipAccessListSchema } from "./schema";

export * from "./schema";

/**
 * The `ip-access-list` kind's contract (kinds/contracts.ts lists it); its exporter, provisioner and verify
 * rules are tied to it in module.ts. No ACLs (the Permissions API has no object type for lists).
 */
export const ipAccessListKind = defineKind({
  name: "ip-access-list",
  title: "IP access lists",
  schema: ipAccessListSchema,
  references: ipAccessListReferences,
  hasContent: false,
  inventoryFamily: "IP access lists",
  // POST /api/2.0/ip-access-lists per list (roundtrip/rest-table.ts), beside the other standalone settings.
  rto: { stage: "identities and standalone objects", perObject: { other: 1 } },
});
