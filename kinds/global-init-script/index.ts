import { defineKind } from "../define";
import { globalInitScriptSchema } from "./schema";

export * from "./schema";

/** The `global-init-script` kind's contract (global init scripts); module.ts ties it to its exporter, provisioner and verify rules. */
export const globalInitScriptKind = defineKind({
  name: "global-init-script",
  title: "global init scripts",
  schema: globalInitScriptSchema,
  references: () => [],
  hasContent: true,
  rto: { stage: "identities and standalone objects", perObject: { "init-scripts": 1 } },
});
