import { invalid, notFound } from "../errors";
import { intParam, ok, param } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { page, serveObject } from "./util";

/** Fields the service computes for a warehouse; create/edit do not take them. */
export const WAREHOUSE_READ_ONLY = [
  "id",
  "state",
  "health",
  "jdbc_url",
  "odbc_params",
  "creator_name",
  "creator_id",
  "num_clusters",
  "num_active_sessions",
  "size",
];
const SIZES: Record<string, string> = {
  "2X-Small": "XXSMALL",
  "X-Small": "XSMALL",
  Small: "SMALL",
  Medium: "MEDIUM",
  Large: "LARGE",
  "X-Large": "XLARGE",
  "2X-Large": "XXLARGE",
  "3X-Large": "XXXLARGE",
  "4X-Large": "XXXXLARGE",
};
export const WAREHOUSES_MAX_PAGE = 100;
const HOST = "adb-1234567890123456.7.azuredatabricks.net";

function getWarehouse(state: WorkspaceState, id: string): Obj {
  const w = state.warehouses.get(id);
  if (!w) throw notFound(`Warehouse ${id} does not exist.`);
  return w;
}

function settingsOf(body: Obj): Obj {
  const s: Obj = {};
  for (const [k, v] of Object.entries(body)) if (!WAREHOUSE_READ_ONLY.includes(k)) s[k] = v;
  if (!s.name) throw invalid("Missing required field: name");
  if (!s.cluster_size || !SIZES[s.cluster_size]) throw invalid(`Invalid cluster_size: ${s.cluster_size}`);
  return s;
}

export function createWarehouse(
  state: WorkspaceState,
  body: Obj,
  opts: { id?: string; running?: boolean } = {},
) {
  const s = settingsOf(body);
  const id = opts.id ?? state.hexId(16);
  const w: Obj = {
    id,
    auto_stop_mins: 120,
    max_num_clusters: 1,
    min_num_clusters: 1,
    enable_photon: true,
    spot_instance_policy: "COST_OPTIMIZED",
    channel: { name: "CHANNEL_NAME_CURRENT" },
    tags: {},
    ...s,
    creator_name: state.currentUser,
    size: SIZES[s.cluster_size],
    state: opts.running ? "RUNNING" : "STARTING",
    num_clusters: opts.running ? 1 : 0,
    num_active_sessions: 0,
    jdbc_url: `jdbc:spark://${HOST}:443/default;transportMode=http;ssl=1;AuthMech=3;httpPath=/sql/1.0/warehouses/${id};`,
    odbc_params: { hostname: HOST, path: `/sql/1.0/warehouses/${id}`, port: 443, protocol: "https" },
  };
  state.warehouses.set(id, w);
  state.dropVerbatimList("sql/warehouses");
  if (!state.acls.has(`sql/warehouses/${id}`))
    state.acls.set(`sql/warehouses/${id}`, [{ user_name: state.currentUser, permission_level: "IS_OWNER" }]);
  return w;
}

/** STARTING/STOPPING settle on the next read: warehouses answer immediately in the emulator. */
function settle(state: WorkspaceState, w: Obj): Obj {
  if (w.state === "STARTING" || w.state === "STOPPING") {
    state.touch(w);
    w.state = w.state === "STARTING" ? "RUNNING" : "STOPPED";
    w.num_clusters = w.state === "RUNNING" ? w.min_num_clusters : 0;
  }
  return w;
}

export function registerSql(r: Router): void {
  for (const kind of ["warehouses", "endpoints"]) {
    const base = `/api/2.0/sql/${kind}`;
    r.get(base, (ctx) => {
      const { state } = ctx;
      const v = state.verbatimLists.get(`sql/${kind}`);
      const token = param(ctx, "page_token");
      const size = Math.min(
        WAREHOUSES_MAX_PAGE,
        Math.max(1, intParam(ctx, "page_size") ?? WAREHOUSES_MAX_PAGE),
      );
      const all = v ? v.items : [...state.warehouses.values()].map((w) => settle(state, w));
      if (v && !token && all.length <= size) return { status: 200, raw: v.raw };
      const p = page(all, token, size);
      const body: Obj = {};
      if (p.items.length) body[kind] = p.items;
      if (p.next) body.next_page_token = p.next;
      return ok(body);
    });
    r.get(`${base}/{id}`, (ctx) =>
      serveObject(ctx.state, settle(ctx.state, getWarehouse(ctx.state, ctx.params.id))),
    );
    r.post(base, (ctx) => ok({ id: createWarehouse(ctx.state, ctx.body).id }));
    r.post(`${base}/{id}/edit`, (ctx) => {
      const { state } = ctx;
      const w = getWarehouse(state, ctx.params.id);
      const s = settingsOf({ ...ctx.body, id: undefined });
      state.touch(w);
      for (const k of Object.keys(w)) if (!WAREHOUSE_READ_ONLY.includes(k)) delete w[k];
      Object.assign(w, s, { size: SIZES[s.cluster_size] });
      state.dropVerbatimList(`sql/${kind}`);
      return ok({});
    });
    r.delete(`${base}/{id}`, (ctx) => {
      const { state } = ctx;
      getWarehouse(state, ctx.params.id);
      state.warehouses.delete(ctx.params.id);
      state.acls.delete(`sql/warehouses/${ctx.params.id}`);
      state.dropVerbatimList(`sql/${kind}`);
      return ok({});
    });
    for (const [action, next] of [
      ["start", "STARTING"],
      ["stop", "STOPPING"],
    ])
      r.post(`${base}/{id}/${action}`, (ctx) => {
        const w = getWarehouse(ctx.state, ctx.params.id);
        ctx.state.touch(w);
        w.state = next;
        return ok({});
      });
  }
}
