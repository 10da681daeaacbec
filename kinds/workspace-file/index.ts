import { defineKind } from "../define";
import { workspaceFileSchema } from "./schema";

export * from "./schema";

/** The `workspace-file` kind's contract (workspace files); module.ts ties it to its exporter, provisioner and verify rules. */
export const workspaceFileKind = defineKind({
  name: "workspace-file",
  title: "workspace files",
  schema: workspaceFileSchema,
  references: () => [],
  hasContent: true,
  permissions: {
    objectType: "files",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "workspaceFilePath",
    targets: "workspace-tree",
  },
  rto: {
    stage: "workspace tree",
    perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
    batched: { "workspace-import": 1 },
  },
});
