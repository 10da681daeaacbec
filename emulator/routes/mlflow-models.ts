import { alreadyExists, invalid, missingParam, notFound } from "../errors";
import { empty, intParam, ok, param, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { clone, creatorEntry, page } from "./util";

/**
 * The workspace model registry, as the Model Registry API reference documents it
 * (docs.databricks.com/api/model-registry): registered-models/list and /search page with `max_results`
 * (default 100, at most 1000) and `page_token`, search ordered by name; create refuses a taken name with
 * RESOURCE_ALREADY_EXISTS; get answers RESOURCE_DOES_NOT_EXIST for an unknown name; the databricks/ variant
 * of get adds the workspace `id` (what the permissions API names the model by) and the caller's level.
 * model-versions/search takes `filter` `name='<model>'` and `max_results` (default and at most 10000).
 */
export const MODELS_DEFAULT_PAGE = 100;
export const MODELS_MAX_PAGE = 1000;
export const VERSIONS_MAX_PAGE = 10_000;

function size(ctx: RequestContext, def: number, max: number): number {
  const n = intParam(ctx, "max_results");
  if (n === undefined) return def;
  if (n < 1 || n > max) throw invalid(`max_results must be between 1 and ${max}, got ${n}.`);
  return n;
}

export function modelOf(state: WorkspaceState, name: string | undefined): Obj {
  if (!name) throw missingParam("name");
  const m = state.mlflow.models.get(name);
  if (!m) throw notFound(`Registered Model with name=${name} not found`);
  return m;
}

/** The registered_model body (without the workspace id): what get, list and search answer. */
function publicModel(state: WorkspaceState, m: Obj): Obj {
  const { id: _id, ...rest } = clone(m);
  void _id;
  const versions = state.mlflow.versions.get(String(m.name)) ?? [];
  const latest = new Map<string, Obj>();
  for (const v of versions) if (v.status === "READY") latest.set(String(v.current_stage), v);
  if (latest.size) rest.latest_versions = [...latest.values()].map(clone);
  return rest;
}

/** Creates a registered model as registered-models/create does (seeds use it too). */
export function createModel(
  state: WorkspaceState,
  body: Obj,
  opts: { creator?: string; time?: number } = {},
) {
  const name = body.name;
  if (typeof name !== "string" || name === "") throw missingParam("name");
  if (state.mlflow.models.has(name)) throw alreadyExists(`Registered Model (name=${name}) already exists.`);
  const now = opts.time ?? state.now();
  const creator = opts.creator ?? state.currentUser;
  const m: Obj = {
    name,
    id: state.hexId(32),
    creation_timestamp: now,
    last_updated_timestamp: now,
    user_id: creator,
    ...(typeof body.description === "string" ? { description: body.description } : {}),
    ...(Array.isArray(body.tags) && body.tags.length ? { tags: clone(body.tags) } : {}),
  };
  state.mlflow.models.set(name, m);
  state.mlflow.versions.set(name, []);
  state.acls.set(`registered-models/${String(m.id)}`, [creatorEntry(state, creator, "CAN_MANAGE")]);
  return m;
}

/** A model version (seeds register them): its files are the run's artifacts. */
export function createModelVersion(state: WorkspaceState, name: string, source: string, stage: string): Obj {
  const m = modelOf(state, name);
  const list = state.mlflow.versions.get(name)!;
  const now = state.now();
  const v: Obj = {
    name,
    version: String(list.length + 1),
    creation_timestamp: now,
    last_updated_timestamp: now,
    user_id: state.currentUser,
    current_stage: stage,
    source,
    status: "READY",
  };
  list.push(v);
  m.last_updated_timestamp = now;
  return v;
}

const byName = (a: Obj, b: Obj) => String(a.name).localeCompare(String(b.name));

function listModels(ctx: RequestContext, filter?: (m: Obj) => boolean) {
  const n = size(ctx, MODELS_DEFAULT_PAGE, MODELS_MAX_PAGE);
  const all = [...ctx.state.mlflow.models.values()].filter(filter ?? (() => true)).sort(byName);
  const p = page(all, param(ctx, "page_token"), n);
  const body: Obj = {};
  if (p.items.length) body.registered_models = p.items.map((m) => publicModel(ctx.state, m));
  if (p.next) body.next_page_token = p.next;
  return ok(body);
}

/** `name LIKE 'x'` (interpreted as `%x%`, as the reference says) or `name='x'`; anything else refused. */
function nameFilter(filter: string | undefined, like: boolean): ((m: Obj) => boolean) | undefined {
  if (!filter) return undefined;
  const eq = /^\s*name\s*=\s*'([^']*)'\s*$/.exec(filter);
  if (eq) return (m) => m.name === eq[1];
  const l = like ? /^\s*name\s+(?:I?LIKE)\s+'([^']*)'\s*$/i.exec(filter) : null;
  if (l) {
    const needle = l[1].replace(/%/g, "").toLowerCase();
    return (m) => String(m.name).toLowerCase().includes(needle);
  }
  throw invalid(`Unsupported filter: ${filter}`);
}

