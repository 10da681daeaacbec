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
  requireUnderLocation,
  securable,
  stamp,
  touched,
  UC,
  UC_PAGE,
  ucExists,
  ucName,
  ucPage,
  uuid,
} from "./uc-common";

/** Tables (external, managed, views), volumes and functions: the objects that live in a schema. */
const TABLE_TYPES = ["MANAGED", "EXTERNAL", "VIEW", "MATERIALIZED_VIEW", "STREAMING_TABLE"];
const FORMATS = ["DELTA", "CSV", "JSON", "AVRO", "PARQUET", "ORC", "TEXT", "UNITY_CATALOG", "DELTASHARING"];

/** The schema a new object goes in, with its catalog, or the API's 404s (catalog first). */
function parentOf(m: Metastore, body: Obj): { catalog: Obj; schema: Obj } {
  const catName = ucName(body.catalog_name, "catalog_name");
  const catalog = m.catalogs.get(catName);
  if (!catalog) throw missing("catalog", catName);
  const full = `${catName}.${ucName(body.schema_name, "schema_name")}`;
  const schema = m.schemas.get(full);
  if (!schema) throw missing("schema", full);
  return { catalog, schema };
}

/** Where managed data of a schema goes: the schema's managed location, else the catalog's, else the metastore's. */
function managedRoot(m: Metastore, catalog: Obj, schema: Obj): string {
  return String(schema.storage_location ?? catalog.storage_location ?? `${m.info.storage_root}/${m.id}`);
}

