import { KindName } from "../kinds/common";
import { groupSourceMarker } from "./source-marker";
import { UC_VERIFY_KINDS } from "./unity-catalog";
import { MODULE_VERIFY, UnmovedKind } from "../kinds/modules";

export type { KeyLookup, KindVerifySpec } from "./spec";
import type { KindVerifySpec } from "./spec";

const PRINCIPAL_SETS = ["entitlements", "roles"] as const;

/** One entry per kind (typed over KindName, so a new kind fails to compile until verify knows it). */
const UNMOVED_VERIFY: { [K in UnmovedKind]: KindVerifySpec<K> } = {
  user: { naturalKey: (d) => d.userName, assignedIds: false, setFields: PRINCIPAL_SETS },
  group: {
    // Matched by name; ids are each workspace's SCIM ids (a rename in the primary is the same group).
    naturalKey: (d) => d.displayName,
    assignedIds: true,
    setFields: ["members", ...PRINCIPAL_SETS],
    expected: [groupSourceMarker()],
  },
  "service-principal": { naturalKey: (d) => d.applicationId, assignedIds: false, setFields: PRINCIPAL_SETS },
  ...UC_VERIFY_KINDS,
};

/** One entry per kind (typed over KindName, so a new kind fails to compile until verify knows it). */
export const VERIFY_KINDS: { [K in KindName]: KindVerifySpec<K> } = { ...UNMOVED_VERIFY, ...MODULE_VERIFY };

export function verifySpec<K extends KindName>(kind: K): KindVerifySpec<K> {
  return VERIFY_KINDS[kind];
}
