import { defineKind } from "../define";
import { notebookSchema } from "./schema";

export * from "./schema";

/** The `notebook` kind's contract (notebooks); module.ts ties it to its exporter, provisioner and verify rules. */
export const notebookKind = defineKind({
  name: "notebook",
  title: "notebooks",
  schema: notebookSchema,
  references: () => [],
  hasContent: true,
  permissions: {
    objectType: "notebooks",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "notebookPath",
    targets: "workspace-tree",
  },
  // The provider makes the parent folder, imports, and reads the object back.
  rto: {
    stage: "workspace tree",
    perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
    batched: { "workspace-import": 1 },
  },
});
