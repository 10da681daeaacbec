import { EmulatorError, invalid, notFound, permissionDenied } from "../errors";
import { boolParam, intParam, ok, param, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { sqlCollection } from "./sql-objects";
import { page, serveObject } from "./util";

/**
 * AI/BI (Lakeview) dashboards, as the Lakeview REST reference documents them
 * (docs.databricks.com/api/workspace/lakeview): list pages with `page_size` (1..1000, default 20) and
 * `page_token`, trashed dashboards only with `show_trashed`; list entries leave out path, update_time, etag
 * and serialized_dashboard. Create needs the parent folder ("Path (...) doesn't exist." otherwise, the text
 * the Terraform provider looks for before it creates the folder). Delete moves to the trash; deleting a
 * trashed dashboard answers 403 (the provider checks for that). The published version is its own object
 * (`/published`: POST publishes the draft, GET reads it, DELETE unpublishes).
 */
export const LAKEVIEW = "lakeview/dashboards";
export const LAKEVIEW_DEFAULT_PAGE_SIZE = 20;
/** The documented maximum `page_size`. */
export const LAKEVIEW_MAX_PAGE_SIZE = 1000;
const LIST_FIELDS = [
  "dashboard_id",
  "display_name",
  "create_time",
  "lifecycle_state",
  "warehouse_id",
  "parent_path",
];
const WRITABLE = ["display_name", "warehouse_id", "serialized_dashboard", "parent_path"];

/** The published versions, by dashboard id (kept beside the dashboards, as the API keeps them apart). */
export const LAKEVIEW_PUBLISHED = "lakeview/published";

const iso = (state: WorkspaceState) => new Date(state.now()).toISOString().replace(/\.\d{3}Z$/, "Z");

function dashboardOf(state: WorkspaceState, id: string): Obj {
  const d = sqlCollection(state, LAKEVIEW).get(id);
  if (!d) throw notFound(`Unable to find dashboard [dashboardId=${id}]`);
  return d;
}

function live(state: WorkspaceState, id: string): Obj {
  const d = dashboardOf(state, id);
  if (d.lifecycle_state === "TRASHED") throw permissionDenied(`Dashboard ${id} is in the trash.`);
  return d;
}

function checkWarehouse(state: WorkspaceState, id: unknown): void {
  if (id !== undefined && (typeof id !== "string" || !state.warehouses.has(id)))
    throw invalid(`Warehouse ${String(id)} does not exist.`);
}

function checkSerialized(v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== "string") throw invalid("serialized_dashboard must be a string");
  try {
    JSON.parse(v);
  } catch {
    throw invalid("serialized_dashboard is not valid JSON");
  }
}

const etagOf = (state: WorkspaceState) => String(10_000_000 + state.rng.int(90_000_000));

/** Creates a dashboard in the state (routes and seeds alike); the parent folder must exist. */
export function createLakeviewDashboard(
  state: WorkspaceState,
  given: Obj,
  opts: { id?: string; time?: string } = {},
): Obj {
  for (const f of ["display_name", "parent_path"])
    if (typeof given[f] !== "string" || given[f] === "") throw invalid(`Missing required field: ${f}`);
  const parent = String(given.parent_path).replace(/\/+$/, "") || "/";
  const dir = state.tree.get(parent);
  if (!dir || dir.object_type !== "DIRECTORY")
    throw new EmulatorError(404, "RESOURCE_DOES_NOT_EXIST", `Path (${parent}) doesn't exist.`);
  checkWarehouse(state, given.warehouse_id);
  checkSerialized(given.serialized_dashboard);
  const id = opts.id ?? state.hexId(32);
  const t = opts.time ?? iso(state);
  const d: Obj = {
    dashboard_id: id,
    display_name: given.display_name,
    path: `${parent === "/" ? "" : parent}/${String(given.display_name)}.lvdash.json`,
    parent_path: parent,
    create_time: t,
    update_time: t,
    etag: etagOf(state),
    lifecycle_state: "ACTIVE",
    serialized_dashboard: given.serialized_dashboard ?? JSON.stringify({ pages: [] }),
    ...(given.warehouse_id !== undefined ? { warehouse_id: given.warehouse_id } : {}),
  };
  sqlCollection(state, LAKEVIEW).set(id, d);
  return d;
}

