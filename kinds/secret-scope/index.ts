import { defineKind } from "../define";
import { secretScopeSchema } from "./schema";

export * from "./schema";

/** The `secret-scope` kind's contract (secret scopes); module.ts ties it to its exporter, provisioner and verify rules. */
export const secretScopeKind = defineKind({
  name: "secret-scope",
  title: "secret scopes",
  schema: secretScopeSchema,
  references: () => [],
  hasContent: false,
  // The scope, its ACLs (about 2 per scope measured), the deploying principal's MANAGE removed (SCIM Me).
  rto: { stage: "identities and standalone objects", perObject: { secrets: 3, "scim-get": 1 } },
});
