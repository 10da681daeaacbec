import { defineKind } from "../define";
import { repoSchema } from "./schema";

export * from "./schema";

/** The `repo` kind's contract (repos); module.ts ties it to its exporter, provisioner and verify rules. */
export const repoKind = defineKind({
  name: "repo",
  title: "repos",
  schema: repoSchema,
  references: () => [],
  hasContent: false,
  permissions: {
    objectType: "repos",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "repoPath",
    targets: "repos",
  },
  // Created, then checked out on its branch (+ the read-back).
  rto: { stage: "workspace tree", perObject: { repos: 3 } },
});
