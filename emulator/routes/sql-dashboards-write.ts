import { invalid, notFound } from "../errors";
import { ok } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { sqlCollection } from "./sql-objects";

/**
 * Legacy (preview) SQL dashboards, write side, as the legacy REST reference and the Terraform provider's
 * calls show them: `POST preview/sql/dashboards` creates (name required; parent `folders/<object id>`),
 * `POST .../{id}` updates, `DELETE` archives (gone from lists, still readable, `is_archived`). Widgets are
 * `POST preview/sql/widgets` (dashboard_id, options and width required; visualization_id or text) and
 * visualizations `POST preview/sql/visualizations` (query_id, type, options required) on a query. The
 * dashboard is stored in its GET shape (get-sql-dashboard.json): widgets embed their visualization, which
 * embeds its query.
 */
export const LEGACY_DASHBOARDS = "preview/sql/dashboards";
export const LEGACY_VISUALIZATIONS = "preview/sql/visualizations";

const iso = (state: WorkspaceState) => new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
const uuid = (state: WorkspaceState) => [8, 4, 4, 4, 12].map((n) => state.hexId(n)).join("-");

function liveDashboard(state: WorkspaceState, id: string): Obj {
  const d = sqlCollection(state, LEGACY_DASHBOARDS).get(id);
  if (!d || d.is_archived === true) throw notFound(`dashboard ${id} does not exist.`);
  return d;
}

/** The query a visualization is on: a legacy query, else a current-API one (the same object, two APIs). */
function queryOf(state: WorkspaceState, id: string): Obj {
  const legacy = sqlCollection(state, "preview/sql/queries").get(id);
  if (legacy) return legacy;
  const q = sqlCollection(state, "sql/queries").get(id);
  if (!q || q.lifecycle_state === "TRASHED") throw notFound(`Query ${id} does not exist.`);
  return {
    id,
    name: q.display_name,
    description: q.description ?? null,
    query: q.query_text,
    tags: q.tags ?? [],
    is_archived: false,
    is_draft: false,
    options: { apply_auto_limit: q.apply_auto_limit ?? false, parameters: [] },
    created_at: q.create_time,
    updated_at: q.update_time,
  };
}

function parentOf(state: WorkspaceState, parent: unknown): string | undefined {
  if (parent === undefined || parent === null || parent === "") return undefined;
  const m = /^folders\/(\d+)$/.exec(String(parent));
  const node = m ? state.tree.byId.get(Number(m[1])) : undefined;
  if (!node || node.object_type !== "DIRECTORY") throw notFound(`Folder ${String(parent)} does not exist.`);
  return String(parent);
}

/** Creates a legacy dashboard (routes and seeds alike). */
export function createLegacyDashboard(
  state: WorkspaceState,
  given: Obj,
  opts: { id?: string; time?: string } = {},
): Obj {
  if (typeof given.name !== "string" || given.name === "") throw invalid("Missing required field: name");
  const parent = parentOf(state, given.parent);
  const t = opts.time ?? iso(state);
  const id = opts.id ?? uuid(state);
  const me = [...state.users.values()].find((u) => u.userName === state.currentUser);
  const userId = Number(me?.id ?? 0);
  const d: Obj = {
    id,
    name: given.name,
    slug: given.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    tags: Array.isArray(given.tags) ? given.tags : [],
    is_archived: false,
    is_draft: false,
    is_favorite: false,
    dashboard_filters_enabled: given.dashboard_filters_enabled === true,
    ...(given.run_as_role !== undefined ? { run_as_role: given.run_as_role } : {}),
    ...(parent
      ? { parent, options: { parent, refresh_schedules: [] } }
      : { options: { refresh_schedules: [] } }),
    layout: [],
    refresh_schedules: [],
    can_edit: true,
    color_palette: null,
    permission_tier: "CAN_MANAGE",
    user: {
      email: state.currentUser,
      id: userId,
      is_db_admin: false,
      name: state.currentUser,
      profile_image_url: "",
    },
    user_id: userId,
    created_at: t,
    updated_at: t,
    version: 1,
    widgets: [],
  };
  sqlCollection(state, LEGACY_DASHBOARDS).set(id, d);
  return d;
}

/** Creates a visualization on a query (routes and seeds alike). */
export function createVisualization(state: WorkspaceState, given: Obj, opts: { id?: string } = {}): Obj {
  for (const f of ["query_id", "type"])
    if (typeof given[f] !== "string" || given[f] === "") throw invalid(`Missing required field: ${f}`);
  if (given.options === undefined || typeof given.options !== "object")
    throw invalid("Missing required field: options");
  queryOf(state, String(given.query_id));
  const t = iso(state);
  const v: Obj = {
    id: opts.id ?? uuid(state),
    query_id: given.query_id,
    type: String(given.type).toUpperCase(),
    name: given.name ?? "",
    description: given.description ?? "",
    options: given.options,
    query_plan: given.query_plan ?? null,
    created_at: t,
    updated_at: t,
  };
  sqlCollection(state, LEGACY_VISUALIZATIONS).set(String(v.id), v);
  return v;
}