function columns(v: unknown): Obj[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid("columns must be a list.");
  const seen = new Set<string>();
  return (v as Obj[]).map((c, i) => {
    if (typeof c?.name !== "string" || !c.name) throw invalid(`columns[${i}].name is required.`);
    const key = c.name.toLowerCase();
    if (seen.has(key)) throw invalid(`Column ${c.name} is given twice.`);
    seen.add(key);
    const typeText = String(c.type_text ?? c.type_name ?? "").toLowerCase();
    if (!typeText) throw invalid(`columns[${i}].type_text is required.`);
    const col: Obj = {
      name: c.name,
      type_text: typeText,
      type_name: String(c.type_name ?? typeText.replace(/[<(].*$/, "")).toUpperCase(),
      type_json:
        c.type_json ??
        JSON.stringify({ name: c.name, type: typeText, nullable: c.nullable ?? true, metadata: {} }),
      position: c.position ?? i,
      nullable: c.nullable ?? true,
    };
    for (const k of ["type_precision", "type_scale", "comment", "partition_index", "type_interval_type"])
      if (c[k] !== undefined) col[k] = c[k];
    return col;
  });
}

export function createTable(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const { catalog, schema } = parentOf(m, body);
  const name = ucName(body.name, "name");
  const full = `${schema.full_name}.${name}`;
  if (m.tables.has(full)) throw ucExists("TABLE_ALREADY_EXISTS", `Table '${full}' already exists.`);
  const type = String(body.table_type ?? "");
  if (!TABLE_TYPES.includes(type)) throw invalid(`Invalid table_type: '${type}'.`);
  const id = uuid(state);
  const t: Obj = {
    name,
    catalog_name: catalog.name,
    schema_name: schema.name,
    full_name: full,
    table_type: type,
    metastore_id: m.id,
    table_id: id,
  };
  if (type === "VIEW") {
    if (typeof body.view_definition !== "string" || !body.view_definition)
      throw invalid("A view needs its view_definition.");
    t.view_definition = body.view_definition;
  } else {
    const fmt = String(body.data_source_format ?? "DELTA");
    if (!FORMATS.includes(fmt)) throw invalid(`Invalid data_source_format: '${fmt}'.`);
    t.data_source_format = fmt;
    if (type === "EXTERNAL")
      t.storage_location = requireUnderLocation(m, body.storage_location, "storage_location");
    else if (body.storage_location !== undefined)
      throw invalid(`A ${type} table cannot name its storage_location.`);
    else t.storage_location = `${managedRoot(m, catalog, schema)}/tables/${id}`;
  }
  const cols = columns(body.columns);
  if (cols.length) t.columns = cols;
  if (body.comment !== undefined) t.comment = String(body.comment);
  if (body.properties) t.properties = { ...(body.properties as Obj) };
  Object.assign(t, stamp(state, body.owner), {
    browse_only: false,
    data_access_configuration_id: "00000000-0000-0000-0000-000000000000",
    enable_predictive_optimization: "INHERIT",
  });
  m.tables.set(full, t);
  return t;
}

export function createVolume(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const { catalog, schema } = parentOf(m, body);
  const name = ucName(body.name, "name");
  const full = `${schema.full_name}.${name}`;
  if (m.volumes.has(full)) throw ucExists("RESOURCE_ALREADY_EXISTS", `Volume '${full}' already exists.`);
  const type = String(body.volume_type ?? "");
  const id = uuid(state);
  const v: Obj = {
    catalog_name: catalog.name,
    schema_name: schema.name,
    name,
    full_name: full,
    volume_type: type,
    metastore_id: m.id,
    volume_id: id,
  };
  if (type === "EXTERNAL")
    v.storage_location = requireUnderLocation(m, body.storage_location, "storage_location");
  else if (type === "MANAGED") {
    if (body.storage_location !== undefined)
      throw invalid("A MANAGED volume cannot name its storage_location.");
    v.storage_location = `${managedRoot(m, catalog, schema)}/volumes/${id}`;
  } else throw invalid(`Invalid volume_type: '${type}' (MANAGED or EXTERNAL).`);
  if (body.comment !== undefined) v.comment = String(body.comment);
  Object.assign(v, stamp(state, body.owner), { browse_only: false });
  m.volumes.set(full, v);
  return v;
}

export function createFunction(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const f = (body.function_info ?? body) as Obj;
  const { catalog, schema } = parentOf(m, f);
  const name = ucName(f.name, "function_info.name");
  const full = `${schema.full_name}.${name}`;
  if (m.functions.has(full)) throw ucExists("RESOURCE_ALREADY_EXISTS", `Function '${full}' already exists.`);
  const routine = String(f.routine_body ?? "");
  if (!["SQL", "EXTERNAL"].includes(routine))
    throw invalid(`Invalid routine_body: '${routine}' (SQL or EXTERNAL).`);
  if (typeof f.full_data_type !== "string" || !f.full_data_type)
    throw invalid("Missing required field: function_info.full_data_type");
  const out: Obj = {
    name,
    catalog_name: catalog.name,
    schema_name: schema.name,
    full_name: full,
    function_id: uuid(state),
    metastore_id: m.id,
    input_params: f.input_params ?? { parameters: [] },
    data_type: f.data_type ?? String(f.full_data_type).toUpperCase(),
    full_data_type: f.full_data_type,
    routine_body: routine,
    routine_definition: f.routine_definition ?? "",
    parameter_style: f.parameter_style ?? "S",
    is_deterministic: f.is_deterministic ?? true,
    sql_data_access: f.sql_data_access ?? "CONTAINS_SQL",
    is_null_call: f.is_null_call ?? false,
    security_type: f.security_type ?? "DEFINER",
    specific_name: f.specific_name ?? name,
  };
  for (const k of [
    "comment",
    "external_language",
    "return_params",
    "routine_dependencies",
    "properties",
    "sql_path",
  ])
    if (f[k] !== undefined) out[k] = f[k];
  Object.assign(out, stamp(state, f.owner), { browse_only: false });
  m.functions.set(full, out);
  return out;
}

/** A list of a schema's objects: `catalog_name` and `schema_name` required, parents must exist. */
function inSchema(ctx: RequestContext, map: (m: Metastore) => Map<string, Obj>): Obj[] {
  const m = cur(ctx);
  const cat = ctx.query.get("catalog_name");
  const sch = ctx.query.get("schema_name");
  if (!cat) throw invalid("Missing required field: catalog_name");
  if (!sch) throw invalid("Missing required field: schema_name");
  securable(m, "catalog", cat);
  const prefix = `${cat}.${sch}`.toLowerCase();
  securable(m, "schema", prefix);
  return [...map(m).entries()]
    .filter(([k]) => k.startsWith(`${prefix}.`))
    .map(([, v]) => v)
    .sort(byName);
}

function withoutOmitted(ctx: RequestContext, t: Obj): Obj {
  const omitColumns = boolParam(ctx, "omit_columns");
  const omitProps = boolParam(ctx, "omit_properties");
  const omitUser = boolParam(ctx, "omit_username");
  if (!omitColumns && !omitProps && !omitUser) return t;
  const o = { ...t };
  if (omitColumns) delete o.columns;
  if (omitProps) delete o.properties;
  if (omitUser) for (const k of ["owner", "created_by", "updated_by"]) delete o[k];
  return o;
}

function ownerPatch(ctx: RequestContext, o: Obj): Obj {
  if (ctx.body.new_name !== undefined && ctx.body.new_name !== o.name)
    throw invalid("Renaming (new_name) is not supported by the emulator.");
  if (typeof ctx.body.owner === "string" && ctx.body.owner) o.owner = ownerOf(ctx.state, ctx.body.owner);
  if (ctx.body.comment !== undefined) o.comment = String(ctx.body.comment);
  return touched(ctx.state, o);
}

export function registerUcTables(r: Router): void {
  r.get(`${UC}/tables`, (ctx) => {
    const all = inSchema(ctx, (m) => m.tables).map((t) => withoutOmitted(ctx, t));
    return ok(ucPage(ctx, all, "tables", { cap: UC_PAGE.tables, allWhenUnset: true }));
  });
  r.post(`${UC}/tables`, (ctx) => ok(createTable(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/tables/{name}/exists`, (ctx) =>
    ok({ table_exists: cur(ctx).tables.has(ctx.params.name.toLowerCase()) }),
  );
  r.get(`${UC}/tables/{name}`, (ctx) => ok(securable(cur(ctx), "table", ctx.params.name)));
  r.patch(`${UC}/tables/{name}`, (ctx) => ok(ownerPatch(ctx, securable(cur(ctx), "table", ctx.params.name))));
  r.delete(`${UC}/tables/{name}`, (ctx) => {
    const m = cur(ctx);
    const t = securable(m, "table", ctx.params.name);
    m.tables.delete(t.full_name);
    dropSecurable(m, "table", t.full_name);
    return ok({});
  });

  r.get(`${UC}/volumes`, (ctx) =>
    ok(
      ucPage(
        ctx,
        inSchema(ctx, (m) => m.volumes),
        "volumes",
        { cap: UC_PAGE.volumes },
      ),
    ),
  );
  r.post(`${UC}/volumes`, (ctx) => ok(createVolume(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/volumes/{name}`, (ctx) => ok(securable(cur(ctx), "volume", ctx.params.name)));
  r.patch(`${UC}/volumes/{name}`, (ctx) =>
    ok(ownerPatch(ctx, securable(cur(ctx), "volume", ctx.params.name))),
  );
  r.delete(`${UC}/volumes/{name}`, (ctx) => {
    const m = cur(ctx);
    const v = securable(m, "volume", ctx.params.name);
    m.volumes.delete(v.full_name);
    dropSecurable(m, "volume", v.full_name);
    return ok({});
  });

  r.get(`${UC}/functions`, (ctx) =>
    ok(
      ucPage(
        ctx,
        inSchema(ctx, (m) => m.functions),
        "functions",
        { allWhenUnset: true },
      ),
    ),
  );
  r.post(`${UC}/functions`, (ctx) => ok(createFunction(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/functions/{name}`, (ctx) => ok(securable(cur(ctx), "function", ctx.params.name)));
  r.patch(`${UC}/functions/{name}`, (ctx) =>
    ok(ownerPatch(ctx, securable(cur(ctx), "function", ctx.params.name))),
  );
  r.delete(`${UC}/functions/{name}`, (ctx) => {
    const m = cur(ctx);
    const f = securable(m, "function", ctx.params.name);
    m.functions.delete(f.full_name);
    dropSecurable(m, "function", f.full_name);
    return ok({});
  });
}
