import { invalid, invalidState } from "../errors";
import { field, ok, requireParam } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { getCluster } from "./clusters";

/** clusters/events: `limit` defaults to 50, at most 500 (the API reference's bounds). */
export const EVENTS_DEFAULT_LIMIT = 50;
export const EVENTS_MAX_LIMIT = 500;

/** Appends an event to a cluster's log (create, start, running, resize, edit, terminate record one). */
export function recordEvent(
  state: WorkspaceState,
  clusterId: string,
  type: string,
  details: Obj = {},
  time = Date.now(),
): void {
  let log = state.clusterEvents.get(clusterId);
  if (!log) state.clusterEvents.set(clusterId, (log = []));
  log.push({ cluster_id: clusterId, timestamp: time, type, details });
}

const workersOf = (c: Obj) =>
  c.autoscale ? Number(c.autoscale.min_workers ?? 0) : Number(c.num_workers ?? 0);

export function registerClusterEvents(r: Router): void {
  for (const v of ["2.0", "2.1"]) {
    const base = `/api/${v}/clusters`;
    // resize: a running cluster only; the new size applies to the cluster and its spec.
    r.post(`${base}/resize`, (ctx) => {
      const { state } = ctx;
      const c = getCluster(state, requireParam(ctx, "cluster_id"));
      const num = field<number | undefined>(ctx, "num_workers");
      const autoscale = field<Obj | undefined>(ctx, "autoscale");
      if (num === undefined && !autoscale) throw invalid("Missing required field: num_workers or autoscale");
      if (num !== undefined && (!Number.isInteger(num) || num < 0))
        throw invalid(`Invalid num_workers: ${String(num)}`);
      if (c.state !== "RUNNING")
        throw invalidState(`Cluster ${c.cluster_id} is in unexpected state ${c.state}.`);
      state.touch(c);
      const before = workersOf(c);
      if (autoscale) {
        c.autoscale = autoscale;
        delete c.num_workers;
      } else {
        c.num_workers = num;
        delete c.autoscale;
      }
      const spec = (c.spec ?? {}) as Obj;
      if (autoscale) {
        spec.autoscale = autoscale;
        delete spec.num_workers;
      } else {
        spec.num_workers = num;
        delete spec.autoscale;
      }
      c.spec = spec;
      state.dropVerbatimList("clusters");
      recordEvent(state, c.cluster_id, "RESIZING", {
        current_num_workers: before,
        target_num_workers: workersOf(c),
        user: state.currentUser,
      });
      return ok({});
    });
    // events: newest first unless order=ASC; offset/limit paging with `next_page` (the request to send next).
    r.post(`${base}/events`, (ctx) => {
      const { state } = ctx;
      const id = requireParam(ctx, "cluster_id");
      getCluster(state, id);
      const order = String(field(ctx, "order") ?? "DESC").toUpperCase();
      if (order !== "ASC" && order !== "DESC") throw invalid(`Invalid order: ${order}`);
      const limit = Number(field(ctx, "limit") ?? EVENTS_DEFAULT_LIMIT);
      const offset = Number(field(ctx, "offset") ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || limit > EVENTS_MAX_LIMIT)
        throw invalid(`limit must be between 1 and ${EVENTS_MAX_LIMIT}, got ${limit}.`);
      if (!Number.isInteger(offset) || offset < 0) throw invalid(`Invalid offset: ${offset}`);
      const types = field<string[] | undefined>(ctx, "event_types");
      const from = field<number | undefined>(ctx, "start_time");
      const to = field<number | undefined>(ctx, "end_time");
      let all = (state.clusterEvents.get(id) ?? []).filter(
        (e) =>
          (!types?.length || types.includes(e.type)) &&
          (from === undefined || e.timestamp >= from) &&
          (to === undefined || e.timestamp <= to),
      );
      all = order === "ASC" ? all : [...all].reverse();
      const page = all.slice(offset, offset + limit);
      const body: Obj = { total_count: all.length };
      if (page.length) body.events = page;
      if (offset + limit < all.length) {
        const next: Obj = { cluster_id: id, order, offset: offset + limit, limit };
        if (types?.length) next.event_types = types;
        if (from !== undefined) next.start_time = from;
        if (to !== undefined) next.end_time = to;
        body.next_page = next;
      }
      return ok(body);
    });
  }
}
