import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import { PrincipalRef } from "../common";
import { PERMISSION_OBJECT_TYPES, PERMISSION_TARGETS, PermissionObjectType } from "../permission-types";
import { PermissionsDescriptor } from "./schema";
import { Mapping, Resolver, skip } from "../../components/mapping/refs";

/** Which PermissionsArgs field names the object, per permission object type (the contracts' providerArg). */
export const PERMISSIONS_TARGET: Record<PermissionObjectType, keyof databricks.PermissionsArgs> =
  Object.fromEntries(Object.values(PERMISSION_TARGETS).map((t) => [t.objectType, t.providerArg])) as Record<
    PermissionObjectType,
    keyof databricks.PermissionsArgs
  >;

const PRINCIPAL_FIELD = {
  user: "userName",
  group: "groupName",
  "service-principal": "servicePrincipalName",
} as const;

/** Object types whose objects live in the workspace tree (synced per folder tree at scale). */
export const TREE_OBJECT_TYPES: ReadonlySet<PermissionObjectType> = new Set(
  Object.values(PERMISSION_TARGETS)
    .filter((t) => t.targets === "workspace-tree")
    .map((t) => t.objectType),
);

// `;` separates grants and `%` escapes: both are escaped in principal names (group names may hold anything).
const esc = (s: string) => s.replace(/%/g, "%25").replace(/;/g, "%3B");
const unesc = (s: string) => s.replace(/%3B/g, ";").replace(/%25/g, "%");

/** An ACL as one readable, order-independent line: `group:data-eng=CAN_RUN;user:a@b.c=CAN_MANAGE`. */
export function aclString(acl: { principal: PrincipalRef; level: string }[]): string {
  return acl
    .map((a) => `${a.principal.kind}:${esc(a.principal.id)}=${a.level}`)
    .sort()
    .join(";");
}

/**
 * The grants as the permissions API names their principals: a group by its CURRENT displayName (`nameOf`),
 * a user by userName and a service principal by applicationId (their source ids). After a group's rename
 * the line names the new name, so the ACL is written again with it.
 */
export function apiAcl(
  acl: { principal: PrincipalRef; level: string }[],
  nameOf: (p: PrincipalRef) => string,
): { principal: PrincipalRef; level: string }[] {
  return acl.map((a) => ({ principal: { kind: a.principal.kind, id: nameOf(a.principal) }, level: a.level }));
}

export function parseAclString(s: string): { principal: PrincipalRef; level: string }[] {
  if (!s) return [];
  return s.split(";").map((entry) => {
    const colon = entry.indexOf(":");
    const eq = entry.lastIndexOf("=");
    const kind = entry.slice(0, colon) as PrincipalRef["kind"];
    return { principal: { kind, id: unesc(entry.slice(colon + 1, eq)) }, level: entry.slice(eq + 1) };
  });
}

/** The REST body entry for one grant (what the permissions API takes). */
export function aclEntryBody(a: { principal: PrincipalRef; level: string }): Record<string, string> {
  const field = { user: "user_name", group: "group_name", "service-principal": "service_principal_name" }[
    a.principal.kind
  ];
  return { [field]: a.principal.id, permission_level: a.level };
}

/**
 * Keeps the grants whose principal exists in the secondary; the others are dropped with a note (a grant to
 * someone who is not there cannot be applied).
 */
export function resolvableAcl(
  d: PermissionsDescriptor,
  resolve: Resolver,
): { acl: { principal: PrincipalRef; level: string; value: pulumi.Input<string> }[]; notes: string[] } {
  const notes: string[] = [];
  const acl: { principal: PrincipalRef; level: string; value: pulumi.Input<string> }[] = [];
  d.acl.forEach((a, i) => {
    const r = resolve({ kind: a.principal.kind, id: a.principal.id, field: `acl[${i}].principal` });
    if ("value" in r) acl.push({ ...a, value: r.value as pulumi.Input<string> });
    else notes.push(`${a.level} for ${a.principal.kind} ${a.principal.id} not applied: ${r.missing}`);
  });
  return { acl, notes };
}

export function permissionsArgs(
  d: PermissionsDescriptor,
  resolve: Resolver,
): Mapping<databricks.PermissionsArgs> {
  const target = PERMISSIONS_TARGET[d.objectType];
  const args: Record<string, unknown> = {};
  const kind = PERMISSION_OBJECT_TYPES[d.objectType];
  if (kind) {
    const r = resolve({ kind, id: d.objectId, field: "objectId" });
    if ("missing" in r) return skip(`the ${kind} it applies to is not in the secondary: ${r.missing}`);
    args[target] = r.value;
  } else {
    args[target] = d.objectType.slice("authorization/".length);
  }
  const { acl, notes } = resolvableAcl(d, resolve);
  if (!acl.length) return skip("no grant names a principal that exists in the secondary", notes);
  args.accessControls = acl.map((a) => ({
    [PRINCIPAL_FIELD[a.principal.kind]]: a.value,
    permissionLevel: a.level,
  }));
  return { ok: true, args: args as unknown as databricks.PermissionsArgs, notes };
}
