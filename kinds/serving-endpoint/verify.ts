import type { KindVerifySpec } from "../../verify/spec";
import { ExpectedRule, SecondaryCheck } from "../../verify/rules";

type Obj = Record<string, unknown>;
/**
 * The README's passive policy (section "Model serving endpoints"), written here and not taken from the
 * mapping: verify judges the stack. Small is the smallest documented workload size (up to 4 concurrent
 * requests).
 */
const SMALLEST_WORKLOAD_SIZE = "Small";
const SMALLEST_CONCURRENCY = 4;
const SERVED = ["settings.config.served_entities[]", "settings.config.served_models[]"];
const at = (field: string) => SERVED.map((p) => `${p}.${field}`);

/** While passive every served entity scales to zero at the smallest size (kinds/serving-endpoint/mapping.ts). */
export const scaledDownWhilePassive: ExpectedRule = {
  id: "serving-scaled-down-while-passive",
  paths: [
    ...at("scale_to_zero_enabled"),
    ...at("workload_size"),
    ...at("min_provisioned_concurrency"),
    ...at("max_provisioned_concurrency"),
    ...at("min_provisioned_throughput"),
  ],
  explain(d, ctx) {
    if (ctx.mode !== "passive") return undefined;
    const field = d.path.slice(d.path.lastIndexOf(".") + 1);
    const ok =
      (field === "scale_to_zero_enabled" && d.secondary === true) ||
      (field === "workload_size" && d.secondary === SMALLEST_WORKLOAD_SIZE) ||
      ((field === "min_provisioned_concurrency" || field === "min_provisioned_throughput") &&
        d.secondary === 0) ||
      (field === "max_provisioned_concurrency" &&
        typeof d.secondary === "number" &&
        d.secondary <= SMALLEST_CONCURRENCY);
    return ok
      ? "scaled to zero at the smallest size while the secondary is passive (restored on activation)"
      : undefined;
  },
};

const served = (d: unknown): { e: Obj; path: string }[] => {
  const c = ((d as Obj | undefined)?.settings as Obj | undefined)?.config as Obj | undefined;
  const out: { e: Obj; path: string }[] = [];
  for (const key of ["served_entities", "served_models"]) {
    const list = Array.isArray(c?.[key]) ? (c![key] as Obj[]) : [];
    list.forEach((e, i) => {
      if (e && typeof e === "object" && !e.external_model)
        out.push({ e, path: `settings.config.${key}[${i}]` });
    });
  }
  return out;
};

/** While passive no served entity of the secondary may hold compute: it would cost what the primary costs. */
export const mustBeScaledDownWhilePassive: SecondaryCheck = {
  id: "serving-not-scaled-down-while-passive",
  check(secondary, _primary, ctx) {
    if (ctx.mode !== "passive") return [];
    const note = "must scale to zero at the smallest size while the secondary is passive";
    const out: ReturnType<SecondaryCheck["check"]> = [];
    for (const { e, path } of served(secondary)) {
      if (e.scale_to_zero_enabled !== true)
        out.push({
          path: `${path}.scale_to_zero_enabled`,
          primary: undefined,
          secondary: e.scale_to_zero_enabled,
          note,
        });
      if (e.workload_size !== undefined && e.workload_size !== SMALLEST_WORKLOAD_SIZE)
        out.push({ path: `${path}.workload_size`, primary: undefined, secondary: e.workload_size, note });
      for (const f of ["min_provisioned_concurrency", "min_provisioned_throughput"])
        if (typeof e[f] === "number" && (e[f] as number) > 0)
          out.push({ path: `${path}.${f}`, primary: undefined, secondary: e[f], note });
    }
    return out;
  },
};

/** Endpoints are matched by name (unique per workspace; ids are assigned by each workspace). */
export const SERVING_ENDPOINT_VERIFY: KindVerifySpec<"serving-endpoint"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  keyedArrays: {
    "settings.config.served_entities": "name",
    "settings.config.served_models": "name",
    "settings.tags": "key",
  },
  setFields: ["settings.config.traffic_config.routes", "settings.ai_gateway.rate_limits"],
  expected: [scaledDownWhilePassive],
  checks: [mustBeScaledDownWhilePassive],
  // README "Model serving endpoints": an endpoint serving a workspace model registry model is a manual action.
  missingByDesign: (d) =>
    servesRegistryModel(d)
      ? "serves a workspace model registry model: a manual action (its model versions are data, not replicated)"
      : undefined,
};

/** A served model or entity named without `catalog.schema.` and no external model: the workspace registry's. */
function servesRegistryModel(d: { settings?: { config?: Record<string, unknown> } }): boolean {
  const c = d.settings?.config ?? {};
  const served = [c.served_entities, c.served_models].flatMap((l) =>
    Array.isArray(l) ? (l as Record<string, unknown>[]) : [],
  );
  return served.some((e) => {
    if (e.external_model) return false;
    const name = e.entity_name ?? e.model_name;
    return typeof name === "string" && name.split(".").length !== 3;
  });
}
