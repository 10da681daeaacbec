import { alreadyExists, EmulatorError, invalid, notFound } from "../errors";
import { ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { clone, compact, creatorEntry } from "./util";

/**
 * Serving Endpoints API (`/api/2.0/serving-endpoints`, docs.databricks.com/api/azure/workspace/servingendpoints):
 * create, get by name, list (one answer, no paging), PUT config, PATCH tags, PUT ai-gateway, PUT rate-limits,
 * delete. Names are unique per workspace; the Permissions API names an endpoint by its `id`. A config update
 * goes through `pending_config` and `state.config_update: IN_PROGRESS` for UPDATE_MS, then becomes `config`.
 */
export const SERVING = "/api/2.0/serving-endpoints";
/** How long a create or config update stays IN_PROGRESS (the service takes minutes; tests need it short). */
export const UPDATE_MS = 150;
/** Workload sizes the docs list for CPU/GPU served entities. */
export const WORKLOAD_SIZES = ["Small", "Medium", "Large"];

const NAME = /^[A-Za-z0-9_-]{1,63}$/;
const CONFIG_FIELDS = ["served_entities", "served_models", "traffic_config", "auto_capture_config"];

/** The emulator's endpoints by name (state.servingEndpoints). */
const endpoints = (s: WorkspaceState): Map<string, Obj> => s.servingEndpoints;

function endpointNamed(state: WorkspaceState, name: string): Obj {
  const e = endpoints(state).get(name);
  if (!e) throw notFound(`Endpoint with name '${name}' does not exist.`);
  settle(e);
  return e;
}

/** A pending config becomes the served one once its update time has passed. */
function settle(e: Obj): void {
  const at = e._ready_at as number | undefined;
  if (at === undefined || Date.now() < at) return;
  if (e.pending_config) {
    const { start_time: _s, ...cfg } = e.pending_config as Obj;
    e.config = cfg;
    delete e.pending_config;
  }
  delete e._ready_at;
  e.state = { ready: "READY", config_update: "NOT_UPDATING" };
}

/** A served entity's default name: its external model's name, else `entity_name-entity_version` ('.' and ':' → '-'). */
function defaultName(e: Obj, legacy: boolean): string {
  const ext = e.external_model as Obj | undefined;
  const base = ext
    ? String(ext.name)
    : legacy
      ? `${String(e.model_name)}-${String(e.model_version)}`
      : `${String(e.entity_name)}-${String(e.entity_version ?? "")}`.replace(/-$/, "");
  return base.replace(/[.:]/g, "-");
}

function checkServed(e: Obj, legacy: boolean, where: string): void {
  if (legacy ? !e.model_name || !e.model_version : !e.entity_name && !e.external_model)
    throw invalid(
      `${where}: ${legacy ? "model_name and model_version" : "entity_name or external_model"} must be specified.`,
    );
  const concurrency =
    e.min_provisioned_concurrency !== undefined || e.max_provisioned_concurrency !== undefined;
  if (e.workload_size !== undefined && concurrency)
    throw invalid(`${where}: workload_size and provisioned concurrency cannot both be specified.`);
  if (e.workload_size !== undefined && !WORKLOAD_SIZES.includes(String(e.workload_size)))
    throw invalid(`${where}: workload_size must be one of ${WORKLOAD_SIZES.join(", ")}.`);
  for (const f of ["min_provisioned_concurrency", "max_provisioned_concurrency"])
    if (e[f] !== undefined && (typeof e[f] !== "number" || (e[f] as number) % 4 !== 0))
      throw invalid(`${where}: ${f} must be a multiple of 4.`);
  const ext = e.external_model as Obj | undefined;
  if (ext && (!ext.name || !ext.provider || !ext.task))
    throw invalid(`${where}: external_model needs name, provider and task.`);
}

/** The served config of a create or PUT config body, as the service stores it (defaults filled, checked). */
function servedConfig(state: WorkspaceState, body: Obj, previous?: Obj): Obj {
  const cfg: Obj = {};
  for (const k of CONFIG_FIELDS) if (body[k] !== undefined) cfg[k] = clone(body[k]);
  const se = (cfg.served_entities as Obj[] | undefined) ?? [];
  const sm = (cfg.served_models as Obj[] | undefined) ?? [];
  if (se.length && sm.length)
    throw invalid("Only one of served_entities and served_models may be specified.");
  const legacy = sm.length > 0;
  const served = legacy ? sm : se;
  if (!served.length) throw invalid("At least one served entity must be specified.");
  const names = new Set<string>();
  served.forEach((e, i) => {
    const where = `${legacy ? "served_models" : "served_entities"}[${i}]`;
    checkServed(e, legacy, where);
    e.name ??= defaultName(e, legacy);
    if (names.has(String(e.name))) throw invalid(`Served entity name '${String(e.name)}' is not unique.`);
    names.add(String(e.name));
    if (!e.external_model) {
      e.scale_to_zero_enabled ??= false;
      e.workload_type ??= "CPU";
    }
    for (const f of Object.values((e.external_model as Obj | undefined) ?? {}))
      if (f && typeof f === "object")
        for (const k of Object.keys(f as Obj)) if (k.endsWith("_plaintext")) delete (f as Obj)[k];
    Object.assign(e, {
      state: { deployment: "DEPLOYMENT_READY", deployment_state_message: "" },
      creator: state.currentUser,
      creation_timestamp: state.now(),
    });
  });
  const routeKey = legacy ? "served_model_name" : "served_entity_name";
  let routes = ((cfg.traffic_config as Obj | undefined)?.routes as Obj[] | undefined) ?? undefined;
  if (!routes) {
    if (served.length > 1)
      throw invalid("traffic_config must be specified when serving more than one entity.");
    routes = [{ [routeKey]: served[0].name, traffic_percentage: 100 }];
  }
  let sum = 0;
  for (const r of routes) {
    const target = r.served_entity_name ?? r.served_model_name;
    if (!names.has(String(target)))
      throw invalid(`Traffic route names an unknown served entity '${String(target)}'.`);
    sum += Number(r.traffic_percentage ?? 0);
  }
  if (sum !== 100) throw invalid(`The traffic percentages of the routes must add up to 100, got ${sum}.`);
  cfg.traffic_config = { routes };
  const capture = cfg.auto_capture_config as Obj | undefined;
  if (capture)
    capture.state = {
      payload_table: { name: `${String(capture.table_name_prefix ?? "endpoint")}_payload`, status: "ACTIVE" },
    };
  cfg.config_version = Number(previous?.config_version ?? 0) + 1;
  return cfg;
}

function startUpdate(e: Obj, cfg: Obj): void {
  e.pending_config = { ...cfg, start_time: Date.now() };
  e.state = { ready: e.config ? "READY" : "NOT_READY", config_update: "IN_PROGRESS" };
  e._ready_at = Date.now() + UPDATE_MS;
}

/** ServingEndpointDetailed as get answers it (hidden bookkeeping left out). */
function detailed(e: Obj): Obj {
  const { _ready_at: _r, rate_limits: _l, ...out } = e;
  return clone({ ...out, permission_level: "CAN_MANAGE" });
}

/** The list's ServingEndpoint: a summary of the served entities, no sizes. */
function summary(e: Obj): Obj {
  const c = e.config as Obj | undefined;
  const pick = (list: unknown, keys: string[]) =>
    Array.isArray(list)
      ? (list as Obj[]).map((x) => compact(Object.fromEntries(keys.map((k) => [k, x[k]]))))
      : undefined;
  return compact({
    name: e.name,
    id: e.id,
    creator: e.creator,
    creation_timestamp: e.creation_timestamp,
    last_updated_timestamp: e.last_updated_timestamp,
    state: e.state,
    config: c
      ? compact({
          served_entities: pick(c.served_entities, [
            "name",
            "entity_name",
            "entity_version",
            "external_model",
          ]),
          served_models: pick(c.served_models, ["name", "model_name", "model_version"]),
          config_version: c.config_version,
        })
      : undefined,
    tags: e.tags,
    ai_gateway: e.ai_gateway,
    budget_policy_id: e.budget_policy_id,
    description: e.description,
    task: e.task,
  });
}

/** Creates an endpoint the way POST serving-endpoints does (also used by the seeds). */
export function createServingEndpoint(
  state: WorkspaceState,
  body: Obj,
  opts: { settled?: boolean } = {},
): Obj {
  const name = body.name;
  if (typeof name !== "string" || !NAME.test(name))
    throw invalid("The endpoint name must be 1-63 letters, digits, dashes or underscores.");
  if (endpoints(state).has(name)) throw alreadyExists(`Endpoint with name '${name}' already exists.`);
  const id = state.hexId(32);
  const now = state.now();
  const e: Obj = compact({
    name,
    id,
    creator: state.currentUser,
    creation_timestamp: now,
    last_updated_timestamp: now,
    tags: body.tags ? clone(body.tags) : undefined,
    rate_limits: body.rate_limits ? clone(body.rate_limits) : undefined,
    ai_gateway: body.ai_gateway ? clone(body.ai_gateway) : undefined,
    route_optimized: body.route_optimized === true ? true : undefined,
    budget_policy_id: body.budget_policy_id,
    description: body.description,
    email_notifications: body.email_notifications ? clone(body.email_notifications) : undefined,
  });
  if (e.route_optimized)
    e.endpoint_url = `https://${id}.serving.azuredatabricks.net/serving-endpoints/${name}`;
  const config = body.config as Obj | undefined;
  if (config) {
    const cfg = servedConfig(state, config);
    if (opts.settled) e.config = cfg;
    else startUpdate(e, cfg);
  }
  e.state ??= { ready: config ? "READY" : "NOT_READY", config_update: "NOT_UPDATING" };
  endpoints(state).set(name, e);
  state.acls.set(`serving-endpoints/${id}`, [creatorEntry(state, state.currentUser, "CAN_MANAGE")]);
  return e;
}

function notUpdating(e: Obj): void {
  if ((e.state as Obj | undefined)?.config_update === "IN_PROGRESS")
    throw new EmulatorError(
      409,
      "RESOURCE_CONFLICT",
      `Endpoint '${String(e.name)}' is currently being updated.`,
    );
}

export function registerServingEndpoints(r: Router): void {
  r.get(SERVING, (ctx) => {
    const all = [...endpoints(ctx.state).values()].sort((a, b) =>
      String(a.name).localeCompare(String(b.name)),
    );
    all.forEach(settle);
    return ok(all.length ? { endpoints: all.map(summary) } : {});
  });
  r.post(SERVING, (ctx) => ok(detailed(createServingEndpoint(ctx.state, ctx.body))));
  r.get(`${SERVING}/{name}`, (ctx) => ok(detailed(endpointNamed(ctx.state, ctx.params.name))));
  r.put(`${SERVING}/{name}/config`, (ctx: RequestContext) => {
    const e = endpointNamed(ctx.state, ctx.params.name);
    notUpdating(e);
    startUpdate(e, servedConfig(ctx.state, ctx.body, e.config as Obj | undefined));
    e.last_updated_timestamp = ctx.state.now();
    return ok(detailed(e));
  });
  r.patch(`${SERVING}/{name}/tags`, (ctx) => {
    const e = endpointNamed(ctx.state, ctx.params.name);
    const del = new Set(((ctx.body.delete_tags as string[] | undefined) ?? []).map(String));
    const add = (ctx.body.add_tags as Obj[] | undefined) ?? [];
    const kept = ((e.tags as Obj[] | undefined) ?? []).filter(
      (t) => !del.has(String(t.key)) && !add.some((a) => a.key === t.key),
    );
    const tags = [...kept, ...clone(add)];
    if (tags.length) e.tags = tags;
    else delete e.tags;
    e.last_updated_timestamp = ctx.state.now();
    return ok(tags.length ? { tags } : {});
  });
  r.put(`${SERVING}/{name}/ai-gateway`, (ctx) => {
    const e = endpointNamed(ctx.state, ctx.params.name);
    const gw = compact(clone(ctx.body));
    delete gw.name;
    if (Object.keys(gw).length) e.ai_gateway = gw;
    else delete e.ai_gateway;
    e.last_updated_timestamp = ctx.state.now();
    return ok(gw);
  });
  r.put(`${SERVING}/{name}/rate-limits`, (ctx) => {
    const e = endpointNamed(ctx.state, ctx.params.name);
    const limits = (ctx.body.rate_limits as Obj[] | undefined) ?? [];
    if (limits.length) e.rate_limits = clone(limits);
    else delete e.rate_limits;
    return ok(limits.length ? { rate_limits: limits } : {});
  });
  r.delete(`${SERVING}/{name}`, (ctx) => {
    const e = endpointNamed(ctx.state, ctx.params.name);
    endpoints(ctx.state).delete(String(e.name));
    ctx.state.acls.delete(`serving-endpoints/${String(e.id)}`);
    return ok({});
  });
}
