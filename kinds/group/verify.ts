import type { KindVerifySpec } from "../../verify/spec";
import { PRINCIPAL_SETS } from "../../verify/rules";
import { groupSourceMarker } from "../../verify/source-marker";

/** Matched by name; ids are each workspace's SCIM ids (a rename in the primary is the same group). */
export const GROUP_VERIFY: KindVerifySpec<"group"> = {
  naturalKey: (d) => d.displayName,
  assignedIds: true,
  setFields: ["members", ...PRINCIPAL_SETS],
  expected: [groupSourceMarker()],
};
