import { EmulatorError, invalid, notFound } from "../errors";
import { ok, Reply, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { AclEntry, WorkspaceState } from "../state/workspace-state";
import { permissionsKeyOf } from "./workspace";
import { LAKEVIEW } from "./lakeview";

/** Per permissions type: object_type as answered, the levels it takes, the admins' inherited grant. */
interface TypeSpec {
  objectType: string;
  levels: string[];
  admins?: { level: string; from: string };
}
export const PERMISSION_TYPES: Record<string, TypeSpec> = {
  clusters: {
    objectType: "cluster",
    levels: ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"],
    admins: { level: "CAN_MANAGE", from: "/clusters/" },
  },
  "cluster-policies": {
    objectType: "cluster-policy",
    levels: ["CAN_USE"],
    admins: { level: "CAN_USE", from: "/cluster-policies/cluster-policies" },
  },
  "instance-pools": {
    objectType: "instance-pool",
    levels: ["CAN_ATTACH_TO", "CAN_MANAGE"],
    admins: { level: "CAN_MANAGE", from: "/instance-pools/" },
  },
  jobs: {
    objectType: "job",
    levels: ["CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"],
    admins: { level: "CAN_MANAGE", from: "/jobs/" },
  },
  pipelines: {
    objectType: "pipelines",
    levels: ["CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"],
    admins: { level: "CAN_MANAGE", from: "/pipelines/" },
  },
  // Model serving endpoints (routes/serving-endpoints.ts), by the endpoint's id, not its name.
  "serving-endpoints": {
    objectType: "serving-endpoint",
    levels: ["CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"],
    admins: { level: "CAN_MANAGE", from: "/serving-endpoints/" },
  },
  notebooks: { objectType: "notebook", levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"] },
  directories: { objectType: "directory", levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"] },
  files: { objectType: "file", levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"] },
  repos: { objectType: "repo", levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"] },
  // AI/BI (Lakeview) dashboards (routes/lakeview.ts), by dashboard_id.
  dashboards: { objectType: "dashboard", levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"] },
  "sql/warehouses": {
    objectType: "warehouses",
    levels: ["CAN_VIEW", "CAN_MONITOR", "CAN_USE", "CAN_MANAGE", "IS_OWNER"],
    admins: { level: "CAN_MANAGE", from: "/sql/warehouses/" },
  },
  // MLflow (routes/mlflow.ts): object types and levels as the Terraform provider's permission definitions list them.
  experiments: {
    objectType: "mlflowExperiment",
    levels: ["CAN_READ", "CAN_EDIT", "CAN_MANAGE"],
    admins: { level: "CAN_MANAGE", from: "/experiments/" },
  },
  "registered-models": {
    objectType: "registered-model",
    levels: [
      "CAN_READ",
      "CAN_EDIT",
      "CAN_MANAGE_STAGING_VERSIONS",
      "CAN_MANAGE_PRODUCTION_VERSIONS",
      "CAN_MANAGE",
    ],
    admins: { level: "CAN_MANAGE", from: "/registered-models/root" },
  },
  "authorization/tokens": { objectType: "tokens", levels: ["CAN_USE", "CAN_MANAGE"] },
  "authorization/passwords": { objectType: "passwords", levels: ["CAN_USE"] },
};
const TREE_TYPES: Record<string, string> = {
  notebooks: "NOTEBOOK",
  directories: "DIRECTORY",
  files: "FILE",
  repos: "REPO",
};

/** `sql/warehouses/abc` → { type: "sql/warehouses", id: "abc" }; `authorization/tokens` → id "". */
export function parseTarget(rest: string): { type: string; id: string } {
  const clean = rest.replace(/\/+$/, "");
  if (clean === "authorization/tokens" || clean === "authorization/passwords") return { type: clean, id: "" };
  if (clean.startsWith("sql/warehouses/")) return { type: "sql/warehouses", id: clean.slice(15) };
  const i = clean.indexOf("/");
  if (i < 0) return { type: clean, id: "" };
  return { type: clean.slice(0, i), id: clean.slice(i + 1) };
}

const keyOf = (type: string, id: string) => (id ? `${type}/${id}` : type);

function exists(state: WorkspaceState, type: string, id: string): boolean {
  switch (type) {
    case "clusters":
      return state.clusters.has(id);
    case "cluster-policies":
      return state.policies.has(id);
    case "instance-pools":
      return state.pools.has(id);
    case "jobs":
      return state.jobs.has(Number(id));
    case "pipelines":
      return state.pipelines.has(id);
    case "serving-endpoints":
      return [...state.servingEndpoints.values()].some((e) => e.id === id);
    case "sql/warehouses":
      return state.warehouses.has(id);
    case "dashboards":
      return state.sqlObjects.get(LAKEVIEW)?.has(id) ?? false;
    case "experiments":
      return state.mlflow.experiments.get(id)?.lifecycle_stage === "active";
    case "registered-models":
      return !!state.mlflow.modelById(id);
    case "authorization/tokens":
    case "authorization/passwords":
      return true;
    default: {
      const n = state.tree.byId.get(Number(id));
      return !!n && n.object_type === TREE_TYPES[type];
    }
  }
}

const principalOf = (e: Obj): [string, string] | undefined =>
  e.user_name !== undefined
    ? ["user_name", e.user_name]
    : e.group_name !== undefined
      ? ["group_name", e.group_name]
      : e.service_principal_name !== undefined
        ? ["service_principal_name", e.service_principal_name]
        : undefined;

const KIND_ORDER = ["user_name", "group_name", "service_principal_name"];

/** Grants the object gets from its ancestors: folder ACLs, then the admins' workspace-wide grant. */
function inheritedOf(state: WorkspaceState, type: string, id: string): { entry: AclEntry; from: string }[] {
  const spec = PERMISSION_TYPES[type];
  const out: { entry: AclEntry; from: string }[] = [];
  if (TREE_TYPES[type]) {
    const node = state.tree.byId.get(Number(id));
    if (node)
      for (const dir of state.tree.ancestors(node.path))
        for (const e of state.acls.get(permissionsKeyOf(dir)) ?? [])
          out.push({ entry: e, from: `/directories/${dir.object_id}` });
    out.push({ entry: { group_name: "admins", permission_level: "CAN_MANAGE" }, from: "/directories/" });
  } else if (spec.admins) {
    out.push({
      entry: { group_name: "admins", permission_level: spec.admins.level },
      from: spec.admins.from,
    });
  }
  return out;
}

/** The permissions body as GET answers it: own grants and inherited ones, merged per principal. */
export function permissionsBody(state: WorkspaceState, type: string, id: string): Obj {
  const spec = PERMISSION_TYPES[type];
  const own = state.acls.get(keyOf(type, id)) ?? defaultAcl(type);
  const byPrincipal = new Map<string, Obj>();
  const entry = (e: Obj): Obj | undefined => {
    const p = principalOf(e);
    if (!p) return undefined;
    const k = `${p[0]}:${p[1]}`;
    let acl = byPrincipal.get(k);
    if (!acl) byPrincipal.set(k, (acl = { [p[0]]: p[1], all_permissions: [] }));
    return acl;
  };
  for (const e of own)
    entry(e)?.all_permissions.push({ inherited: false, permission_level: e.permission_level });
  for (const { entry: e, from } of inheritedOf(state, type, id))
    entry(e)?.all_permissions.push({
      inherited: true,
      inherited_from_object: [from],
      permission_level: e.permission_level,
    });
  const access_control_list = [...byPrincipal.values()].sort((a, b) => {
    const [ka, va] = principalOf(a)!;
    const [kb, vb] = principalOf(b)!;
    return KIND_ORDER.indexOf(ka) - KIND_ORDER.indexOf(kb) || (va < vb ? -1 : va > vb ? 1 : 0);
  });
  return { object_id: `/${keyOf(type, id)}`, object_type: spec.objectType, access_control_list };
}

function defaultAcl(type: string): AclEntry[] {
  if (type === "authorization/tokens") return [{ group_name: "admins", permission_level: "CAN_MANAGE" }];
  if (type === "authorization/passwords") return [{ group_name: "admins", permission_level: "CAN_USE" }];
  return [];
}

/** Own grants recovered from a verbatim body, before the first write replaces it. */
function ownFromRaw(body: Obj): AclEntry[] {
  const out: AclEntry[] = [];
  for (const a of (body.access_control_list as Obj[]) ?? []) {
    const p = principalOf(a);
    if (!p) continue;
    for (const perm of (a.all_permissions as Obj[]) ?? [])
      if (!perm.inherited)
        out.push({ [p[0]]: p[1], permission_level: perm.permission_level ?? perm.Permission_level });
  }
  return out;
}

function validateAcl(state: WorkspaceState, type: string, list: unknown): AclEntry[] {
  if (!Array.isArray(list)) throw invalid("Missing required field: access_control_list");
  const spec = PERMISSION_TYPES[type];
  return (list as Obj[]).map((e) => {
    const p = principalOf(e);
    if (!p)
      throw invalid("Each access control entry needs a user_name, group_name or service_principal_name.");
    const level = String(e.permission_level ?? "");
    if (!spec.levels.includes(level))
      throw invalid(`Permission type ${level} is not supported for object type ${spec.objectType}.`);
    const [kind, name] = p;
    const found =
      kind === "user_name"
        ? [...state.users.values()].some((u) => u.userName === name)
        : kind === "group_name"
          ? [...state.groups.values()].some((g) => g.displayName === name)
          : [...state.servicePrincipals.values()].some((s) => s.applicationId === name);
    if (!found) {
      const label =
        kind === "user_name" ? "UserName" : kind === "group_name" ? "GroupName" : "ServicePrincipal";
      throw invalid(`Principal: ${label}(${name}) does not exist`);
    }
    return { [kind]: name, permission_level: level };
  });
}

function resolve(ctx: RequestContext): { type: string; id: string; key: string } {
  const { type, id } = parseTarget(ctx.params.rest);
  if (!PERMISSION_TYPES[type])
    throw new EmulatorError(404, "ENDPOINT_NOT_FOUND", `No API found for '${ctx.method} ${ctx.path}'`);
  const key = keyOf(type, id);
  if (!ctx.state.permissionsRaw.has(key) && !exists(ctx.state, type, id))
    throw notFound(`${PERMISSION_TYPES[type].objectType} ${id} does not exist.`);
  return { type, id, key };
}

function write(ctx: RequestContext, replace: boolean): Reply {
  const { state } = ctx;
  const { type, id, key } = resolve(ctx);
  const given = validateAcl(state, type, ctx.body.access_control_list);
  const raw = state.permissionsRaw.get(key);
  let current = raw ? ownFromRaw(raw) : (state.acls.get(key) ?? defaultAcl(type));
  state.permissionsRaw.delete(key);
  if (replace) {
    // A job keeps its owner when the new list names none.
    const owner = current.find((e) => e.permission_level === "IS_OWNER");
    current =
      owner && type === "jobs" && !given.some((e) => e.permission_level === "IS_OWNER")
        ? [owner, ...given]
        : given;
  } else {
    for (const g of given) {
      const p = principalOf(g)!;
      current = current.filter((e) => principalOf(e)?.join(":") !== p.join(":"));
      current.push(g);
    }
  }
  state.acls.set(key, current);
  return ok(permissionsBody(state, type, id));
}

export function registerPermissions(r: Router): void {
  r.get("/api/2.0/permissions/{rest*}", (ctx) => {
    const levels = /\/permissionLevels$/.test(ctx.params.rest);
    if (levels) ctx.params.rest = ctx.params.rest.replace(/\/permissionLevels$/, "");
    const { type, id, key } = resolve(ctx);
    if (levels)
      return ok({
        permission_levels: PERMISSION_TYPES[type].levels.map((l) => ({
          permission_level: l,
          description: l,
        })),
      });
    const raw = ctx.state.permissionsRaw.get(key);
    if (raw) {
      const text = ctx.state.raw.get(raw);
      return text !== undefined ? { status: 200, raw: text } : ok(raw);
    }
    return ok(permissionsBody(ctx.state, type, id));
  });
  r.put("/api/2.0/permissions/{rest*}", (ctx) => write(ctx, true));
  r.patch("/api/2.0/permissions/{rest*}", (ctx) => write(ctx, false));
}
