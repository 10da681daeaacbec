import { z } from "zod";
import { KIND_NAMES, KindName, Ref } from "./common";
import { groupReferences, groupSchema, servicePrincipalSchema, userSchema } from "./identities";
import {
  dbfsFileSchema,
  directorySchema,
  notebookSchema,
  repoSchema,
  workspaceFileSchema,
} from "./workspace-tree";
import {
  clusterPolicyReferences,
  clusterPolicySchema,
  clusterReferences,
  clusterSchema,
  globalInitScriptSchema,
  instancePoolSchema,
  sqlWarehouseSchema,
  workspaceConfSchema,
} from "./compute";
import { jobReferences, jobSchema } from "./jobs";
import { secretScopeSchema } from "./secrets";
import { permissionsReferences, permissionsSchema } from "./permissions";
import { UC_KINDS } from "./unity-catalog";
import { PIPELINE_KIND } from "./pipeline";
import { SQL_QUERY_KIND } from "./sql-query";
import { SQL_ALERT_KIND } from "./sql-alert";

/**
 * The one registry of object kinds. Each entry says what a descriptor of the kind looks like, what it
 * references, and which kinds it depends on. The exporter (exporters/registry.ts) and the stack
 * (components/workspace/provisioners.ts) each keep a table typed `Record<KindName, ...>`, so adding a kind
 * here fails to compile until both halves handle it.
 */
export interface KindSpec<S extends z.ZodType = z.ZodType, K extends KindName = KindName> {
  name: K;
  /** Plural label for tables and reports. */
  title: string;
  schema: S;
  /** References to other descriptors, by their source ids. */
  references(d: z.infer<S>): Ref[];
  /** Does the descriptor point at content files in the snapshot? */
  hasContent: boolean;
}

function kind<const K extends KindName, S extends z.ZodType>(spec: KindSpec<S, K>): KindSpec<S, K> {
  return spec;
}
const none = (): Ref[] => [];

export const KINDS = {
  user: kind({ name: "user", title: "users", schema: userSchema, references: none, hasContent: false }),
  group: kind({
    name: "group",
    title: "groups",
    schema: groupSchema,
    references: groupReferences,
    hasContent: false,
  }),
  "service-principal": kind({
    name: "service-principal",
    title: "service principals",
    schema: servicePrincipalSchema,
    references: none,
    hasContent: false,
  }),
  directory: kind({
    name: "directory",
    title: "directories",
    schema: directorySchema,
    references: none,
    hasContent: false,
  }),
  notebook: kind({
    name: "notebook",
    title: "notebooks",
    schema: notebookSchema,
    references: none,
    hasContent: true,
  }),
  "workspace-file": kind({
    name: "workspace-file",
    title: "workspace files",
    schema: workspaceFileSchema,
    references: none,
    hasContent: true,
  }),
  repo: kind({ name: "repo", title: "repos", schema: repoSchema, references: none, hasContent: false }),
  "dbfs-file": kind({
    name: "dbfs-file",
    title: "DBFS files",
    schema: dbfsFileSchema,
    references: none,
    hasContent: true,
  }),
  "cluster-policy": kind({
    name: "cluster-policy",
    title: "cluster policies",
    schema: clusterPolicySchema,
    references: clusterPolicyReferences,
    hasContent: false,
  }),
  "instance-pool": kind({
    name: "instance-pool",
    title: "instance pools",
    schema: instancePoolSchema,
    references: none,
    hasContent: false,
  }),
  cluster: kind({
    name: "cluster",
    title: "clusters",
    schema: clusterSchema,
    references: clusterReferences,
    hasContent: false,
  }),
  job: kind({ name: "job", title: "jobs", schema: jobSchema, references: jobReferences, hasContent: false }),
  "global-init-script": kind({
    name: "global-init-script",
    title: "global init scripts",
    schema: globalInitScriptSchema,
    references: none,
    hasContent: true,
  }),
  "secret-scope": kind({
    name: "secret-scope",
    title: "secret scopes",
    schema: secretScopeSchema,
    references: none,
    hasContent: false,
  }),
  "sql-warehouse": kind({
    name: "sql-warehouse",
    title: "SQL warehouses",
    schema: sqlWarehouseSchema,
    references: none,
    hasContent: false,
  }),
  "workspace-conf": kind({
    name: "workspace-conf",
    title: "workspace settings",
    schema: workspaceConfSchema,
    references: none,
    hasContent: false,
  }),
  permissions: kind({
    name: "permissions",
    title: "permissions",
    schema: permissionsSchema,
    references: permissionsReferences,
    hasContent: false,
  }),
  ...UC_KINDS,
  ...PIPELINE_KIND,
  ...SQL_QUERY_KIND,
  ...SQL_ALERT_KIND,
} satisfies { [K in KindName]: { name: K; schema: z.ZodType } };

export type Descriptor<K extends KindName> = z.infer<(typeof KINDS)[K]["schema"]>;
export type AnyDescriptor = { [K in KindName]: Descriptor<K> }[KindName];

export function kindSpec<K extends KindName>(k: K): (typeof KINDS)[K] {
  return KINDS[k];
}

/** Kinds in the order they must be provisioned: every kind after the kinds it can reference. */
export const PROVISION_ORDER: readonly KindName[] = KIND_NAMES;
