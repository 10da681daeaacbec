import { DbfsFileDescriptor } from "./schema";

/** verify/kinds.ts: a DBFS file is its `dbfs:/` path in both workspaces. */
export const DBFS_FILE_VERIFY = { naturalKey: (d: DbfsFileDescriptor) => d.id, assignedIds: false } as const;
