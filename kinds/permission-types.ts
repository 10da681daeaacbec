import { z } from "zod";
import type { KindName } from "./common";
import type { KindContract, KindPermissions } from "./define";
import { OBJECT_CONTRACTS } from "./contracts";

/**
 * Permission object types (the `/api/2.0/permissions/{type}/{id}` segment) and what each says: derived from
 * the kinds' contracts (`permissions`, kinds/define.ts), plus the workspace-wide `authorization/*` objects
 * that have no descriptor of their own. Built from OBJECT_CONTRACTS, which does not hold the permissions
 * kind itself (its schema is built from this table: kinds/permissions/schema.ts).
 */
export const WORKSPACE_PERMISSIONS = {
  "authorization/tokens": { levels: ["CAN_USE", "CAN_MANAGE"], providerArg: "authorization" },
  "authorization/passwords": { levels: ["CAN_USE"], providerArg: "authorization" },
} as const satisfies Record<string, Omit<KindPermissions, "objectType">>;

type ObjectTypeOf<C> = C extends { permissions: { objectType: infer T extends string } } ? T : never;
export type PermissionObjectType =
  ObjectTypeOf<(typeof OBJECT_CONTRACTS)[number]> | keyof typeof WORKSPACE_PERMISSIONS;

/** A permission object type: the kind whose objects it is on (null: workspace-wide) and its contract facts. */
export interface PermissionTarget extends KindPermissions<PermissionObjectType> {
  kind: KindName | null;
}
type ByType<V> = { readonly [T in PermissionObjectType]: V };

function targets(): ByType<PermissionTarget> {
  const out: Record<string, PermissionTarget> = {};
  for (const c of OBJECT_CONTRACTS as readonly KindContract[]) {
    const p = c.permissions;
    if (!p) continue;
    if (out[p.objectType])
      throw new Error(`permission object type ${p.objectType}: in ${out[p.objectType].kind} and ${c.name}`);
    out[p.objectType] = { ...p, objectType: p.objectType as PermissionObjectType, kind: c.name };
  }
  for (const [t, p] of Object.entries(WORKSPACE_PERMISSIONS))
    out[t] = { ...p, objectType: t as PermissionObjectType, kind: null };
  return out as ByType<PermissionTarget>;
}
export const PERMISSION_TARGETS = targets();

const each = <V>(f: (t: PermissionTarget) => V): ByType<V> =>
  Object.fromEntries(
    Object.values<PermissionTarget>(PERMISSION_TARGETS).map((t) => [t.objectType, f(t)]),
  ) as ByType<V>;

/** The descriptor kind that names the object of each type (null: workspace-wide). */
export const PERMISSION_OBJECT_TYPES: ByType<KindName | null> = each((t) => t.kind);

/**
 * The permission levels the Permissions API documents per object type (as the Databricks Terraform
 * provider's permission definitions also list them): a level another type has, or none has, is refused.
 */
export const PERMISSION_LEVELS: ByType<readonly string[]> = each((t) => t.levels);

export const permissionObjectType = z.enum(
  Object.keys(PERMISSION_TARGETS) as [PermissionObjectType, ...PermissionObjectType[]],
);
