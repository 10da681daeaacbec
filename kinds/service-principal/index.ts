import type { Ref } from "../common";
import { defineKind } from "../define";
import { servicePrincipalSchema } from "./schema";

export * from "./schema";

/** The `service-principal` kind's contract (kinds/contracts.ts); module.ts ties its exporter and provisioner to it. */
export const servicePrincipalKind = defineKind({
  name: "service-principal",
  title: "service principals",
  schema: servicePrincipalSchema,
  references: (): Ref[] => [],
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 1 } },
});
