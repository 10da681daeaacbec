import { arr, Obj, obj, omit, str } from "../../exporters/normalize";
import { KindExporter, Listed, SkipError } from "../../exporters/types";
import { ServingEndpointDescriptor } from "./schema";

export const SERVING_ENDPOINTS = "/api/2.0/serving-endpoints";

/** ServingEndpointDetailed fields the service sets (or that describe the caller), never sent back. */
const ENDPOINT_READ_ONLY = [
  "id",
  "name",
  "creator",
  "creation_timestamp",
  "last_updated_timestamp",
  "state",
  "pending_config",
  "permission_level",
  "endpoint_url",
  "data_plane_info",
  "task",
];
/** Per served entity / model: its deployment state and who made it; a foundation model's catalog card. */
const SERVED_READ_ONLY = ["state", "creator", "creation_timestamp", "foundation_model"];
const CONFIG_READ_ONLY = ["config_version"];

function cleanServed(list: unknown): Obj[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return arr(list).map((e) => omit(e, SERVED_READ_ONLY));
}

/**
 * serving-endpoints/{name} -> descriptor: the create request's fields (config, tags, ai_gateway,
 * route_optimized, ...) without what the service sets. A Databricks-managed pay-per-token endpoint
 * (`databricks-*`, serving a foundation model the platform hosts) is not the workspace's own: skipped.
 */
export function normalizeServingEndpoint(e: Obj): ServingEndpointDescriptor {
  const id = str(e.id);
  const name = str(e.name);
  if (!id || !name) throw new SkipError("serving endpoint without id or name");
  const config = obj(e.config);
  const entities = arr(config.served_entities);
  if (name.startsWith("databricks-") && entities.some((x) => x.foundation_model !== undefined))
    throw new SkipError(
      "a Databricks-managed pay-per-token endpoint: the platform provides it in every region that offers the model",
    );
  const settings = omit(e, ENDPOINT_READ_ONLY);
  if (e.config !== undefined) {
    const c = omit(config, CONFIG_READ_ONLY);
    const se = cleanServed(config.served_entities);
    const sm = cleanServed(config.served_models);
    if (se) c.served_entities = se;
    if (sm) c.served_models = sm;
    const capture = obj(config.auto_capture_config);
    if (config.auto_capture_config !== undefined) c.auto_capture_config = omit(capture, ["state"]);
    settings.config = c;
  }
  return { id, name, settings };
}

type Item = Listed & { name: string };

/**
 * serving-endpoints lists every endpoint in one answer (`endpoints`, no paging) with a summary of its
 * config; each endpoint is read by name. Its permissions are by `id`. A workspace without model serving
 * (FEATURE_DISABLED, 403, 404) makes the kind unavailable (client/host.ts): unknown, never 0.
 */
export const servingEndpointExporter: KindExporter<"serving-endpoint", Item> = {
  kind: "serving-endpoint",
  async list(ctx) {
    const body = await ctx.client.get<Obj>(SERVING_ENDPOINTS);
    if (body.endpoints !== undefined && !Array.isArray(body.endpoints))
      throw new Error(`${SERVING_ENDPOINTS}: "endpoints" is not a list`);
    const byId = new Map<string, Item>();
    for (const x of arr(body.endpoints)) {
      const id = str(x.id);
      const name = str(x.name);
      if (id && name && !byId.has(id)) byId.set(id, { id, name });
    }
    return [...byId.values()];
  },
  // The docs do not say which updates (tags, AI Gateway) move last_updated_timestamp: every endpoint is read.
  signature: () => undefined,
  async read(ctx, item) {
    const body = await ctx.client.get<Obj>(`${SERVING_ENDPOINTS}/${encodeURIComponent(item.name)}`);
    return normalizeServingEndpoint(body);
  },
};
