import type { KindVerifySpec } from "../../verify/spec";

/** A directory is the same object in both workspaces at the same path. */
export const DIRECTORY_VERIFY: KindVerifySpec<"directory"> = {
  naturalKey: (d) => d.path,
  assignedIds: false,
};
