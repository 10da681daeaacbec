import { EmulatorError } from "../errors";
import { intParam, param, Reply, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { clone, serveObject } from "./util";

const BASE = "/api/2.0/preview/scim/v2";
const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const USER_SCHEMAS = [
  "urn:ietf:params:scim:schemas:core:2.0:User",
  "urn:ietf:params:scim:schemas:extension:workspace:2.0:User",
];
export const GROUP_SCHEMAS = ["urn:ietf:params:scim:schemas:core:2.0:Group"];
export const SP_SCHEMAS = ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"];
/** The service caps a page at this many resources whatever `count` asks for. */
export const SCIM_MAX_COUNT = 10000;

type ResourceType = "Users" | "Groups" | "ServicePrincipals";
const SINGULAR: Record<ResourceType, string> = {
  Users: "User",
  Groups: "Group",
  ServicePrincipals: "ServicePrincipal",
};
/** The attribute that must be unique per resource type. */
const UNIQUE: Record<ResourceType, string> = {
  Users: "userName",
  Groups: "displayName",
  ServicePrincipals: "applicationId",
};

/** SCIM answers errors in SCIM's own shape, not `{"error_code","message"}`, as the service does. */
export function scimError(status: number, detail: string, scimType?: string): EmulatorError {
  const e = new EmulatorError(status, "SCIM_ERROR", detail);
  e.body = () =>
    ({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      ...(scimType ? { scimType } : {}),
      detail,
      status: String(status),
    }) as unknown as { error_code: string; message: string };
  return e;
}

function store(state: WorkspaceState, t: ResourceType): Map<string, Obj> {
  return t === "Users" ? state.users : t === "Groups" ? state.groups : state.servicePrincipals;
}

/** Which groups each principal is a direct member of, from the groups' member lists. */
function membershipIndex(state: WorkspaceState): Map<string, Obj[]> {
  const idx = new Map<string, Obj[]>();
  for (const g of state.groups.values())
    for (const m of (g.members as Obj[] | undefined) ?? []) {
      const list = idx.get(String(m.value)) ?? [];
      list.push({ display: g.displayName, type: "direct", value: g.id, $ref: `Groups/${g.id}` });
      idx.set(String(m.value), list);
    }
  return idx;
}

/** A resource as served: verbatim objects as loaded; others with `groups` derived from memberships. */
function view(state: WorkspaceState, obj: Obj, idx: Map<string, Obj[]>): Obj {
  if (state.raw.has(obj)) return obj;
  const groups = idx.get(String(obj.id));
  const out = { ...obj };
  if (groups?.length) out.groups = groups;
  else delete out.groups;
  return out;
}

interface Filter {
  attr: string;
  op: string;
  value: string;
}
function parseFilter(f: string | undefined): Filter[] {
  if (!f) return [];
  return f.split(/\s+and\s+/i).map((clause) => {
    const m = /^\s*([A-Za-z.]+)\s+(eq|ne|co|sw|ew)\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(clause);
    if (!m) throw scimError(400, `Invalid filter '${f}'`, "invalidFilter");
    return { attr: m[1], op: m[2].toLowerCase(), value: m[3].replace(/\\(.)/g, "$1") };
  });
}
function matches(obj: Obj, filters: Filter[]): boolean {
  return filters.every(({ attr, op, value }) => {
    const key = Object.keys(obj).find((k) => k.toLowerCase() === attr.toLowerCase());
    const actual = key === undefined ? undefined : obj[key];
    if (actual === undefined || actual === null) return op === "ne";
    const a = String(actual).toLowerCase();
    const v = value.toLowerCase();
    switch (op) {
      case "eq":
        return a === v;
      case "ne":
        return a !== v;
      case "co":
        return a.includes(v);
      case "sw":
        return a.startsWith(v);
      default:
        return a.endsWith(v);
    }
  });
}

function project(obj: Obj, attributes?: string, excluded?: string): Obj {
  let out = obj;
  if (attributes) {
    const keep = new Set(["id", ...attributes.split(",").map((a) => a.trim().toLowerCase())]);
    out = Object.fromEntries(Object.entries(obj).filter(([k]) => keep.has(k.toLowerCase())));
  }
  if (excluded) {
    const drop = new Set(excluded.split(",").map((a) => a.trim().toLowerCase()));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => !drop.has(k.toLowerCase())));
  }
  return out;
}

