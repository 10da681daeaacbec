import { EmulatorError, invalid, missingParam, notFound } from "../errors";
import { boolParam, decodeToken, encodeToken, intParam, ok, RequestContext } from "../http";
import { Router } from "../router";
import { AccountState, FailoverGroupRecord } from "../state/account-state";
import { Obj } from "../state/types";
import { LocalWorkspace, validateGroup } from "./dr-validate";
import { compact } from "./util";

/**
 * Databricks Managed Disaster Recovery, account level (`/api/disaster-recovery/v1`, as the REST reference
 * and databricks-sdk-go service/disasterrecovery spell it): failover groups over workspace sets with Unity
 * Catalog replication, the failover call, and stable URLs. Resource names are full paths
 * (`accounts/<id>/failover-groups/<id>`); Google-style conflicts answer 409 (ABORTED for a stale etag).
 */
const BASE = "/api/disaster-recovery/v1/accounts/{account_id}";
/** Server page bound for the lists (the reference: "the minimum of this value and a server configured value"). */
export const DR_MAX_PAGE = 50;
const UPDATABLE = ["workspace_sets", "unity_catalog_assets"];
const ID = /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/;

const conflict = (code: "ABORTED" | "RESOURCE_CONFLICT" | "ALREADY_EXISTS", message: string) =>
  new EmulatorError(409, code, message);

function account(ctx: RequestContext): AccountState {
  const a = ctx.state.account;
  if (ctx.params.account_id !== a.accountId)
    throw notFound(`Account ${ctx.params.account_id} does not exist.`);
  return a;
}

function groupName(ctx: RequestContext): string {
  return `accounts/${ctx.params.account_id}/failover-groups/${ctx.params.group_id}`;
}

function local(ctx: RequestContext): LocalWorkspace {
  const m = ctx.state.uc.current();
  return { workspaceId: ctx.state.uc.workspaceId, catalogs: m ? new Set(m.catalogs.keys()) : undefined };
}

function getGroup(ctx: RequestContext): FailoverGroupRecord {
  const a = account(ctx);
  const rec = a.failoverGroups.get(groupName(ctx));
  if (!rec) throw notFound(`Failover group ${groupName(ctx)} does not exist.`);
  a.settle(rec, ctx.state.now());
  return rec;
}

/** The SDKs send the resource itself as the body; the reference shows it under its field name. Both are taken. */
function resourceBody(ctx: RequestContext, field: string): Obj {
  const inner = ctx.body[field];
  return inner && typeof inner === "object" && !Array.isArray(inner) ? (inner as Obj) : ctx.body;
}

function checkEtag(rec: { body: Obj }, etag: unknown): void {
  if (etag !== undefined && etag !== null && etag !== "" && etag !== rec.body.etag)
    throw conflict(
      "ABORTED",
      `The etag ${etag} does not match the current etag ${rec.body.etag}: the failover group changed.`,
    );
}

function pageOf(ctx: RequestContext, items: Obj[], key: string, tag: string): Obj {
  const size = intParam(ctx, "page_size") ?? 0;
  if (size < 0) throw invalid(`page_size must not be negative (got ${size}).`);
  const n = size === 0 ? DR_MAX_PAGE : Math.min(size, DR_MAX_PAGE);
  const off = decodeToken(ctx.query.get("page_token") ?? undefined, tag);
  const slice = items.slice(off, off + n);
  return compact({
    [key]: slice.length ? slice : undefined,
    next_page_token: off + n < items.length ? encodeToken(off + n, tag) : undefined,
  });
}

