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
  pipelines: "pipeline",
  // Databricks SQL objects: the legacy SQL permissions API (/api/2.0/preview/sql/permissions/{type}/{id}).
  queries: "sql-query",
  alerts: "sql-alert",
  "authorization/tokens": null,
  "authorization/passwords": null,
} as const satisfies Record<string, KindName | null>;
export type PermissionObjectType = keyof typeof PERMISSION_OBJECT_TYPES;
export const permissionObjectType = z.enum(
  Object.keys(PERMISSION_OBJECT_TYPES) as [PermissionObjectType, ...PermissionObjectType[]],
);

/**
 * The permission levels the Permissions API documents per object type (as the Databricks Terraform
 * provider's permission definitions also list them): a level another type has, or none has, is refused.
 */
export const PERMISSION_LEVELS = {
  clusters: ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"],
  "cluster-policies": ["CAN_USE"],
  "instance-pools": ["CAN_ATTACH_TO", "CAN_MANAGE"],
  jobs: ["CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"],
  notebooks: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  directories: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  files: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  repos: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  "sql/warehouses": ["CAN_USE", "CAN_MANAGE", "CAN_MONITOR", "CAN_VIEW", "IS_OWNER"],
  pipelines: ["CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"],
  queries: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  alerts: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  "authorization/tokens": ["CAN_USE", "CAN_MANAGE"],
  "authorization/passwords": ["CAN_USE"],
} as const satisfies Record<PermissionObjectType, readonly string[]>;

export const permissionsSchema = z
  .object({
    /** `${objectType}:${objectId}`, e.g. `jobs:14`, `notebooks:/Users/a@b.c/nb`, `authorization/tokens:tokens`. */
    id: z.string().min(1),
    objectType: permissionObjectType,
    /** The object's SOURCE id in descriptor terms: cluster id, job id, workspace path, `tokens`. */
    objectId: z.string().min(1),
    /** The object's own grants only: inherited entries are dropped at export. */
    acl: z.array(z.object({ principal: principalRef, level: z.string().min(1) })),
  })
  .superRefine((d, ctx) => {
    const levels: readonly string[] = PERMISSION_LEVELS[d.objectType];
    d.acl.forEach((a, i) => {
      if (!levels.includes(a.level))
        ctx.addIssue({
          code: "custom",
          path: ["acl", i, "level"],
          message: `${JSON.stringify(a.level)} is not a permission level of ${d.objectType} (${levels.join(", ")})`,
        });
    });
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
