import type { KindName } from "../kinds/common";

/**
 * Unity Catalog objects a secondary lacks by design, as the README documents them (section "Unity
 * Catalog"): functions (the provider has no function resource) and connections (they hold credentials the
 * snapshot never has) are manual actions; a MANAGED table's data lives in Unity Catalog's managed storage
 * and is copied separately (DEEP CLONE, Delta Sharing, or the deep-clone job when it has run). Such a
 * missing object is expected, with the reason; every other missing object still counts. Written from the
 * README and the API's own `table_type`, not from the stack's code (verify judges the stack).
 */
export function manualByDesign(kind: KindName, d: unknown): string | undefined {
  switch (kind) {
    case "uc-function":
      return "a manual action: re-created by hand (the provider has no function resource)";
    case "uc-connection":
      return "a manual action: a connection holds credentials the snapshot never has";
    case "uc-table":
      return (d as { tableType?: unknown }).tableType === "MANAGED"
        ? "managed table: data to replicate (DEEP CLONE or Delta Sharing), listed in dataToReplicate"
        : undefined;
    default:
      return undefined;
  }
}