function createGroup(ctx: RequestContext) {
  const a = account(ctx);
  const id = ctx.query.get("failover_group_id") ?? "";
  if (!id) throw missingParam("failover_group_id");
  if (!ID.test(id))
    throw invalid(`failover_group_id ${id} must be lower-case letters, digits, - and _ (1-63).`);
  const name = `accounts/${a.accountId}/failover-groups/${id}`;
  const g = resourceBody(ctx, "failover_group");
  const primary = g.initial_primary_region;
  const { workspace_sets } = validateGroup(
    a,
    g,
    undefined,
    local(ctx),
    typeof primary === "string" ? primary : undefined,
  );
  if (typeof primary !== "string" || !primary) throw missingParam("initial_primary_region");
  if (!(g.regions as string[]).includes(primary))
    throw invalid(`initial_primary_region ${primary} is not one of the group's regions.`);
  if (a.failoverGroups.has(name)) throw conflict("ALREADY_EXISTS", `Failover group ${name} already exists.`);
  const now = ctx.state.now();
  const at = new Date(now).toISOString();
  const slow = a.createMs > 0;
  const body: Obj = compact({
    name,
    create_time: at,
    update_time: at,
    regions: [...(g.regions as string[])],
    effective_primary_region: primary,
    workspace_sets,
    unity_catalog_assets: g.unity_catalog_assets ? structuredClone(g.unity_catalog_assets) : undefined,
    state: slow ? "CREATING" : "ACTIVE",
  });
  const rec: FailoverGroupRecord = { body, pending: [], version: 0 };
  a.bump(rec);
  if (boolParam(ctx, "validate_only")) return ok(body);
  if (slow)
    rec.pending.push(
      { at: now + a.createMs, state: "INITIAL_REPLICATION" },
      { at: now + 2 * a.createMs, state: "ACTIVE" },
    );
  a.failoverGroups.set(name, rec);
  a.repointStableUrls(body);
  a.settle(rec, now);
  return ok(body);
}

function updateGroup(ctx: RequestContext) {
  const a = account(ctx);
  const rec = getGroup(ctx);
  const mask = (ctx.query.get("update_mask") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!mask.length) throw missingParam("update_mask");
  const bad = mask.filter((f) => !UPDATABLE.includes(f));
  if (bad.length) throw invalid(`update_mask names fields that cannot be updated: ${bad.join(", ")}.`);
  const g = resourceBody(ctx, "failover_group");
  if (g.etag === undefined || g.etag === "") throw missingParam("etag");
  checkEtag(rec, g.etag);
  if (rec.body.state !== "ACTIVE")
    throw conflict(
      "RESOURCE_CONFLICT",
      `Failover group ${rec.body.name} is ${rec.body.state}; it can be updated when ACTIVE.`,
    );
  const next: Obj = { ...rec.body, regions: rec.body.regions };
  for (const f of mask) next[f] = g[f];
  const { workspace_sets } = validateGroup(
    a,
    next,
    String(rec.body.name),
    local(ctx),
    String(rec.body.effective_primary_region),
  );
  for (const set of rec.body.workspace_sets as Obj[])
    for (const n of (set.stable_url_names ?? []) as string[]) {
      const su = a.stableUrls.get(n);
      if (su) delete su.body.failover_group_name;
    }
  rec.body.workspace_sets = workspace_sets;
  if (mask.includes("unity_catalog_assets"))
    if (g.unity_catalog_assets) rec.body.unity_catalog_assets = structuredClone(g.unity_catalog_assets);
    else delete rec.body.unity_catalog_assets;
  rec.body.update_time = new Date(ctx.state.now()).toISOString();
  a.bump(rec);
  a.repointStableUrls(rec.body);
  return ok(rec.body);
}

function failover(ctx: RequestContext) {
  const a = account(ctx);
  const rec = getGroup(ctx);
  const type = ctx.body.failover_type;
  if (type === undefined || type === "") throw missingParam("failover_type");
  if (type !== "FORCED") throw invalid(`failover_type ${String(type)} is not one of FORCED.`);
  const target = ctx.body.target_primary_region;
  if (typeof target !== "string" || !target) throw missingParam("target_primary_region");
  checkEtag(rec, ctx.body.etag);
  const g = rec.body;
  if (!(g.regions as string[]).includes(target))
    throw invalid(
      `target_primary_region ${target} is not one of the group's regions (${g.regions.join(", ")}).`,
    );
  if (g.state !== "ACTIVE" && g.state !== "FAILOVER_FAILED")
    throw conflict(
      "RESOURCE_CONFLICT",
      `Failover group ${g.name} is ${g.state}; a failover needs it ACTIVE.`,
    );
  if (target === g.effective_primary_region)
    throw invalid(`target_primary_region ${target} is already the effective primary region.`);
  const now = ctx.state.now();
  g.state = "FAILING_OVER";
  g.update_time = new Date(now).toISOString();
  a.bump(rec);
  rec.pending = [{ at: now + a.failoverMs, state: "ACTIVE", region: target }];
  a.settle(rec, now);
  return ok(g);
}

