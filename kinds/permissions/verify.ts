import type { KindVerifySpec } from "../../verify/spec";
import { PERMISSION_OBJECT_TYPES } from "../permission-types";

/** An ACL is matched by the object it is on, by ITS natural key: `jobs:nightly etl`, `notebooks:/Shared/x`. */
export const PERMISSIONS_VERIFY: KindVerifySpec<"permissions"> = {
  naturalKey(d, keyOf) {
    const kind = PERMISSION_OBJECT_TYPES[d.objectType];
    return `${d.objectType}:${(kind && keyOf(kind, d.objectId)) ?? d.objectId}`;
  },
  assignedIds: true,
  setFields: ["acl"],
  belongsTo: (d) => PERMISSION_OBJECT_TYPES[d.objectType],
};
