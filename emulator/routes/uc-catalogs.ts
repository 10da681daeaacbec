import { invalid } from "../errors";
import { boolParam, ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";
import {
  byName,
  cur,
  ownerOf,
  dropSecurable,
  missing,
  notEmpty,
  requireUnderLocation,
  securable,
  securableType,
  stamp,
  touched,
  UC,
  ucExists,
  ucName,
  ucPage,
  uuid,
} from "./uc-common";

/** Catalogs, schemas and workspace bindings (both the catalog-only API and `bindings/{type}/{name}`). */
const SYSTEM = "System user";
const ISOLATION = ["OPEN", "ISOLATED"];
const PREDICTIVE = ["ENABLE", "DISABLE", "INHERIT"];
const BINDING_TYPES = ["BINDING_TYPE_READ_WRITE", "BINDING_TYPE_READ_ONLY"];
const BINDABLE = ["catalog", "external_location", "storage_credential"];

function schemaInfo(state: WorkspaceState, m: Metastore, catalog: Obj, name: string, extra: Obj = {}): Obj {
  const id = uuid(state);
  const s: Obj = {
    name,
    catalog_name: catalog.name,
    full_name: `${catalog.name}.${name}`,
    catalog_type: catalog.catalog_type,
    metastore_id: m.id,
    schema_id: id,
    properties: undefined,
    ...stamp(state),
    effective_predictive_optimization_flag: {
      value: "DISABLE",
      inherited_from_type: "METASTORE",
      inherited_from_name: m.id,
    },
    enable_predictive_optimization: "INHERIT",
    browse_only: false,
    ...extra,
  };
  if (s.properties === undefined) delete s.properties;
  return s;
}

/** Every metastore holds the read-only `system` catalog (an exporter must leave it out). */
export function addSystemCatalog(state: WorkspaceState, m: Metastore): void {
  const c: Obj = {
    name: "system",
    full_name: "system",
    comment: "System catalog (auto-created)",
    catalog_type: "SYSTEM_CATALOG",
    metastore_id: m.id,
    isolation_mode: "OPEN",
    securable_type: "CATALOG",
    ...stamp(state, SYSTEM),
    created_by: SYSTEM,
    updated_by: SYSTEM,
    browse_only: false,
    provisioning_info: { state: "ACTIVE" },
  };
  m.catalogs.set("system", c);
  const info = schemaInfo(state, m, c, "information_schema", {
    owner: SYSTEM,
    comment: "Information schema (auto-created)",
  });
  m.schemas.set(info.full_name, info);
}

export function createCatalog(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const name = ucName(body.name, "name");
  if (m.catalogs.has(name)) throw ucExists("CATALOG_ALREADY_EXISTS", `Catalog '${name}' already exists.`);
  const id = uuid(state);
  const c: Obj = { name, full_name: name, ...stamp(state, body.owner), metastore_id: m.id, id };
  if (body.comment !== undefined) c.comment = String(body.comment);
  if (body.properties) c.properties = { ...(body.properties as Obj) };
  if (body.options) c.options = { ...(body.options as Obj) };
  if (body.connection_name) {
    const conn = String(body.connection_name).toLowerCase();
    if (!m.connections.has(conn)) throw missing("connection", String(body.connection_name));
    Object.assign(c, { catalog_type: "FOREIGN_CATALOG", connection_name: conn });
  } else if (body.provider_name || body.share_name) {
    if (!body.provider_name || !body.share_name) throw invalid("provider_name and share_name go together.");
    Object.assign(c, {
      catalog_type: "DELTASHARING_CATALOG",
      provider_name: body.provider_name,
      share_name: body.share_name,
    });
  } else {
    c.catalog_type = "MANAGED_CATALOG";
    if (body.storage_root !== undefined) {
      c.storage_root = requireUnderLocation(m, body.storage_root, "storage_root");
      c.storage_location = `${c.storage_root}/__unitystorage/catalogs/${id}`;
    } else if (!m.info.storage_root)
      throw invalid(
        "Metastore storage root URL does not exist. Please provide a storage location for the catalog.",
      );
  }
  Object.assign(c, {
    isolation_mode: "OPEN",
    securable_type: "CATALOG",
    securable_kind: c.catalog_type === "FOREIGN_CATALOG" ? "CATALOG_FOREIGN" : "CATALOG_STANDARD",
    enable_predictive_optimization: "INHERIT",
    browse_only: false,
    provisioning_info: { state: "ACTIVE" },
  });
  m.catalogs.set(name, c);
  // A new catalog comes with `default` and `information_schema`, as the service creates them.
  for (const [n, owner] of [
    ["default", c.owner],
    ["information_schema", SYSTEM],
  ] as const) {
    const s = schemaInfo(state, m, c, n, { owner });
    if (n === "default") s.comment = "Default schema (auto-created)";
    m.schemas.set(s.full_name, s);
  }
  return c;
}

export function createSchema(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const catName = ucName(body.catalog_name, "catalog_name");
  const catalog = m.catalogs.get(catName);
  if (!catalog) throw missing("catalog", catName);
  const name = ucName(body.name, "name");
  const full = `${catName}.${name}`;
  if (m.schemas.has(full)) throw ucExists("SCHEMA_ALREADY_EXISTS", `Schema '${full}' already exists.`);
  const s = schemaInfo(state, m, catalog, name, {
    owner: body.owner ? ownerOf(state, body.owner) : state.currentUser,
  });
  if (body.comment !== undefined) s.comment = String(body.comment);
  if (body.properties) s.properties = { ...(body.properties as Obj) };
  if (body.storage_root !== undefined) {
    s.storage_root = requireUnderLocation(m, body.storage_root, "storage_root");
    s.storage_location = `${s.storage_root}/__unitystorage/schemas/${s.schema_id}`;
  }
  m.schemas.set(full, s);
  return s;
}

function children(
  m: Metastore,
  prefix: string,
): { schemas: Obj[]; tables: Obj[]; volumes: Obj[]; functions: Obj[] } {
  const under = (map: Map<string, Obj>) =>
    [...map.entries()].filter(([k]) => k.startsWith(`${prefix}.`)).map(([, v]) => v);
  return {
    schemas: under(m.schemas),
    tables: under(m.tables),
    volumes: under(m.volumes),
    functions: under(m.functions),
  };
}

function deleteChildren(m: Metastore, prefix: string): void {
  for (const map of [m.schemas, m.tables, m.volumes, m.functions])
    for (const k of [...map.keys()]) if (k.startsWith(`${prefix}.`)) map.delete(k);
}

function patchCommon(ctx: RequestContext, o: Obj): void {
  const b = ctx.body;
  if (b.new_name !== undefined && b.new_name !== o.name)
    throw invalid("Renaming (new_name) is not supported by the emulator.");
  if (typeof b.owner === "string" && b.owner) o.owner = ownerOf(ctx.state, b.owner);
  if (b.comment !== undefined) o.comment = String(b.comment);
  if (b.properties !== undefined) o.properties = { ...(b.properties as Obj) };
  if (b.enable_predictive_optimization !== undefined) {
    if (!PREDICTIVE.includes(String(b.enable_predictive_optimization)))
      throw invalid(`Invalid enable_predictive_optimization: ${b.enable_predictive_optimization}`);
    o.enable_predictive_optimization = b.enable_predictive_optimization;
  }
}

function registerCatalogs(r: Router): void {
  const get = (ctx: RequestContext) => securable(cur(ctx), "catalog", ctx.params.name);
  r.get(`${UC}/catalogs`, (ctx) => {
    const all = [...cur(ctx).catalogs.values()].sort(byName);
    return ok(ucPage(ctx, all, "catalogs", { allWhenUnset: true }));
  });
  r.post(`${UC}/catalogs`, (ctx) => ok(createCatalog(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/catalogs/{name}`, (ctx) => ok(get(ctx)));
  r.patch(`${UC}/catalogs/{name}`, (ctx) => {
    const m = cur(ctx);
    const c = get(ctx);
    if (c.catalog_type === "SYSTEM_CATALOG") throw invalid("The system catalog cannot be changed.");
    patchCommon(ctx, c);
    const iso = ctx.body.isolation_mode;
    if (iso !== undefined) {
      if (!ISOLATION.includes(String(iso))) throw invalid(`Invalid isolation_mode: ${iso}`);
      c.isolation_mode = iso;
      // Isolating a catalog binds the workspace that does it, so it keeps its access.
      if (iso === "ISOLATED") {
        const b = bindingsOf(m, "catalog", c.name);
        if (!b.size) b.set(ctx.state.uc.workspaceId, "BINDING_TYPE_READ_WRITE");
      }
    }
    return ok(touched(ctx.state, c));
  });
  r.delete(`${UC}/catalogs/{name}`, (ctx) => {
    const m = cur(ctx);
    const c = get(ctx);
    if (c.catalog_type === "SYSTEM_CATALOG") throw invalid("The system catalog cannot be deleted.");
    const kids = children(m, c.name).schemas.filter((s) => s.name !== "information_schema");
    if (kids.length && !boolParam(ctx, "force"))
      throw notEmpty(
        "CATALOG_NOT_EMPTY",
        `Catalog '${c.name}' is not empty. The catalog has ${kids.length} schemas(s) (excluding the 'information_schema' schema).`,
      );
    deleteChildren(m, c.name);
    m.catalogs.delete(c.name);
    dropSecurable(m, "catalog", c.name);
    return ok({});
  });
}

function registerSchemas(r: Router): void {
  const get = (ctx: RequestContext) => securable(cur(ctx), "schema", ctx.params.name);
  r.get(`${UC}/schemas`, (ctx) => {
    const m = cur(ctx);
    const cat = ctx.query.get("catalog_name");
    if (!cat) throw invalid("Missing required field: catalog_name");
    securable(m, "catalog", cat);
    const all = children(m, cat.toLowerCase()).schemas.sort(byName);
    return ok(ucPage(ctx, all, "schemas", { allWhenUnset: true }));
  });
  r.post(`${UC}/schemas`, (ctx) => ok(createSchema(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/schemas/{name}`, (ctx) => ok(get(ctx)));
  r.patch(`${UC}/schemas/{name}`, (ctx) => {
    const s = get(ctx);
    patchCommon(ctx, s);
    return ok(touched(ctx.state, s));
  });
  r.delete(`${UC}/schemas/{name}`, (ctx) => {
    const m = cur(ctx);
    const s = get(ctx);
    const k = children(m, s.full_name);
    const count = k.tables.length + k.volumes.length + k.functions.length;
    if (count && !boolParam(ctx, "force"))
      throw notEmpty(
        "SCHEMA_NOT_EMPTY",
        `Schema '${s.full_name}' is not empty. The schema has ${k.tables.length} tables(s), ${k.functions.length} functions(s), ${k.volumes.length} volumes(s).`,
      );
    deleteChildren(m, s.full_name);
    m.schemas.delete(s.full_name);
    dropSecurable(m, "schema", s.full_name);
    return ok({});
  });
}

export function bindingsOf(m: Metastore, type: string, name: string): Map<string, string> {
  const key = `${type}/${name.toLowerCase()}`;
  let b = m.bindings.get(key);
  if (!b) m.bindings.set(key, (b = new Map()));
  return b;
}

function wsId(v: unknown): string {
  const s = String(v ?? "");
  if (!/^\d+$/.test(s)) throw invalid(`Invalid workspace_id: ${v}`);
  return s;
}

function registerBindings(r: Router): void {
  // The catalog-only API: workspace ids as numbers.
  const current = (b: Map<string, string>) => {
    const ids = [...b.keys()].map(Number).sort((x, y) => x - y);
    return ids.length ? { workspaces: ids } : {};
  };
  r.get(`${UC}/workspace-bindings/catalogs/{name}`, (ctx) => {
    const c = securable(cur(ctx), "catalog", ctx.params.name);
    return ok(current(bindingsOf(cur(ctx), "catalog", c.name)));
  });
  r.patch(`${UC}/workspace-bindings/catalogs/{name}`, (ctx) => {
    const m = cur(ctx);
    const c = securable(m, "catalog", ctx.params.name);
    const b = bindingsOf(m, "catalog", c.name);
    for (const id of (ctx.body.assign_workspaces ?? []) as unknown[])
      b.set(wsId(id), "BINDING_TYPE_READ_WRITE");
    for (const id of (ctx.body.unassign_workspaces ?? []) as unknown[]) b.delete(wsId(id));
    return ok(current(b));
  });
  const list = (b: Map<string, string>) =>
    [...b.entries()]
      .map(([id, t]) => ({ workspace_id: Number(id), binding_type: t }))
      .sort((x, y) => x.workspace_id - y.workspace_id);
  const target = (ctx: RequestContext) => {
    const type = securableType(ctx.params.type);
    if (!BINDABLE.includes(type))
      throw invalid(`Workspace bindings are not supported for ${ctx.params.type}.`);
    const o = securable(cur(ctx), type, ctx.params.name);
    return bindingsOf(cur(ctx), type, String(o.name));
  };
  r.get(`${UC}/bindings/{type}/{name}`, (ctx) =>
    ok(ucPage(ctx, list(target(ctx)), "bindings", { allWhenUnset: true })),
  );
  r.patch(`${UC}/bindings/{type}/{name}`, (ctx) => {
    const b = target(ctx);
    for (const e of (ctx.body.add ?? []) as Obj[]) {
      const t = String(e.binding_type ?? "BINDING_TYPE_READ_WRITE");
      if (!BINDING_TYPES.includes(t)) throw invalid(`Invalid binding_type: ${t}`);
      b.set(wsId(e.workspace_id), t);
    }
    for (const e of (ctx.body.remove ?? []) as Obj[]) b.delete(wsId(e.workspace_id));
    const out = list(b);
    return ok(out.length ? { bindings: out } : {});
  });
}

export function registerUcCatalogs(r: Router): void {
  registerCatalogs(r);
  registerSchemas(r);
  registerBindings(r);
}