function deleteGroup(ctx: RequestContext) {
  const a = account(ctx);
  const rec = getGroup(ctx);
  checkEtag(rec, ctx.query.get("etag") ?? undefined);
  for (const set of rec.body.workspace_sets as Obj[])
    for (const n of (set.stable_url_names ?? []) as string[]) {
      const su = a.stableUrls.get(n);
      if (su) delete su.body.failover_group_name;
    }
  a.failoverGroups.delete(String(rec.body.name));
  return ok({});
}

function stableUrlRoutes(r: Router): void {
  const name = (ctx: RequestContext) => `accounts/${ctx.params.account_id}/stable-urls/${ctx.params.url_id}`;
  const get = (ctx: RequestContext) => {
    const su = account(ctx).stableUrls.get(name(ctx));
    if (!su) throw notFound(`Stable URL ${name(ctx)} does not exist.`);
    return su;
  };
  r.post(`${BASE}/stable-urls`, (ctx) => {
    const a = account(ctx);
    const id = ctx.query.get("stable_url_id") ?? "";
    if (!id) throw missingParam("stable_url_id");
    if (!ID.test(id))
      throw invalid(`stable_url_id ${id} must be lower-case letters, digits, - and _ (1-63).`);
    const s = resourceBody(ctx, "stable_url");
    const ws = String(s.initial_workspace_id ?? "");
    if (!ws) throw missingParam("initial_workspace_id");
    if (!a.workspaces.has(ws)) throw invalid(`Workspace ${ws} does not exist in account ${a.accountId}.`);
    const full = `accounts/${a.accountId}/stable-urls/${id}`;
    if (a.stableUrls.has(full)) throw conflict("ALREADY_EXISTS", `Stable URL ${full} already exists.`);
    const body = { name: full, url: `https://${STABLE_URL_HOST}/?w=${a.rng.hex(16)}` };
    if (!boolParam(ctx, "validate_only")) a.stableUrls.set(full, { body, workspace_id: ws });
    return ok(body);
  });
  r.get(`${BASE}/stable-urls`, (ctx) => {
    const all = [...account(ctx).stableUrls.values()].map((s) => s.body);
    return ok(pageOf(ctx, all, "stable_urls", "su"));
  });
  r.get(`${BASE}/stable-urls/{url_id}`, (ctx) => ok(get(ctx).body));
  r.delete(`${BASE}/stable-urls/{url_id}`, (ctx) => {
    const su = get(ctx);
    if (su.body.failover_group_name)
      throw conflict(
        "RESOURCE_CONFLICT",
        `Stable URL ${su.body.name} is used by failover group ${su.body.failover_group_name}; remove it from the group first.`,
      );
    account(ctx).stableUrls.delete(String(su.body.name));
    return ok({});
  });
}

/** Host of generated stable URLs (`https://<host>/?w=<connection id>`): the real host is not documented. */
export const STABLE_URL_HOST = "accounts.azuredatabricks.net";

export function registerDisasterRecovery(r: Router): void {
  r.post(`${BASE}/failover-groups`, createGroup);
  r.get(`${BASE}/failover-groups`, (ctx) => {
    const a = account(ctx);
    const now = ctx.state.now();
    const all = [...a.failoverGroups.values()].map((rec) => (a.settle(rec, now), rec.body));
    return ok(pageOf(ctx, all, "failover_groups", "fg"));
  });
  r.get(`${BASE}/failover-groups/{group_id}`, (ctx) => ok(getGroup(ctx).body));
  r.patch(`${BASE}/failover-groups/{group_id}`, updateGroup);
  r.delete(`${BASE}/failover-groups/{group_id}`, deleteGroup);
  r.post(`${BASE}/failover-groups/{group_id}/failover`, failover);
  stableUrlRoutes(r);
}
