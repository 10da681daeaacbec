import { invalid, missingParam } from "../errors";
import { ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";
import { byName, noMetastore, ownerOf, stamp, touched, UC, ucNotFound, ucPage, uuid } from "./uc-common";
import { addSystemCatalog } from "./uc-catalogs";

/**
 * Metastores and their assignment to workspaces: `metastores` list/get/create/update,
 * `current-metastore-assignment`, `metastore_summary`, and `workspaces/{id}/metastore` PUT/PATCH/DELETE.
 */
export function createMetastore(state: WorkspaceState, body: Obj): Metastore {
  const name = body.name;
  if (typeof name !== "string" || !name) throw missingParam("name");
  const region = String(body.region ?? state.uc.workspaceRegion ?? "");
  if (!region) throw missingParam("region");
  const id = typeof body.metastore_id === "string" ? body.metastore_id : uuid(state);
  const info: Obj = {
    metastore_id: id,
    name,
    cloud: "azure",
    region,
    ...(body.storage_root ? { storage_root: String(body.storage_root).replace(/\/+$/, "") } : {}),
    global_metastore_id: `azure:${region}:${id}`,
    delta_sharing_scope: "INTERNAL",
    privilege_model_version: "1.0",
    external_access_enabled: false,
    ...stamp(state, body.owner),
  };
  const m = new Metastore(info);
  state.uc.metastores.set(id, m);
  addSystemCatalog(state, m);
  return m;
}

/** Assigns a metastore to a workspace (replacing any earlier assignment, as the reference says). */
export function assignMetastore(state: WorkspaceState, workspaceId: string, body: Obj): void {
  const id = body.metastore_id;
  if (typeof id !== "string" || !id) throw missingParam("metastore_id");
  const m = state.uc.metastores.get(id);
  if (!m) throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Metastore '${id}' does not exist.`);
  const region =
    workspaceId === state.uc.workspaceId
      ? state.uc.workspaceRegion
      : state.account.workspaces.get(workspaceId)?.region;
  if (region && region !== m.info.region)
    throw invalid(`Metastore ${id} is in region ${m.info.region}; workspace ${workspaceId} is in ${region}.`);
  const a: { metastore_id: string; default_catalog_name?: string } = { metastore_id: id };
  if (typeof body.default_catalog_name === "string") a.default_catalog_name = body.default_catalog_name;
  state.uc.assignments.set(workspaceId, a);
}

function workspaceIdOf(ctx: RequestContext): string {
  const id = ctx.params.workspace_id;
  if (!/^\d+$/.test(id)) throw invalid(`Invalid workspace id: ${id}`);
  return id;
}

function getMetastore(ctx: RequestContext): Metastore {
  const m = ctx.state.uc.metastores.get(ctx.params.id);
  if (!m) throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Metastore '${ctx.params.id}' does not exist.`);
  return m;
}

export function registerUcMetastores(r: Router): void {
  r.get(`${UC}/current-metastore-assignment`, (ctx) => {
    const uc = ctx.state.uc;
    const a = uc.assignments.get(uc.workspaceId);
    if (!a) throw noMetastore();
    return ok({ workspace_id: Number(uc.workspaceId), ...a });
  });
  r.get(`${UC}/metastore_summary`, (ctx) => {
    const m = ctx.state.uc.current();
    if (!m) throw noMetastore();
    return ok(m.info);
  });
  r.get(`${UC}/metastores`, (ctx) => {
    const all = [...ctx.state.uc.metastores.values()].map((m) => m.info).sort(byName);
    return ok(ucPage(ctx, all, "metastores", { allWhenUnset: true }));
  });
  r.post(`${UC}/metastores`, (ctx) =>
    ok(createMetastore(ctx.state, { ...ctx.body, metastore_id: undefined }).info),
  );
  r.get(`${UC}/metastores/{id}`, (ctx) => ok(getMetastore(ctx).info));
  r.patch(`${UC}/metastores/{id}`, (ctx) => {
    const m = getMetastore(ctx);
    if (typeof ctx.body.owner === "string" && ctx.body.owner)
      m.info.owner = ownerOf(ctx.state, ctx.body.owner);
    for (const k of ["storage_root_credential_id", "delta_sharing_scope", "privilege_model_version"])
      if (typeof ctx.body[k] === "string") m.info[k] = ctx.body[k];
    if (typeof ctx.body.new_name === "string" && ctx.body.new_name) m.info.name = ctx.body.new_name;
    return ok(touched(ctx.state, m.info));
  });
  r.put(`${UC}/workspaces/{workspace_id}/metastore`, (ctx) => {
    // Required by the reference (though deprecated in favour of the Default Namespace API).
    if (typeof ctx.body.default_catalog_name !== "string") throw missingParam("default_catalog_name");
    assignMetastore(ctx.state, workspaceIdOf(ctx), ctx.body);
    return ok({});
  });
  r.patch(`${UC}/workspaces/{workspace_id}/metastore`, (ctx) => {
    const ws = workspaceIdOf(ctx);
    const a = ctx.state.uc.assignments.get(ws);
    if (!a) throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Workspace ${ws} has no metastore assigned.`);
    assignMetastore(ctx.state, ws, { ...a, ...ctx.body });
    return ok({});
  });
  r.delete(`${UC}/workspaces/{workspace_id}/metastore`, (ctx) => {
    const ws = workspaceIdOf(ctx);
    const id = ctx.query.get("metastore_id");
    if (!id) throw missingParam("metastore_id");
    const a = ctx.state.uc.assignments.get(ws);
    if (!a || a.metastore_id !== id)
      throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Metastore '${id}' is not assigned to workspace ${ws}.`);
    ctx.state.uc.assignments.delete(ws);
    return ok({});
  });
}
