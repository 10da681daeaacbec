import type { KindVerifySpec } from "../../verify/spec";

/**
 * Lists are matched by type and label (the API refuses a second list of one type with the same label;
 * list ids are assigned by each workspace); the addresses are a set.
 */
export const IP_ACCESS_LIST_VERIFY: KindVerifySpec<"ip-access-list"> = {
  naturalKey: (d) => `${d.list_type}:${d.label}`,
  assignedIds: true,
  setFields: ["ip_addresses"],
};