/** The visualization as a dashboard embeds it: with its query, without the query_id. */
function embedded(state: WorkspaceState, v: Obj): Obj {
  const { query_id, ...rest } = v;
  return { ...rest, query: queryOf(state, String(query_id)) };
}

/** Adds a widget to a dashboard (routes and seeds alike). */
export function createWidget(state: WorkspaceState, given: Obj, opts: { id?: string } = {}): Obj {
  if (typeof given.dashboard_id !== "string") throw invalid("Missing required field: dashboard_id");
  const d = liveDashboard(state, given.dashboard_id);
  if (given.options === undefined || typeof given.options !== "object")
    throw invalid("Missing required field: options");
  if (typeof given.width !== "number") throw invalid("Missing required field: width");
  const hasVis = given.visualization_id !== undefined && given.visualization_id !== null;
  const hasText = typeof given.text === "string";
  if (hasVis === hasText) throw invalid("A widget has either a visualization_id or a text.");
  const t = iso(state);
  const w: Obj = {
    id: opts.id ?? uuid(state),
    dashboard_id: d.id,
    options: given.options,
    width: given.width,
    text: hasText ? given.text : "",
    created_at: t,
    updated_at: t,
  };
  if (hasVis) {
    const v = sqlCollection(state, LEGACY_VISUALIZATIONS).get(String(given.visualization_id));
    if (!v) throw notFound(`Visualization ${String(given.visualization_id)} does not exist.`);
    w.visualization = embedded(state, v);
  }
  (d.widgets as Obj[]).push(w);
  state.touch(d);
  return w;
}

function findWidget(state: WorkspaceState, id: string): { d: Obj; i: number } {
  for (const d of sqlCollection(state, LEGACY_DASHBOARDS).values()) {
    const i = Array.isArray(d.widgets) ? (d.widgets as Obj[]).findIndex((w) => w.id === id) : -1;
    if (i >= 0 && d.is_archived !== true) return { d, i };
  }
  throw notFound(`widget ${id} does not exist.`);
}

export function registerSqlDashboardWrites(r: Router): void {
  const base = `/api/2.0/${LEGACY_DASHBOARDS}`;
  r.post(base, (ctx) => ok(createLegacyDashboard(ctx.state, ctx.body)));
  r.post(`${base}/{id}`, (ctx) => {
    const { state } = ctx;
    const d = liveDashboard(state, ctx.params.id);
    const given = ctx.body;
    if (given.name !== undefined) {
      if (typeof given.name !== "string" || given.name === "")
        throw invalid("name must be a non-empty string");
      d.name = given.name;
    }
    if (given.tags !== undefined) d.tags = Array.isArray(given.tags) ? given.tags : [];
    if (given.run_as_role !== undefined) d.run_as_role = given.run_as_role;
    if (given.dashboard_filters_enabled !== undefined)
      d.dashboard_filters_enabled = given.dashboard_filters_enabled === true;
    d.updated_at = iso(state);
    d.version = Number(d.version ?? 0) + 1;
    state.touch(d);
    return ok(d);
  });
  r.delete(`${base}/{id}`, (ctx) => {
    const d = liveDashboard(ctx.state, ctx.params.id);
    d.is_archived = true;
    ctx.state.touch(d);
    return ok({});
  });

  const vis = `/api/2.0/${LEGACY_VISUALIZATIONS}`;
  r.post(vis, (ctx) => ok(createVisualization(ctx.state, ctx.body)));
  r.post(`${vis}/{id}`, (ctx) => {
    const v = sqlCollection(ctx.state, LEGACY_VISUALIZATIONS).get(ctx.params.id);
    if (!v) throw notFound(`Visualization ${ctx.params.id} does not exist.`);
    for (const f of ["type", "name", "description", "options", "query_plan"])
      if (ctx.body[f] !== undefined) v[f] = f === "type" ? String(ctx.body[f]).toUpperCase() : ctx.body[f];
    v.updated_at = iso(ctx.state);
    return ok(v);
  });
  r.delete(`${vis}/{id}`, (ctx) => {
    if (!sqlCollection(ctx.state, LEGACY_VISUALIZATIONS).delete(ctx.params.id))
      throw notFound(`Visualization ${ctx.params.id} does not exist.`);
    return ok({});
  });

  const widgets = "/api/2.0/preview/sql/widgets";
  r.post(widgets, (ctx) => ok(createWidget(ctx.state, ctx.body)));
  r.post(`${widgets}/{id}`, (ctx) => {
    const { d, i } = findWidget(ctx.state, ctx.params.id);
    const w = (d.widgets as Obj[])[i];
    for (const f of ["options", "width", "text"]) if (ctx.body[f] !== undefined) w[f] = ctx.body[f];
    w.updated_at = iso(ctx.state);
    ctx.state.touch(d);
    return ok(w);
  });
  r.delete(`${widgets}/{id}`, (ctx) => {
    const { d, i } = findWidget(ctx.state, ctx.params.id);
    (d.widgets as Obj[]).splice(i, 1);
    ctx.state.touch(d);
    return ok({});
  });
}
