import { invalid } from "../errors";
import { ok, requireParam } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { serveObject } from "./util";

/** Fields the service sets on a pool; create/edit do not take them. */
export const POOL_READ_ONLY = ["instance_pool_id", "default_tags", "state", "stats", "status"];

function getPool(state: WorkspaceState, id: string): Obj {
  const p = state.pools.get(id);
  if (!p) throw invalid(`Instance pool ${id} does not exist`);
  return p;
}

function settingsOf(body: Obj): Obj {
  const s: Obj = {};
  for (const [k, v] of Object.entries(body)) if (!POOL_READ_ONLY.includes(k)) s[k] = v;
  if (!s.instance_pool_name) throw invalid("Missing required field: instance_pool_name");
  if (!s.node_type_id) throw invalid("Missing required field: node_type_id");
  return s;
}

export function createPool(state: WorkspaceState, body: Obj, opts: { id?: string } = {}): Obj {
  const s = settingsOf(body);
  for (const p of state.pools.values())
    if (p.instance_pool_name === s.instance_pool_name)
      throw invalid(`Instance pool with name ${s.instance_pool_name} already exists`);
  const id = opts.id ?? `${state.clusterId()}-pool-${state.hexId(8)}`;
  const idle = Number(s.min_idle_instances ?? 0);
  const pool: Obj = {
    instance_pool_id: id,
    ...s,
    default_tags: {
      Vendor: "Databricks",
      DatabricksInstancePoolCreatorId: state.currentUser,
      DatabricksInstancePoolId: id,
    },
    state: "ACTIVE",
    stats: { used_count: 0, idle_count: idle, pending_used_count: 0, pending_idle_count: 0 },
    status: {},
  };
  state.pools.set(id, pool);
  state.dropVerbatimList("instance-pools");
  if (!state.acls.has(`instance-pools/${id}`))
    state.acls.set(`instance-pools/${id}`, [
      { user_name: state.currentUser, permission_level: "CAN_MANAGE" },
    ]);
  return pool;
}

export function registerPools(r: Router): void {
  const base = "/api/2.0/instance-pools";
  r.get(`${base}/list`, (ctx) => {
    const v = ctx.state.verbatimLists.get("instance-pools");
    if (v) return { status: 200, raw: v.raw };
    const pools = [...ctx.state.pools.values()];
    return ok(pools.length ? { instance_pools: pools } : {});
  });
  r.get(`${base}/get`, (ctx) =>
    serveObject(ctx.state, getPool(ctx.state, requireParam(ctx, "instance_pool_id"))),
  );
  r.post(`${base}/create`, (ctx) =>
    ok({ instance_pool_id: createPool(ctx.state, ctx.body).instance_pool_id }),
  );
  r.post(`${base}/edit`, (ctx) => {
    const { state } = ctx;
    const p = getPool(state, requireParam(ctx, "instance_pool_id"));
    const s = settingsOf(ctx.body);
    if (s.node_type_id !== p.node_type_id) throw invalid("node_type_id cannot be changed.");
    state.touch(p);
    for (const k of Object.keys(p)) if (!POOL_READ_ONLY.includes(k)) delete p[k];
    Object.assign(p, s);
    state.dropVerbatimList("instance-pools");
    return ok({});
  });
  r.post(`${base}/delete`, (ctx) => {
    const { state } = ctx;
    const id = requireParam(ctx, "instance_pool_id");
    getPool(state, id);
    state.pools.delete(id);
    state.acls.delete(`instance-pools/${id}`);
    state.dropVerbatimList("instance-pools");
    return ok({});
  });
}