/** Publishes the draft (routes and seeds alike). */
export function publishLakeviewDashboard(state: WorkspaceState, id: string, body: Obj, time?: string): Obj {
  const d = live(state, id);
  const warehouse = body.warehouse_id ?? d.warehouse_id;
  if (warehouse === undefined) throw invalid("A warehouse is required to publish the dashboard.");
  checkWarehouse(state, warehouse);
  const p: Obj = {
    display_name: d.display_name,
    warehouse_id: warehouse,
    embed_credentials: body.embed_credentials === undefined ? true : body.embed_credentials === true,
    revision_create_time: time ?? iso(state),
  };
  sqlCollection(state, LAKEVIEW_PUBLISHED).set(id, p);
  return p;
}

function sizeOf(ctx: RequestContext): number {
  const v = intParam(ctx, "page_size") ?? LAKEVIEW_DEFAULT_PAGE_SIZE;
  if (v < 1 || v > LAKEVIEW_MAX_PAGE_SIZE)
    throw invalid(`page_size must be between 1 and ${LAKEVIEW_MAX_PAGE_SIZE}, got ${v}`);
  return v;
}

export function registerLakeview(r: Router): void {
  const base = "/api/2.0/lakeview/dashboards";
  r.get(base, (ctx) => {
    const size = sizeOf(ctx);
    const trashed = boolParam(ctx, "show_trashed");
    const all = [...sqlCollection(ctx.state, LAKEVIEW).values()].filter(
      (d) => trashed || d.lifecycle_state !== "TRASHED",
    );
    const p = page(all, param(ctx, "page_token"), size);
    const body: Obj = {
      dashboards: p.items.map((d) =>
        Object.fromEntries(LIST_FIELDS.filter((k) => d[k] !== undefined).map((k) => [k, d[k]])),
      ),
    };
    if (p.next) body.next_page_token = p.next;
    return ok(body);
  });
  r.get(`${base}/{id}`, (ctx) => serveObject(ctx.state, dashboardOf(ctx.state, ctx.params.id)));
  r.post(base, (ctx) => ok(createLakeviewDashboard(ctx.state, ctx.body)));
  r.patch(`${base}/{id}`, (ctx) => {
    const { state } = ctx;
    const d = live(state, ctx.params.id);
    const given = ctx.body;
    if (given.etag !== undefined && given.etag !== d.etag)
      throw new EmulatorError(409, "ABORTED", "The dashboard has been modified since it was read (etag).");
    checkWarehouse(state, given.warehouse_id);
    checkSerialized(given.serialized_dashboard);
    for (const f of WRITABLE) if (given[f] !== undefined && f !== "parent_path") d[f] = given[f];
    d.update_time = iso(state);
    d.etag = etagOf(state);
    state.touch(d);
    return ok(d);
  });
  r.delete(`${base}/{id}`, (ctx) => {
    live(ctx.state, ctx.params.id).lifecycle_state = "TRASHED";
    return ok({});
  });
  r.post(`${base}/{id}/published`, (ctx) => ok(publishLakeviewDashboard(ctx.state, ctx.params.id, ctx.body)));
  r.get(`${base}/{id}/published`, (ctx) => {
    dashboardOf(ctx.state, ctx.params.id);
    const p = sqlCollection(ctx.state, LAKEVIEW_PUBLISHED).get(ctx.params.id);
    if (!p) throw notFound(`Unable to find published dashboard [dashboardId=${ctx.params.id}]`);
    return ok(p);
  });
  r.delete(`${base}/{id}/published`, (ctx) => {
    dashboardOf(ctx.state, ctx.params.id);
    if (!sqlCollection(ctx.state, LAKEVIEW_PUBLISHED).delete(ctx.params.id))
      throw notFound(`Unable to find published dashboard [dashboardId=${ctx.params.id}]`);
    return ok({});
  });
}
