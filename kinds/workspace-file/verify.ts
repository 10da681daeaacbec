import type { KindVerifySpec } from "../../verify/spec";

/** A workspace file is the same object in both workspaces at the same path. */
export const WORKSPACE_FILE_VERIFY: KindVerifySpec<"workspace-file"> = {
  naturalKey: (d) => d.path,
  assignedIds: false,
};
