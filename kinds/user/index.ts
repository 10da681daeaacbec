import type { Ref } from "../common";
import { defineKind } from "../define";
import { userSchema } from "./schema";

export * from "./schema";

/** The `user` kind's contract (kinds/contracts.ts); module.ts ties its exporter and provisioner to it. */
export const userKind = defineKind({
  name: "user",
  title: "users",
  schema: userSchema,
  references: (): Ref[] => [],
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 1 } },
});
