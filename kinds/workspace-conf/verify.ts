import { WorkspaceConfDescriptor } from "./schema";

/** verify/kinds.ts: one settings object per workspace. */
export const WORKSPACE_CONF_VERIFY = {
  naturalKey: (d: WorkspaceConfDescriptor) => d.id,
  assignedIds: false,
} as const;