function list(ctx: RequestContext, t: ResourceType): Reply {
  const { state } = ctx;
  const filters = parseFilter(param(ctx, "filter"));
  const startIndex = Math.max(1, intParam(ctx, "startIndex") ?? 1);
  const count = Math.min(SCIM_MAX_COUNT, Math.max(0, intParam(ctx, "count") ?? SCIM_MAX_COUNT));
  const all = [...store(state, t).values()].filter((o) => matches(o, filters));
  const slice = all.slice(startIndex - 1, startIndex - 1 + count);
  const idx = membershipIndex(state);
  const attrs = param(ctx, "attributes");
  const excl = param(ctx, "excludedAttributes");
  const body: Obj = {
    totalResults: all.length,
    itemsPerPage: slice.length,
    startIndex,
    schemas: [LIST_SCHEMA],
  };
  // Past the end the service leaves `Resources` out altogether.
  if (slice.length) body.Resources = slice.map((o) => project(view(state, o, idx), attrs, excl));
  return { status: 200, body };
}

function getOne(state: WorkspaceState, t: ResourceType, id: string): Obj {
  const o = store(state, t).get(id);
  if (!o) throw scimError(404, `${SINGULAR[t]} with id ${id} not found.`);
  return o;
}

function checkUnique(state: WorkspaceState, t: ResourceType, body: Obj, exceptId?: string): void {
  const key = UNIQUE[t];
  const v = body[key];
  if (typeof v !== "string" || !v) throw scimError(400, `Request is missing required attribute ${key}.`);
  for (const o of store(state, t).values())
    if (o.id !== exceptId && String(o[key]).toLowerCase() === v.toLowerCase())
      throw scimError(409, `${SINGULAR[t]} with ${key} ${v} already exists.`, "uniqueness");
}

function checkMembers(state: WorkspaceState, members: unknown): Obj[] {
  if (members === undefined) return [];
  if (!Array.isArray(members)) throw scimError(400, "members must be an array.");
  return members.map((m: Obj) => {
    const id = String(m.value);
    const u = state.users.get(id);
    const g = state.groups.get(id);
    const sp = state.servicePrincipals.get(id);
    if (!u && !g && !sp) throw scimError(404, `Member with id ${id} not found.`);
    const ref = u ? `Users/${id}` : g ? `Groups/${id}` : `ServicePrincipals/${id}`;
    const display = u ? (u.displayName ?? u.userName) : g ? g.displayName : sp!.displayName;
    return { display, value: id, $ref: ref };
  });
}

/** Builds a resource from a create/replace body: read-only fields (id, groups, meta) are the service's. */
function build(state: WorkspaceState, t: ResourceType, body: Obj, id: string, old?: Obj): Obj {
  const { id: _id, groups: _groups, meta: _meta, schemas: _schemas, ...rest } = body;
  if (t === "Users") {
    const o: Obj = {
      id,
      userName: rest.userName,
      displayName: rest.displayName ?? old?.displayName ?? rest.userName,
      active: rest.active ?? true,
      emails: rest.emails ?? [{ type: "work", value: rest.userName, primary: true }],
      ...rest,
      schemas: USER_SCHEMAS,
    };
    if (!o.name) delete o.name;
    return o;
  }
  if (t === "Groups")
    return {
      id,
      displayName: rest.displayName,
      ...rest,
      members: checkMembers(state, rest.members),
      schemas: GROUP_SCHEMAS,
      meta: { resourceType: "WorkspaceGroup" },
    };
  return {
    id,
    applicationId: rest.applicationId,
    displayName: rest.displayName ?? rest.applicationId,
    active: rest.active ?? true,
    ...rest,
    schemas: SP_SCHEMAS,
  };
}

