import { invalid, notFound } from "../errors";
import { intParam, ok, param, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { page, serveObject } from "./util";
import { registerSqlObjectWrites } from "./sql-objects-write";

/**
 * Databricks SQL objects, read side: the legacy (preview) queries, dashboards and alerts APIs, the current
 * `sql/queries` and `sql/alerts` APIs, and the legacy SQL permissions API. Objects are kept per collection
 * (`preview/sql/queries`, `sql/alerts`, ...) in that API's own shape: the two APIs answer one query in two
 * different shapes (get-sql-query.json vs get-query.json), so neither is derived from the other.
 */

/** Legacy list pages: `page` is 1-based, `page_size` defaults to 25 (as the recorded dashboards list says). */
export const LEGACY_DEFAULT_PAGE_SIZE = 25;
/** Current API lists: `page_size` default; no published figure, assumed (README, Assumptions). */
export const SQL_LIST_DEFAULT_PAGE_SIZE = 20;

/** Legacy SQL permissions object types (the path segment) and the `object_type` the answer names. */
export const SQL_ACL_TYPES: Record<string, string> = {
  queries: "query",
  dashboards: "dashboard",
  alerts: "alert",
  data_sources: "data_source",
};

export function sqlCollection(state: WorkspaceState, name: string): Map<string, Obj> {
  let m = state.sqlObjects.get(name);
  if (!m) state.sqlObjects.set(name, (m = new Map()));
  return m;
}

function getObject(state: WorkspaceState, collection: string, id: string): Obj {
  const o = state.sqlObjects.get(collection)?.get(id);
  if (!o) throw notFound(`${collection.split("/").pop()} ${id} does not exist.`);
  return o;
}

function positive(ctx: RequestContext, name: string, dflt: number): number {
  const v = intParam(ctx, name) ?? dflt;
  if (v < 1) throw invalid(`Invalid value for parameter ${name}: ${v}`);
  return v;
}

export function registerSqlObjects(r: Router): void {
  // Legacy queries and dashboards: {count, page, page_size, results}; alerts: a bare array (no paging).
  for (const kind of ["queries", "dashboards"]) {
    const collection = `preview/sql/${kind}`;
    r.get(`/api/2.0/${collection}`, (ctx) => {
      const { state } = ctx;
      const pageNo = positive(ctx, "page", 1);
      const size = positive(ctx, "page_size", LEGACY_DEFAULT_PAGE_SIZE);
      const v = state.verbatimLists.get(collection);
      // Archived (deleted) objects leave the list; a dashboard's list entry has no widgets (null).
      const all = v
        ? v.items
        : [...sqlCollection(state, collection).values()]
            .filter((o) => o.is_archived !== true)
            .map((o) => (kind === "dashboards" ? { ...o, widgets: null } : o));
      const unfiltered = param(ctx, "q") === undefined && param(ctx, "order") === undefined;
      if (v && unfiltered && pageNo === 1 && size === LEGACY_DEFAULT_PAGE_SIZE && all.length <= size)
        return { status: 200, raw: v.raw };
      const q = param(ctx, "q")?.toLowerCase();
      const hits = q
        ? all.filter((o) =>
            String(o.name ?? "")
              .toLowerCase()
              .includes(q),
          )
        : all;
      return ok({
        count: hits.length,
        page: pageNo,
        page_size: size,
        results: hits.slice((pageNo - 1) * size, pageNo * size),
      });
    });
    r.get(`/api/2.0/${collection}/{id}`, (ctx) =>
      serveObject(ctx.state, getObject(ctx.state, collection, ctx.params.id)),
    );
  }
  r.get("/api/2.0/preview/sql/alerts", (ctx) =>
    ok([...sqlCollection(ctx.state, "preview/sql/alerts").values()]),
  );
  r.get("/api/2.0/preview/sql/alerts/{id}", (ctx) =>
    serveObject(ctx.state, getObject(ctx.state, "preview/sql/alerts", ctx.params.id)),
  );

  // Current queries and alerts: {results, next_page_token}, paged by page_size/page_token.
  for (const kind of ["queries", "alerts"]) {
    const collection = `sql/${kind}`;
    r.get(`/api/2.0/${collection}`, (ctx) => {
      const { state } = ctx;
      const token = param(ctx, "page_token");
      const size = positive(ctx, "page_size", SQL_LIST_DEFAULT_PAGE_SIZE);
      const v = state.verbatimLists.get(collection);
      // Trashed objects disappear from lists (still readable by id).
      const all = v
        ? v.items
        : [...sqlCollection(state, collection).values()].filter((o) => o.lifecycle_state !== "TRASHED");
      if (v && !token && all.length <= size) return { status: 200, raw: v.raw };
      const p = page(all, token, size);
      const body: Obj = {};
      if (p.items.length) body.results = p.items;
      if (p.next) body.next_page_token = p.next;
      return ok(body);
    });
    r.get(`/api/2.0/${collection}/{id}`, (ctx) =>
      serveObject(ctx.state, getObject(ctx.state, collection, ctx.params.id)),
    );
  }

  // Legacy SQL permissions: flat entries {user_name|group_name, permission_level}; POST replaces them.
  const aclOf = (state: WorkspaceState, type: string, id: string): Obj => {
    if (!SQL_ACL_TYPES[type]) throw invalid(`Invalid object type: ${type}`);
    const loaded = state.sqlAcls.get(`${type}/${id}`);
    if (loaded) return loaded;
    // One query or alert, whichever API created it: the legacy ACL answers for both.
    const obj =
      type === "data_sources"
        ? undefined
        : (state.sqlObjects.get(`preview/sql/${type}`)?.get(id) ??
          state.sqlObjects.get(`sql/${type}`)?.get(id));
    if (!obj) throw notFound(`${SQL_ACL_TYPES[type]} ${id} does not exist.`);
    const owner = (obj.user as Obj | undefined)?.email ?? obj.owner_user_name ?? state.currentUser;
    return {
      access_control_list: [{ user_name: owner, permission_level: "CAN_MANAGE" }],
      object_id: `${type}/${id}`,
      object_type: SQL_ACL_TYPES[type],
    };
  };
  registerSqlObjectWrites(r);
  r.get("/api/2.0/preview/sql/permissions/{type}/{id}", (ctx) =>
    serveObject(ctx.state, aclOf(ctx.state, ctx.params.type, ctx.params.id)),
  );
  r.post("/api/2.0/preview/sql/permissions/{type}/{id}", (ctx) => {
    const { state } = ctx;
    const { type, id } = ctx.params;
    aclOf(state, type, id);
    const list = ctx.body.access_control_list;
    if (!Array.isArray(list)) throw invalid("Missing required field: access_control_list");
    const body = { access_control_list: list, object_id: `${type}/${id}`, object_type: SQL_ACL_TYPES[type] };
    state.sqlAcls.set(`${type}/${id}`, body);
    return ok(body);
  });
}
