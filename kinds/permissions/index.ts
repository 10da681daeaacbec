import { defineKind } from "../define";
import { permissionsReferences, permissionsSchema } from "./schema";

export * from "./schema";

/**
 * The `permissions` kind's contract: the ACL of one object of a kind whose contract names a permission
 * target (kinds/permission-types.ts derives the object types from those contracts). Not in
 * kinds/contracts.ts: its schema is built from that list; kinds/registry.ts places it after the workspace
 * kinds.
 */
export const permissionsKind = defineKind({
  name: "permissions",
  title: "permissions",
  schema: permissionsSchema,
  references: permissionsReferences,
  hasContent: false,
  // A PUT per ACL; one resource per ACL reads it first (GET), a batch does not. Notebook and folder ACLs
  // need the object id by path (get-status): 0.45 per ACL measured on both workspaces.
  rto: {
    stage: "permissions",
    perObject: { "permissions-update": 1, "permissions-get": 1, "workspace-read": 0.45 },
    batched: { "permissions-update": 1, "workspace-read": 0.45 },
  },
});