/** Group memberships named on a user/SP (`groups: [{value}]`) are stored on the groups. */
function applyGroupsAttribute(state: WorkspaceState, memberId: string, groups: unknown): void {
  if (!Array.isArray(groups)) return;
  for (const g of groups as Obj[]) {
    const group = state.groups.get(String(g.value));
    if (!group) throw scimError(404, `Group with id ${g.value} not found.`);
    addMembers(state, group, [{ value: memberId }]);
  }
}

function addMembers(state: WorkspaceState, group: Obj, members: Obj[]): void {
  const list: Obj[] = (group.members ??= []);
  for (const m of checkMembers(state, members)) {
    if (!list.some((x) => String(x.value) === m.value)) list.push(m);
    const member =
      state.users.get(m.value) ?? state.groups.get(m.value) ?? state.servicePrincipals.get(m.value);
    if (member) state.touch(member);
  }
  state.touch(group);
}

function removeMembers(state: WorkspaceState, group: Obj, ids: string[]): void {
  group.members = ((group.members as Obj[]) ?? []).filter((m) => !ids.includes(String(m.value)));
  for (const id of ids) {
    const member = state.users.get(id) ?? state.groups.get(id) ?? state.servicePrincipals.get(id);
    if (member) state.touch(member);
  }
  state.touch(group);
}

/** `members[value eq "123"]` → { attr: "members", value: "123" } */
function parsePath(path: string | undefined): { attr?: string; value?: string } {
  if (!path) return {};
  const m = /^([A-Za-z]+)(?:\[\s*value\s+eq\s+"?([^"\]]*)"?\s*\])?$/.exec(path.trim());
  if (!m) throw scimError(400, `Invalid path '${path}'`, "invalidPath");
  return { attr: m[1], value: m[2] };
}

const MULTI_VALUED = ["entitlements", "roles", "emails"];

function patch(state: WorkspaceState, t: ResourceType, obj: Obj, body: Obj): void {
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops)) throw scimError(400, "Operations are required.");
  if (Array.isArray(body.schemas) && !body.schemas.includes(PATCH_SCHEMA))
    throw scimError(400, `Invalid schemas: expected ${PATCH_SCHEMA}.`, "invalidSyntax");
  for (const op of ops as Obj[]) {
    const kind = String(op.op ?? "").toLowerCase();
    const { attr, value: selector } = parsePath(op.path);
    const values: Obj[] = Array.isArray(op.value) ? op.value : op.value !== undefined ? [op.value] : [];
    if (!["add", "remove", "replace"].includes(kind)) throw scimError(400, `Invalid op '${op.op}'`);
    if (!attr) {
      // No path: the value is an object of attributes to set.
      if (kind === "remove") throw scimError(400, "remove needs a path.", "noTarget");
      for (const [k, v] of Object.entries((op.value as Obj) ?? {})) setAttr(state, t, obj, kind, k, v);
      continue;
    }
    if (attr.toLowerCase() === "members" && t === "Groups") {
      if (kind === "remove") {
        const ids = selector !== undefined ? [selector] : values.map((v) => String(v.value));
        removeMembers(
          state,
          obj,
          ids.length ? ids : ((obj.members as Obj[]) ?? []).map((m) => String(m.value)),
        );
      } else {
        if (kind === "replace") obj.members = [];
        addMembers(state, obj, values);
      }
      continue;
    }
    if (attr.toLowerCase() === "groups" && t !== "Groups") {
      for (const v of values.length ? values : selector ? [{ value: selector }] : []) {
        const g = state.groups.get(String(v.value));
        if (!g) throw scimError(404, `Group with id ${v.value} not found.`);
        if (kind === "remove") removeMembers(state, g, [String(obj.id)]);
        else addMembers(state, g, [{ value: obj.id }]);
      }
      continue;
    }
    if (kind === "remove") {
      const key = attrKey(obj, attr);
      if (selector !== undefined && Array.isArray(obj[key]))
        obj[key] = (obj[key] as Obj[]).filter((x) => String(x.value) !== selector);
      else if (Array.isArray(obj[key]) && values.length)
        obj[key] = (obj[key] as Obj[]).filter(
          (x) => !values.some((v) => String(v.value) === String(x.value)),
        );
      else delete obj[key];
    } else setAttr(state, t, obj, kind, attr, Array.isArray(op.value) ? op.value : op.value);
  }
  state.touch(obj);
}

