import { invalid } from "../errors";
import { ok, requireParam } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { getCluster } from "./clusters";
import { serveObject } from "./util";

const LIBRARY_KINDS = ["jar", "egg", "whl", "pypi", "maven", "cran", "requirements"];

function validateLibrary(l: Obj): void {
  const kinds = Object.keys(l ?? {}).filter((k) => LIBRARY_KINDS.includes(k));
  if (kinds.length !== 1) throw invalid(`A library must have exactly one of ${LIBRARY_KINDS.join(", ")}.`);
}

/** Adds libraries to a cluster's status; INSTALLED at once on a running cluster, else PENDING. */
export function installLibraries(state: WorkspaceState, clusterId: string, libraries: Obj[]): void {
  const c = getCluster(state, clusterId);
  libraries.forEach(validateLibrary);
  let body = state.libraries.get(clusterId);
  if (!body) state.libraries.set(clusterId, (body = { cluster_id: clusterId, library_statuses: [] }));
  state.touch(body);
  const statuses: Obj[] = (body.library_statuses ??= []);
  for (const lib of libraries) {
    const key = JSON.stringify(lib);
    const existing = statuses.find((s) => JSON.stringify(s.library) === key);
    if (existing) {
      if (existing.status === "UNINSTALL_ON_RESTART") existing.status = "INSTALLED";
      continue;
    }
    statuses.push({
      is_library_for_all_clusters: false,
      library: lib,
      status: c.state === "RUNNING" ? "INSTALLED" : "PENDING",
    });
  }
}

export function registerLibraries(r: Router): void {
  const base = "/api/2.0/libraries";
  r.get(`${base}/all-cluster-statuses`, (ctx) => {
    const statuses = [...ctx.state.libraries.values()];
    return ok(statuses.length ? { statuses } : {});
  });
  r.get(`${base}/cluster-status`, (ctx) => {
    const { state } = ctx;
    const id = requireParam(ctx, "cluster_id");
    const body = state.libraries.get(id);
    if (body) {
      if (state.clusters.has(id)) getCluster(state, id);
      return serveObject(state, body);
    }
    getCluster(state, id);
    return ok({ cluster_id: id });
  });
  r.post(`${base}/install`, (ctx) => {
    const libs = ctx.body.libraries;
    if (!Array.isArray(libs)) throw invalid("Missing required field: libraries");
    installLibraries(ctx.state, requireParam(ctx, "cluster_id"), libs as Obj[]);
    return ok({});
  });
  r.post(`${base}/uninstall`, (ctx) => {
    const { state } = ctx;
    const id = requireParam(ctx, "cluster_id");
    getCluster(state, id);
    const libs = (ctx.body.libraries as Obj[]) ?? [];
    const body = state.libraries.get(id);
    if (body) {
      state.touch(body);
      for (const lib of libs) {
        const s = ((body.library_statuses as Obj[]) ?? []).find(
          (x) => JSON.stringify(x.library) === JSON.stringify(lib),
        );
        if (s) s.status = "UNINSTALL_ON_RESTART";
      }
    }
    return ok({});
  });
}
