import { WorkspaceFileDescriptor } from "./schema";

/** verify/kinds.ts: a workspace file is the same object in both workspaces at the same path. */
export const WORKSPACE_FILE_VERIFY = {
  naturalKey: (d: WorkspaceFileDescriptor) => d.path,
  assignedIds: false,
} as const;
