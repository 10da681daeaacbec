import { defineKind } from "../define";
import { workspaceConfSchema } from "./schema";

export * from "./schema";

/** The `workspace-conf` kind's contract (workspace settings); module.ts ties it to its exporter, provisioner and verify rules. */
export const workspaceConfKind = defineKind({
  name: "workspace-conf",
  title: "workspace settings",
  schema: workspaceConfSchema,
  references: () => [],
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "workspace-conf": 1 } },
});
