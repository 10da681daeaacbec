import { defineKind } from "../define";
import { dbfsFileSchema } from "./schema";

export * from "./schema";

/** The `dbfs-file` kind's contract (DBFS files); module.ts ties it to its exporter, provisioner and verify rules. */
export const dbfsFileKind = defineKind({
  name: "dbfs-file",
  title: "DBFS files",
  schema: dbfsFileSchema,
  references: () => [],
  hasContent: true,
  // create, add-block (one per MB: the measured files are small), close.
  rto: { stage: "identities and standalone objects", perObject: { dbfs: 3 } },
});
