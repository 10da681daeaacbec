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
    case "ip-access-list":
      // README "IP access lists": a list disabled in the primary is not created (no effect there either).
      return (d as { enabled?: unknown }).enabled === false
        ? "disabled in the primary: not created (the provider would create it enabled)"
        : (d as { label?: unknown }).label === "databricks-dr: the secondary's own addresses"
          ? "the other region's own-addresses list (each stack makes its own)"
          : undefined;
    case "serving-endpoint":
      // README "Model serving endpoints": an endpoint serving a workspace model registry model is a manual action.
      return servesRegistryModel(d)
        ? "serves a workspace model registry model: a manual action (its model versions are data, not replicated)"
        : undefined;
    case "mlflow-experiment":
      // README "MLflow experiments": a notebook's own experiment is made by the notebook, not by the stack.
      return (d as { settings?: { tags?: { key?: unknown; value?: unknown }[] } }).settings?.tags?.some(
        (t) => t.key === "mlflow.experimentType" && t.value === "NOTEBOOK",
      )
        ? "a notebook's own experiment: made by the notebook's first run in the secondary (its runs are data)"
        : undefined;
    default:
      return undefined;
  }
}

/** A served model or entity named without `catalog.schema.` and no external model: the workspace registry's. */
function servesRegistryModel(d: unknown): boolean {
  const c = ((d as { settings?: { config?: Record<string, unknown> } }).settings?.config ?? {}) as Record<
    string,
    unknown
  >;
  const served = [c.served_entities, c.served_models].flatMap((l) =>
    Array.isArray(l) ? (l as Record<string, unknown>[]) : [],
  );
  return served.some((e) => {
    if (e.external_model) return false;
    const name = e.entity_name ?? e.model_name;
    return typeof name === "string" && name.split(".").length !== 3;
  });
}