export function registerMlflowModels(r: Router): void {
  r.get("/api/2.0/mlflow/registered-models/list", (ctx) => listModels(ctx));
  r.get("/api/2.0/mlflow/registered-models/search", (ctx) =>
    listModels(ctx, nameFilter(param(ctx, "filter"), true)),
  );
  r.get("/api/2.0/mlflow/registered-models/get", (ctx) =>
    ok({ registered_model: publicModel(ctx.state, modelOf(ctx.state, param(ctx, "name"))) }),
  );
  r.get("/api/2.0/mlflow/databricks/registered-models/get", (ctx) => {
    const m = modelOf(ctx.state, param(ctx, "name"));
    return ok({
      registered_model_databricks: { ...publicModel(ctx.state, m), id: m.id, permission_level: "CAN_MANAGE" },
    });
  });
  r.post("/api/2.0/mlflow/registered-models/create", (ctx) => {
    const m = createModel(ctx.state, ctx.body);
    return ok({ registered_model: publicModel(ctx.state, m) });
  });
  r.patch("/api/2.0/mlflow/registered-models/update", (ctx) => {
    const m = modelOf(ctx.state, param(ctx, "name"));
    const d = ctx.body.description;
    if (typeof d === "string") m.description = d;
    m.last_updated_timestamp = ctx.state.now();
    return ok({ registered_model: publicModel(ctx.state, m) });
  });
  r.delete("/api/2.0/mlflow/registered-models/delete", (ctx) => {
    const m = modelOf(ctx.state, param(ctx, "name"));
    ctx.state.mlflow.models.delete(String(m.name));
    ctx.state.mlflow.versions.delete(String(m.name));
    ctx.state.acls.delete(`registered-models/${String(m.id)}`);
    return empty();
  });
  r.post("/api/2.0/mlflow/registered-models/set-tag", (ctx) => {
    const m = modelOf(ctx.state, param(ctx, "name"));
    const key = param(ctx, "key");
    if (!key) throw missingParam("key");
    const tags = (m.tags as Obj[] | undefined) ?? (m.tags = []);
    const t = tags.find((x) => x.key === key);
    if (t) t.value = param(ctx, "value") ?? "";
    else tags.push({ key, value: param(ctx, "value") ?? "" });
    return empty();
  });
  r.get("/api/2.0/mlflow/model-versions/search", (ctx) => {
    const n = size(ctx, VERSIONS_MAX_PAGE, VERSIONS_MAX_PAGE);
    const keep = nameFilter(param(ctx, "filter"), false) ?? (() => true);
    const all = [...ctx.state.mlflow.versions.values()].flat().filter(keep);
    const p = page(all, param(ctx, "page_token"), n);
    const body: Obj = {};
    if (p.items.length) body.model_versions = p.items.map(clone);
    if (p.next) body.next_page_token = p.next;
    return ok(body);
  });
}
