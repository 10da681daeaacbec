import { DirectoryDescriptor } from "./schema";

/** verify/kinds.ts: a directory is the same object in both workspaces at the same path. */
export const DIRECTORY_VERIFY = {
  naturalKey: (d: DirectoryDescriptor) => d.path,
  assignedIds: false,
} as const;
