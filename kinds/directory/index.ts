import { defineKind } from "../define";
import { directorySchema } from "./schema";

export * from "./schema";

/** The `directory` kind's contract (directories); module.ts ties it to its exporter, provisioner and verify rules. */
export const directoryKind = defineKind({
  name: "directory",
  title: "directories",
  schema: directorySchema,
  references: () => [],
  hasContent: false,
  permissions: {
    objectType: "directories",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "directoryPath",
    targets: "workspace-tree",
  },
  rto: {
    stage: "workspace tree",
    perObject: { "workspace-write": 1, "workspace-read": 1 },
    // A tree sync creates the deepest folders (mkdirs makes the parents): 23 mkdirs for 45 folders.
    batched: { "workspace-write": 0.5 },
  },
});