function attrKey(obj: Obj, attr: string): string {
  return Object.keys(obj).find((k) => k.toLowerCase() === attr.toLowerCase()) ?? attr;
}

function setAttr(state: WorkspaceState, t: ResourceType, obj: Obj, kind: string, attr: string, v: unknown) {
  const key = attrKey(obj, attr);
  if (["id", "schemas", "meta"].includes(key)) return;
  if (key === "members" && t === "Groups") {
    if (kind === "replace") obj.members = [];
    addMembers(state, obj, (Array.isArray(v) ? v : [v]) as Obj[]);
    return;
  }
  if (MULTI_VALUED.includes(key) && kind === "add") {
    const cur: Obj[] = Array.isArray(obj[key]) ? obj[key] : [];
    for (const x of (Array.isArray(v) ? v : [v]) as Obj[])
      if (!cur.some((c) => String(c.value) === String(x.value))) cur.push(x);
    obj[key] = cur;
    return;
  }
  if (key === UNIQUE[t] && typeof v === "string") checkUnique(state, t, { [key]: v }, String(obj.id));
  obj[key] = v;
}

export function registerScim(r: Router): void {
  for (const t of ["Users", "Groups", "ServicePrincipals"] as ResourceType[]) {
    r.get(`${BASE}/${t}`, (ctx) => list(ctx, t));
    r.get(`${BASE}/${t}/{id}`, (ctx) => {
      const o = getOne(ctx.state, t, ctx.params.id);
      if (ctx.state.raw.has(o)) return serveObject(ctx.state, o);
      return { status: 200, body: view(ctx.state, o, membershipIndex(ctx.state)) };
    });
    r.post(`${BASE}/${t}`, (ctx) => {
      const { state } = ctx;
      checkUnique(state, t, ctx.body);
      const id = state.scimId();
      const obj = build(state, t, ctx.body, id);
      store(state, t).set(id, obj);
      if (t !== "Groups") applyGroupsAttribute(state, id, ctx.body.groups);
      return { status: 201, body: view(state, obj, membershipIndex(state)) };
    });
    r.put(`${BASE}/${t}/{id}`, (ctx) => {
      const { state } = ctx;
      const old = getOne(state, t, ctx.params.id);
      checkUnique(state, t, ctx.body, old.id);
      const obj = build(state, t, ctx.body, old.id, old);
      store(state, t).set(old.id, obj);
      return { status: 200, body: view(state, obj, membershipIndex(state)) };
    });
    r.patch(`${BASE}/${t}/{id}`, (ctx) => {
      const { state } = ctx;
      const obj = getOne(state, t, ctx.params.id);
      patch(state, t, obj, ctx.body);
      return { status: 200, body: view(state, obj, membershipIndex(state)) };
    });
    r.delete(`${BASE}/${t}/{id}`, (ctx) => {
      const { state } = ctx;
      getOne(state, t, ctx.params.id);
      store(state, t).delete(ctx.params.id);
      for (const g of state.groups.values())
        if (((g.members as Obj[]) ?? []).some((m) => String(m.value) === ctx.params.id))
          removeMembers(state, g, [ctx.params.id]);
      return { status: 204 };
    });
  }
  r.get(`${BASE}/Me`, (ctx) => {
    const me = [...ctx.state.users.values()].find((u) => u.userName === ctx.state.currentUser);
    if (!me) throw scimError(404, "User not found.");
    return { status: 200, body: clone(view(ctx.state, me, membershipIndex(ctx.state))) };
  });
}
