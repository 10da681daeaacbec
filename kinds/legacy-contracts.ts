import type { Ref } from "./common";
import { defineKind } from "./define";
import { groupReferences, groupSchema, servicePrincipalSchema, userSchema } from "./identities";
import { directorySchema } from "./directory/schema";
import { notebookSchema } from "./notebook/schema";
import { workspaceFileSchema } from "./workspace-file/schema";
import { repoSchema } from "./repo/schema";
import { dbfsFileSchema } from "./dbfs-file/schema";
import { clusterPolicyReferences, clusterPolicySchema } from "./cluster-policy/schema";
import { clusterReferences, clusterSchema } from "./cluster/schema";
import { instancePoolSchema } from "./instance-pool/schema";
import { sqlWarehouseSchema } from "./sql-warehouse/schema";
import { globalInitScriptSchema } from "./global-init-script/schema";
import { workspaceConfSchema } from "./workspace-conf/schema";
import { jobReferences, jobSchema } from "./job/schema";
import { permissionsReferences, permissionsSchema } from "./permissions/schema";
import { secretScopeSchema } from "./secret-scope/schema";

/**
 * Contracts of the kinds not yet in a folder of their own (issue 11 item 1: each moves to
 * kinds/<kind>/index.ts, and its line in kinds/contracts.ts then imports it from there).
 */
const none = (): Ref[] => [];

export const userKind = defineKind({
  name: "user",
  title: "users",
  schema: userSchema,
  references: none,
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 1 } },
});
export const groupKind = defineKind({
  name: "group",
  title: "groups",
  schema: groupSchema,
  references: groupReferences,
  hasContent: false,
  // Created, then its members set (a PATCH per group holding members: 21 per 12 groups measured on large).
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 2 } },
});
export const servicePrincipalKind = defineKind({
  name: "service-principal",
  title: "service principals",
  schema: servicePrincipalSchema,
  references: none,
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "scim-write": 1 } },
});
export const directoryKind = defineKind({
  name: "directory",
  title: "directories",
  schema: directorySchema,
  references: none,
  hasContent: false,
  permissions: {
    objectType: "directories",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "directoryPath",
    targets: "workspace-tree",
  },
  rto: {
    stage: "workspace tree",
    perObject: { "workspace-write": 1, "workspace-read": 1 },
    // A tree sync creates the deepest folders (mkdirs makes the parents): 23 mkdirs for 45 folders.
    batched: { "workspace-write": 0.5 },
  },
});
export const notebookKind = defineKind({
  name: "notebook",
  title: "notebooks",
  schema: notebookSchema,
  references: none,
  hasContent: true,
  permissions: {
    objectType: "notebooks",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "notebookPath",
    targets: "workspace-tree",
  },
  // The provider makes the parent folder, imports, and reads the object back.
  rto: {
    stage: "workspace tree",
    perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
    batched: { "workspace-import": 1 },
  },
});
export const workspaceFileKind = defineKind({
  name: "workspace-file",
  title: "workspace files",
  schema: workspaceFileSchema,
  references: none,
  hasContent: true,
  permissions: {
    objectType: "files",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "workspaceFilePath",
    targets: "workspace-tree",
  },
  rto: {
    stage: "workspace tree",
    perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
    batched: { "workspace-import": 1 },
  },
});
export const repoKind = defineKind({
  name: "repo",
  title: "repos",
  schema: repoSchema,
  references: none,
  hasContent: false,
  permissions: {
    objectType: "repos",
    levels: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
    providerArg: "repoPath",
    targets: "repos",
  },
  // Created, then checked out on its branch (+ the read-back).
  rto: { stage: "workspace tree", perObject: { repos: 3 } },
});
export const dbfsFileKind = defineKind({
  name: "dbfs-file",
  title: "DBFS files",
  schema: dbfsFileSchema,
  references: none,
  hasContent: true,
  // create, add-block (one per MB: the measured files are small), close.
  rto: { stage: "identities and standalone objects", perObject: { dbfs: 3 } },
});
export const instancePoolKind = defineKind({
  name: "instance-pool",
  title: "instance pools",
  schema: instancePoolSchema,
  references: none,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "instance-pools",
    levels: ["CAN_ATTACH_TO", "CAN_MANAGE"],
    providerArg: "instancePoolId",
  },
  rto: { stage: "identities and standalone objects", perObject: { "policies-pools": 1 } },
});
export const clusterPolicyKind = defineKind({
  name: "cluster-policy",
  title: "cluster policies",
  schema: clusterPolicySchema,
  references: clusterPolicyReferences,
  hasContent: false,
  hardReference: true,
  permissions: { objectType: "cluster-policies", levels: ["CAN_USE"], providerArg: "clusterPolicyId" },
  rto: { stage: "identities and standalone objects", perObject: { "policies-pools": 1 } },
});
export const clusterKind = defineKind({
  name: "cluster",
  title: "clusters",
  schema: clusterSchema,
  references: clusterReferences,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "clusters",
    levels: ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"],
    providerArg: "clusterId",
  },
  // create + pin; one get; libraries on a third of them (measured 5 of 5 pinned on large).
  rto: {
    stage: "identities and standalone objects",
    perObject: { "clusters-write": 2, "clusters-read": 1, libraries: 0.3 },
  },
});
export const jobKind = defineKind({
  name: "job",
  title: "jobs",
  schema: jobSchema,
  references: jobReferences,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "jobs",
    levels: ["CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"],
    providerArg: "jobId",
  },
  rto: {
    stage: "jobs",
    perObject: { "jobs-create": 1 },
    batched: { "jobs-create": 1, "jobs-read": 0.01 },
  },
});
export const globalInitScriptKind = defineKind({
  name: "global-init-script",
  title: "global init scripts",
  schema: globalInitScriptSchema,
  references: none,
  hasContent: true,
  rto: { stage: "identities and standalone objects", perObject: { "init-scripts": 1 } },
});
export const secretScopeKind = defineKind({
  name: "secret-scope",
  title: "secret scopes",
  schema: secretScopeSchema,
  references: none,
  hasContent: false,
  // The scope, its ACLs (about 2 per scope measured), the deploying principal's MANAGE removed (SCIM Me).
  rto: { stage: "identities and standalone objects", perObject: { secrets: 3, "scim-get": 1 } },
});
export const sqlWarehouseKind = defineKind({
  name: "sql-warehouse",
  title: "SQL warehouses",
  schema: sqlWarehouseSchema,
  references: none,
  hasContent: false,
  hardReference: true,
  permissions: {
    objectType: "sql/warehouses",
    levels: ["CAN_USE", "CAN_MANAGE", "CAN_MONITOR", "CAN_VIEW", "IS_OWNER"],
    providerArg: "sqlEndpointId",
  },
  rto: { stage: "identities and standalone objects", perObject: { sql: 1 } },
});
export const workspaceConfKind = defineKind({
  name: "workspace-conf",
  title: "workspace settings",
  schema: workspaceConfSchema,
  references: none,
  hasContent: false,
  rto: { stage: "identities and standalone objects", perObject: { "workspace-conf": 1 } },
});
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
