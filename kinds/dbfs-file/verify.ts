import type { KindVerifySpec } from "../../verify/spec";

/** A DBFS file is its `dbfs:/` path in both workspaces. */
export const DBFS_FILE_VERIFY: KindVerifySpec<"dbfs-file"> = { naturalKey: (d) => d.id, assignedIds: false };
