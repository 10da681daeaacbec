import { z } from "zod";
import { principalRef, Ref } from "../common";
import {
  PERMISSION_LEVELS,
  PERMISSION_OBJECT_TYPES,
  PermissionObjectType,
  permissionObjectType,
} from "../permission-types";

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
