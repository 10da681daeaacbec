import { z } from "zod";
import { KindName, principalRef, Ref } from "./common";

/**
 * Permission object types (the `/api/2.0/permissions/{type}/{id}` segment) and the descriptor kind that
 * names the object. `authorization/*` objects are workspace-wide and have no descriptor of their own.
 */
export const PERMISSION_OBJECT_TYPES = {
  clusters: "cluster",
  "cluster-policies": "cluster-policy",
  "instance-pools": "instance-pool",
  jobs: "job",
  notebooks: "notebook",
  directories: "directory",
  files: "workspace-file",
  repos: "repo",
  "sql/warehouses": "sql-warehouse",
  "authorization/tokens": null,
  "authorization/passwords": null,
} as const satisfies Record<string, KindName | null>;
export type PermissionObjectType = keyof typeof PERMISSION_OBJECT_TYPES;
export const permissionObjectType = z.enum(
  Object.keys(PERMISSION_OBJECT_TYPES) as [PermissionObjectType, ...PermissionObjectType[]],
);

export const permissionsSchema = z.object({
  /** `${objectType}:${objectId}`, e.g. `jobs:14`, `notebooks:/Users/a@b.c/nb`, `authorization/tokens:tokens`. */
  id: z.string().min(1),
  objectType: permissionObjectType,
  /** The object's SOURCE id in descriptor terms: cluster id, job id, workspace path, `tokens`. */
  objectId: z.string().min(1),
  /** The object's own grants only: inherited entries are dropped at export. */
  acl: z.array(z.object({ principal: principalRef, level: z.string().min(1) })),
});
export type PermissionsDescriptor = z.infer<typeof permissionsSchema>;

export function permissionsId(objectType: PermissionObjectType, objectId: string): string {
  return `${objectType}:${objectId}`;
}

export function permissionsReferences(p: PermissionsDescriptor): Ref[] {
  const refs: Ref[] = [];
  const kind = PERMISSION_OBJECT_TYPES[p.objectType];
  if (kind) refs.push({ kind, id: p.objectId, field: "objectId" });
  p.acl.forEach((a, i) =>
    refs.push({ kind: a.principal.kind, id: a.principal.id, field: `acl[${i}].principal` }),
  );
  return refs;
}
