import type { KindVerifySpec } from "../../verify/spec";
import type { ExpectedRule } from "../../verify/rules";

/** README "IP access lists": the stack's own ALLOW list holds each region's own addresses. */
const OWN_LABEL = "databricks-dr: the secondary's own addresses";
export const ownAddressesPerRegion: ExpectedRule = {
  id: "ip-list-own-addresses",
  paths: ["ip_addresses[]"],
  explain: (_d, ctx) =>
    ctx.key === `ALLOW:${OWN_LABEL}`
      ? "the stack's list of each region's own addresses (secondaryIpAddresses)"
      : undefined,
};

/**
 * Lists are matched by type and label (the API refuses a second list of one type with the same label;
 * list ids are assigned by each workspace); the addresses are a set.
 */
/** The label the README gives the stack's own list (written here from the README, not the mapping). */
const OWN_ADDRESSES = "databricks-dr: the secondary's own addresses";

export const IP_ACCESS_LIST_VERIFY: KindVerifySpec<"ip-access-list"> = {
  naturalKey: (d) => `${d.list_type}:${d.label}`,
  assignedIds: true,
  setFields: ["ip_addresses"],
  expected: [ownAddressesPerRegion],
  // README "IP access lists": a list disabled in the primary is not created (no effect there either); each
  // region's stack makes its own ALLOW list of its addresses (secondaryIpAddresses).
  missingByDesign: (d) =>
    d.enabled === false
      ? "disabled in the primary: not created (the provider would create it enabled)"
      : d.label === OWN_ADDRESSES
        ? "the other region's own-addresses list (each stack makes its own)"
        : undefined,
  addedByStack: (_key, d) =>
    d.label === OWN_ADDRESSES
      ? "the ALLOW list of the secondary's own addresses (secondaryIpAddresses, added by the stack)"
      : undefined,
};
