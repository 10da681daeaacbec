import { mkdirs } from "../routes/workspace";
import { GROUP_SCHEMAS, SP_SCHEMAS, USER_SCHEMAS } from "../routes/scim";
import { toSource } from "../formats/notebook";
import { WsNode } from "../state/tree";
import { Language, Obj } from "../state/types";
import { AclEntry, WorkspaceState } from "../state/workspace-state";
import { permissionsKeyOf } from "../routes/workspace";

/** Helpers seeds share to put objects straight into the state, in API response shape. */
export function addUser(
  state: WorkspaceState,
  userName: string,
  opts: {
    displayName?: string;
    active?: boolean;
    entitlements?: string[];
    home?: boolean;
    externalId?: string;
  } = {},
): Obj {
  const id = state.scimId();
  const displayName = opts.displayName ?? userName.split("@")[0];
  const [givenName, ...rest] = displayName.split(" ");
  const u: Obj = {
    id,
    userName,
    displayName,
    active: opts.active ?? true,
    emails: [{ type: "work", value: userName, primary: true }],
    name: { givenName, familyName: rest.join(" ") || undefined },
    schemas: USER_SCHEMAS,
  };
  if (!u.name.familyName) delete u.name.familyName;
  if (opts.entitlements?.length) u.entitlements = opts.entitlements.map((value) => ({ value }));
  if (opts.externalId) u.externalId = opts.externalId;
  state.users.set(id, u);
  if (opts.home !== false) {
    const home = mkdirs(state, `/Users/${userName}`);
    state.acls.set(permissionsKeyOf(home), [{ user_name: userName, permission_level: "CAN_MANAGE" }]);
  }
  return u;
}

export function addGroup(
  state: WorkspaceState,
  displayName: string,
  members: Obj[] = [],
  opts: { entitlements?: string[]; externalId?: string } = {},
): Obj {
  const id = state.scimId();
  const g: Obj = {
    id,
    displayName,
    members: members.map((m) => ({
      display: m.displayName ?? m.userName,
      value: m.id,
      $ref: `${m.userName ? "Users" : m.applicationId ? "ServicePrincipals" : "Groups"}/${m.id}`,
    })),
    schemas: GROUP_SCHEMAS,
    meta: { resourceType: "WorkspaceGroup" },
  };
  if (opts.entitlements?.length) g.entitlements = opts.entitlements.map((value) => ({ value }));
  if (opts.externalId) g.externalId = opts.externalId;
  state.groups.set(id, g);
  return g;
}

export function addMember(g: Obj, m: Obj): void {
  g.members.push({
    display: m.displayName ?? m.userName,
    value: m.id,
    $ref: `${m.userName ? "Users" : m.applicationId ? "ServicePrincipals" : "Groups"}/${m.id}`,
  });
}

export function addServicePrincipal(
  state: WorkspaceState,
  applicationId: string,
  displayName: string,
  entitlements: string[] = [],
): Obj {
  const id = state.scimId();
  const sp: Obj = { id, applicationId, displayName, active: true, schemas: SP_SCHEMAS };
  if (entitlements.length) sp.entitlements = entitlements.map((value) => ({ value }));
  state.servicePrincipals.set(id, sp);
  return sp;
}

export function addNotebook(
  state: WorkspaceState,
  path: string,
  language: Language,
  source: string,
  time: number,
  importFormat?: "JUPYTER",
): WsNode {
  mkdirs(state, path.slice(0, path.lastIndexOf("/")) || "/");
  return state.tree.put({
    path,
    object_type: "NOTEBOOK",
    object_id: state.objectId(),
    language,
    created_at: time,
    modified_at: time,
    content: Buffer.from(toSource(language, source)),
    importFormat,
  });
}

export function addFile(state: WorkspaceState, path: string, content: Buffer | string, time: number): WsNode {
  mkdirs(state, path.slice(0, path.lastIndexOf("/")) || "/");
  return state.tree.put({
    path,
    object_type: "FILE",
    object_id: state.objectId(),
    created_at: time,
    modified_at: time,
    content: Buffer.isBuffer(content) ? content : Buffer.from(content),
  });
}

export function grant(state: WorkspaceState, key: string, ...entries: AclEntry[]): void {
  state.acls.set(key, [...(state.acls.get(key) ?? []), ...entries]);
}
export const user = (user_name: string, permission_level: string): AclEntry => ({
  user_name,
  permission_level,
});
export const group = (group_name: string, permission_level: string): AclEntry => ({
  group_name,
  permission_level,
});
export const sp = (service_principal_name: string, permission_level: string): AclEntry => ({
  service_principal_name,
  permission_level,
});

/** What every workspace has: the first admin, the admins and users groups, the root folders. */
export function addBuiltIns(
  state: WorkspaceState,
  adminUser = "admin@example.com",
): { admin: Obj; admins: Obj; users: Obj } {
  state.currentUser = adminUser;
  mkdirs(state, "/Users");
  mkdirs(state, "/Shared");
  mkdirs(state, "/Repos");
  const admin = addUser(state, adminUser, {
    displayName: "Workspace Admin",
    entitlements: ["allow-cluster-create", "allow-instance-pool-create"],
  });
  const admins = addGroup(state, "admins", [admin], {
    entitlements: [
      "allow-cluster-create",
      "allow-instance-pool-create",
      "databricks-sql-access",
      "workspace-access",
    ],
  });
  const users = addGroup(state, "users", [], { entitlements: ["workspace-access", "databricks-sql-access"] });
  return { admin, admins, users };
}
