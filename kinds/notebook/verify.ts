import type { KindVerifySpec } from "../../verify/spec";

/** A notebook is the same object in both workspaces at the same path. */
export const NOTEBOOK_VERIFY: KindVerifySpec<"notebook"> = { naturalKey: (d) => d.path, assignedIds: false };
