import { invalid, missingParam, notFound } from "../errors";
import { boolParam, ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { byName, notEmpty, ownerOf, touched, ucNotFound } from "./uc-common";
import { assignMetastore, createMetastore } from "./uc-metastores";

/**
 * The account-level Unity Catalog calls an account-level provider makes (REST reference "Account
 * Metastores" and "Account Metastore Assignment"): bodies wrapped in `metastore_info` /
 * `metastore_assignment`, on the same metastores and assignments the workspace calls see.
 */
const A = "/api/2.0/accounts/{account_id}";

function checkAccount(ctx: RequestContext): void {
  if (ctx.params.account_id !== ctx.state.account.accountId)
    throw notFound(`Account ${ctx.params.account_id} does not exist.`);
}

function metastore(ctx: RequestContext): Metastore {
  checkAccount(ctx);
  const m = ctx.state.uc.metastores.get(ctx.params.metastore_id);
  if (!m)
    throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Metastore '${ctx.params.metastore_id}' does not exist.`);
  return m;
}

function workspaceId(ctx: RequestContext): string {
  const id = ctx.params.workspace_id;
  if (!/^\d+$/.test(id)) throw invalid(`Invalid workspace id: ${id}`);
  return id;
}

function wrapped(ctx: RequestContext, field: string): Obj {
  const v = ctx.body[field];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
}

export function registerUcAccount(r: Router): void {
  r.get(`${A}/metastores`, (ctx) => {
    checkAccount(ctx);
    const all = [...ctx.state.uc.metastores.values()].map((m) => m.info).sort(byName);
    return ok(all.length ? { metastores: all } : {});
  });
  r.post(`${A}/metastores`, (ctx) => {
    checkAccount(ctx);
    const info = wrapped(ctx, "metastore_info");
    if (!info.region) throw missingParam("metastore_info.region");
    return ok({ metastore_info: createMetastore(ctx.state, { ...info, metastore_id: undefined }).info });
  });
  r.get(`${A}/metastores/{metastore_id}`, (ctx) => ok({ metastore_info: metastore(ctx).info }));
  r.put(`${A}/metastores/{metastore_id}`, (ctx) => {
    const m = metastore(ctx);
    const info = wrapped(ctx, "metastore_info");
    if (typeof info.owner === "string" && info.owner) m.info.owner = ownerOf(ctx.state, info.owner);
    for (const k of ["storage_root_credential_id", "delta_sharing_scope", "privilege_model_version"])
      if (typeof info[k] === "string") m.info[k] = info[k];
    if (typeof info.new_name === "string" && info.new_name) m.info.name = info.new_name;
    return ok({ metastore_info: touched(ctx.state, m.info) });
  });
  r.delete(`${A}/metastores/{metastore_id}`, (ctx) => {
    const m = metastore(ctx);
    const user = [...m.catalogs.values()].filter((c) => c.catalog_type !== "SYSTEM_CATALOG");
    if (user.length && !boolParam(ctx, "force"))
      throw notEmpty(
        "METASTORE_NOT_EMPTY",
        `Metastore '${m.id}' is not empty: it holds ${user.length} catalog(s).`,
      );
    ctx.state.uc.metastores.delete(m.id);
    for (const [ws, a] of [...ctx.state.uc.assignments])
      if (a.metastore_id === m.id) ctx.state.uc.assignments.delete(ws);
    return ok({});
  });
  r.get(`${A}/metastores/{metastore_id}/workspaces`, (ctx) => {
    const m = metastore(ctx);
    const ids = [...ctx.state.uc.assignments]
      .filter(([, a]) => a.metastore_id === m.id)
      .map(([ws]) => Number(ws))
      .sort((x, y) => x - y);
    return ok(ids.length ? { workspace_ids: ids } : {});
  });
  r.get(`${A}/workspaces/{workspace_id}/metastore`, (ctx) => {
    checkAccount(ctx);
    const ws = workspaceId(ctx);
    const a = ctx.state.uc.assignments.get(ws);
    if (!a) throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Workspace ${ws} has no metastore assigned.`);
    return ok({ metastore_assignment: { workspace_id: Number(ws), ...a } });
  });
  r.post(`${A}/workspaces/{workspace_id}/metastores/{metastore_id}`, (ctx) => {
    const m = metastore(ctx);
    const ws = workspaceId(ctx);
    const body = wrapped(ctx, "metastore_assignment");
    assignMetastore(ctx.state, ws, { ...body, metastore_id: m.id });
    return ok({});
  });
  r.put(`${A}/workspaces/{workspace_id}/metastores/{metastore_id}`, (ctx) => {
    const m = metastore(ctx);
    const ws = workspaceId(ctx);
    const a = ctx.state.uc.assignments.get(ws);
    if (!a || a.metastore_id !== m.id)
      throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Metastore '${m.id}' is not assigned to workspace ${ws}.`);
    const body = wrapped(ctx, "metastore_assignment");
    if (typeof body.default_catalog_name === "string") a.default_catalog_name = body.default_catalog_name;
    return ok({});
  });
  r.delete(`${A}/workspaces/{workspace_id}/metastores/{metastore_id}`, (ctx) => {
    const m = metastore(ctx);
    const ws = workspaceId(ctx);
    const a = ctx.state.uc.assignments.get(ws);
    if (!a || a.metastore_id !== m.id)
      throw ucNotFound("METASTORE_DOES_NOT_EXIST", `Metastore '${m.id}' is not assigned to workspace ${ws}.`);
    ctx.state.uc.assignments.delete(ws);
    return ok({});
  });
}
