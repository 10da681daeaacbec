import { invalid } from "../errors";
import { ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";
import {
  ancestors,
  cur,
  principalExists,
  securable,
  SecurableType,
  securableType,
  UC,
  ucNotFound,
  ucPage,
} from "./uc-common";

/**
 * Grants: `GET/PATCH /api/2.1/unity-catalog/permissions/{securable_type}/{full_name}` (own privileges;
 * PATCH takes `changes: [{principal, add, remove}]` and answers the whole list) and
 * `effective-permissions/...` (own plus inherited from schema, catalog and metastore).
 */
const COMMON = ["ALL_PRIVILEGES", "MANAGE", "APPLY_TAG"];
const IN_SCHEMA = [
  "CREATE_FUNCTION",
  "CREATE_MATERIALIZED_VIEW",
  "CREATE_MODEL",
  "CREATE_TABLE",
  "CREATE_VOLUME",
  "EXECUTE",
  "MODIFY",
  "READ_VOLUME",
  "REFRESH",
  "SELECT",
  "USE_SCHEMA",
  "WRITE_VOLUME",
  "EXTERNAL_USE_SCHEMA",
];
/** Privileges each securable type takes (the UC privilege reference); others are refused. */
export const PRIVILEGES: Record<SecurableType, string[]> = {
  metastore: [
    "CREATE_CATALOG",
    "CREATE_CONNECTION",
    "CREATE_EXTERNAL_LOCATION",
    "CREATE_STORAGE_CREDENTIAL",
    "CREATE_SERVICE_CREDENTIAL",
    "CREATE_SHARE",
    "CREATE_RECIPIENT",
    "CREATE_PROVIDER",
    "CREATE_CLEAN_ROOM",
    "MANAGE_ALLOWLIST",
    "SET_SHARE_PERMISSION",
    "USE_MARKETPLACE_ASSETS",
    "USE_PROVIDER",
    "USE_RECIPIENT",
    "USE_SHARE",
  ],
  catalog: [...COMMON, "BROWSE", "CREATE_SCHEMA", "USE_CATALOG", ...IN_SCHEMA],
  schema: [...COMMON, ...IN_SCHEMA],
  table: [...COMMON, "SELECT", "MODIFY", "REFRESH"],
  volume: [...COMMON, "READ_VOLUME", "WRITE_VOLUME"],
  function: [...COMMON, "EXECUTE"],
  storage_credential: [
    "ALL_PRIVILEGES",
    "MANAGE",
    "CREATE_EXTERNAL_LOCATION",
    "CREATE_EXTERNAL_TABLE",
    "READ_FILES",
    "WRITE_FILES",
  ],
  external_location: [
    "ALL_PRIVILEGES",
    "MANAGE",
    "BROWSE",
    "CREATE_EXTERNAL_TABLE",
    "CREATE_EXTERNAL_VOLUME",
    "CREATE_FOREIGN_SECURABLE",
    "CREATE_MANAGED_STORAGE",
    "EXTERNAL_USE_LOCATION",
    "READ_FILES",
    "WRITE_FILES",
  ],
  connection: ["ALL_PRIVILEGES", "MANAGE", "CREATE_FOREIGN_CATALOG", "USE_CONNECTION"],
};

function key(type: SecurableType, o: Obj, m: Metastore): string {
  return `${type}/${type === "metastore" ? m.id : String(o.full_name ?? o.name).toLowerCase()}`;
}

function assignments(own: Map<string, string[]> | undefined, principal: string | null): Obj[] {
  return [...(own ?? new Map()).entries()]
    .filter(([p, privs]) => privs.length && (!principal || p === principal))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, privs]) => ({ principal: p, privileges: [...privs] }));
}

/**
 * Applies `changes` as PATCH does: each change adds then removes privileges of one principal; a principal
 * left with none disappears. Every change is checked before any is applied (one bad change, no change).
 */
export function applyGrantChanges(
  state: WorkspaceState,
  m: Metastore,
  type: SecurableType,
  o: Obj,
  changes: unknown,
): Map<string, string[]> {
  if (!Array.isArray(changes)) throw invalid("Missing required field: changes");
  const allowed = PRIVILEGES[type];
  for (const c of changes as Obj[]) {
    if (typeof c?.principal !== "string" || !c.principal) throw invalid("changes[].principal is required.");
    if (!principalExists(state, c.principal))
      throw ucNotFound("PRINCIPAL_DOES_NOT_EXIST", `Could not find principal with name ${c.principal}`);
    for (const p of [...((c.add ?? []) as string[]), ...((c.remove ?? []) as string[])])
      if (!allowed.includes(String(p).toUpperCase().replace(/ /g, "_")))
        throw invalid(`Privilege ${p} is not applicable to this entity [${type}].`);
  }
  const k = key(type, o, m);
  const own = m.grants.get(k) ?? new Map<string, string[]>();
  for (const c of changes as Obj[]) {
    const norm = (l: unknown) =>
      ((l ?? []) as string[]).map((p) => String(p).toUpperCase().replace(/ /g, "_"));
    const cur = own.get(c.principal) ?? [];
    for (const p of norm(c.add)) if (!cur.includes(p)) cur.push(p);
    const remove = norm(c.remove);
    const left = cur.filter((p) => !remove.includes(p));
    if (left.length) own.set(c.principal, left);
    else own.delete(c.principal);
  }
  m.grants.set(k, own);
  return own;
}

function target(ctx: RequestContext): { m: Metastore; type: SecurableType; o: Obj } {
  const m = cur(ctx);
  const type = securableType(ctx.params.type);
  return { m, type, o: securable(m, type, ctx.params.name) };
}

export function registerUcGrants(r: Router): void {
  r.get(`${UC}/permissions/{type}/{name}`, (ctx) => {
    const { m, type, o } = target(ctx);
    const list = assignments(m.grants.get(key(type, o, m)), ctx.query.get("principal"));
    return ok(ucPage(ctx, list, "privilege_assignments", { allWhenUnset: true }));
  });
  r.patch(`${UC}/permissions/{type}/{name}`, (ctx) => {
    const { m, type, o } = target(ctx);
    const own = applyGrantChanges(ctx.state, m, type, o, ctx.body.changes);
    const list = assignments(own, null);
    return ok(list.length ? { privilege_assignments: list } : {});
  });
  r.get(`${UC}/effective-permissions/{type}/{name}`, (ctx) => {
    const { m, type, o } = target(ctx);
    const byPrincipal = new Map<string, Obj[]>();
    const add = (p: string, e: Obj) => {
      const l = byPrincipal.get(p) ?? [];
      if (!l.some((x) => x.privilege === e.privilege && x.inherited_from_name === e.inherited_from_name))
        l.push(e);
      byPrincipal.set(p, l);
    };
    for (const [p, privs] of m.grants.get(key(type, o, m)) ?? [])
      for (const pr of privs) add(p, { privilege: pr });
    for (const [t, n] of ancestors(m, type, String(o.full_name ?? o.name)))
      for (const [p, privs] of m.grants.get(`${t}/${n}`) ?? [])
        for (const pr of privs)
          if (PRIVILEGES[type].includes(pr))
            add(p, { privilege: pr, inherited_from_type: t.toUpperCase(), inherited_from_name: n });
    const principal = ctx.query.get("principal");
    const list = [...byPrincipal.entries()]
      .filter(([p]) => !principal || p === principal)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([p, privileges]) => ({ principal: p, privileges }));
    return ok(ucPage(ctx, list, "privilege_assignments", { allWhenUnset: true }));
  });
}
