import type { Family } from "../client/families";
import type { KindName } from "../kinds/common";
import { UC_KIND_NAMES } from "../kinds/unity-catalog/names";

/**
 * What the RTO estimate (report/rto.ts) assumes, in one place, each shown in the report.
 *
 * REQUESTS: write (and read-back) requests `pulumi up` sends per object of a kind, per endpoint family, as
 * the round trip measures them (roundtrip/: the stack under mocks applied to an empty emulator, requests
 * counted per family by the emulator). Measured on `sample` and on `large` at 1/50 with the default
 * granularity and with every threshold at 0 (batches); tests/report/rto-rates.test.ts re-measures and
 * compares the totals per family. `batched` applies when the kind is above its granularity threshold
 * (folder-tree sync, user/group/job/ACL batches).
 */
export interface KindRate {
  /** Requests per object, per family, with one resource per object. */
  perObject: Partial<Record<Family, number>>;
  /** The same when the kind is batched (omitted: as perObject). */
  batched?: Partial<Record<Family, number>>;
}

export const COLD_REQUESTS: Partial<Record<KindName, KindRate>> = {
  user: { perObject: { "scim-write": 1 } },
  // Created, then its members set (a PATCH per group holding members: 21 per 12 groups measured on large).
  group: { perObject: { "scim-write": 2 } },
  "service-principal": { perObject: { "scim-write": 1 } },
  directory: {
    perObject: { "workspace-write": 1, "workspace-read": 1 },
    // A tree sync creates the deepest folders (mkdirs makes the parents): 23 mkdirs for 45 folders.
    batched: { "workspace-write": 0.5 },
  },
  // The provider makes the parent folder, imports, and reads the object back.
  notebook: {
    perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
    batched: { "workspace-import": 1 },
  },
  "workspace-file": {
    perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
    batched: { "workspace-import": 1 },
  },
  // Created, then checked out on its branch (+ the read-back).
  repo: { perObject: { repos: 3 } },
  // create, add-block (one per MB: the measured files are small), close.
  "dbfs-file": { perObject: { dbfs: 3 } },
  "instance-pool": { perObject: { "policies-pools": 1 } },
  "cluster-policy": { perObject: { "policies-pools": 1 } },
  // create + pin; one get; libraries on a third of them (measured 5 of 5 pinned on large).
  cluster: { perObject: { "clusters-write": 2, "clusters-read": 1, libraries: 0.3 } },
  job: { perObject: { "jobs-create": 1 }, batched: { "jobs-create": 1, "jobs-read": 0.01 } },
  "global-init-script": { perObject: { "init-scripts": 1 } },
  // The scope, its ACLs (about 2 per scope measured), the deploying principal's MANAGE removed (SCIM Me).
  "secret-scope": { perObject: { secrets: 3, "scim-get": 1 } },
  "sql-warehouse": { perObject: { sql: 1 } },
  "workspace-conf": { perObject: { "workspace-conf": 1 } },
  // A PUT per ACL; one resource per ACL reads it first (GET), a batch does not. Notebook and folder ACLs
  // need the object id by path (get-status): 0.45 per ACL measured on both workspaces.
  permissions: {
    perObject: { "permissions-update": 1, "permissions-get": 1, "workspace-read": 0.45 },
    batched: { "permissions-update": 1, "workspace-read": 0.45 },
  },
  // Unity Catalog, as the round trip sends it (roundtrip/rest-uc.ts, measured on `sample`): the metastore
  // assigned (PUT), the access connector's storage credential (POST); each securable created then PATCHed
  // for owner/isolation; a new catalog's `default` schema dropped. Grants, bindings and the default
  // namespace: UC_GRANTS_REQUESTS, UC_BINDING_REQUESTS, UC_DEFAULT_NAMESPACE_REQUESTS.
  "uc-metastore": { perObject: { "unity-catalog-write": 2 } },
  "uc-storage-credential": { perObject: { "unity-catalog-write": 2 } },
  "uc-external-location": { perObject: { "unity-catalog-write": 2 } },
  "uc-catalog": { perObject: { "unity-catalog-write": 3 } },
  "uc-schema": { perObject: { "unity-catalog-write": 2 } },
  "uc-volume": { perObject: { "unity-catalog-write": 2 } },
  // External tables and views (counted without managed tables: their data is replicated, not written).
  "uc-table": { perObject: { "unity-catalog-write": 1 } },
  // Not written by the stack (manual actions, README): nothing to apply.
  "uc-function": { perObject: {} },
  "uc-connection": { perObject: {} },
  // pipelines/create (its ACLs go with permissions).
  pipeline: { perObject: { other: 1 } },
  // sql/queries and sql/alerts create, then a PATCH setting the owner (roundtrip/rest-sql.ts); their ACLs
  // (legacy SQL permissions API) go with permissions.
  "sql-query": { perObject: { sql: 2 } },
  "sql-alert": { perObject: { sql: 2 } },
};

/** A Unity Catalog securable with direct grants: the provider reads them, then PATCHes the difference. */
export const UC_GRANTS_REQUESTS: Partial<Record<Family, number>> = {
  "unity-catalog-read": 1,
  "unity-catalog-write": 1,
};
/** An ISOLATED catalog: its workspace binding (PATCH bindings/catalog/<name>). */
export const UC_BINDING_REQUESTS: Partial<Record<Family, number>> = { "unity-catalog-write": 1 };
/** The primary's default catalog as the secondary's default namespace: the Settings API's etag retry, 2 PATCHes. */
export const UC_DEFAULT_NAMESPACE_REQUESTS: Partial<Record<Family, number>> = { other: 2 };

/** Activation (`activation: true`, `pulumi up`): what changes, one update each (measured the same way). */
export const ACTIVATION_REQUESTS = {
  /** jobs/reset of each job with a trigger the primary had UNPAUSED. */
  job: { "jobs-write": 1 },
  /** clusters/edit of each cluster whose auto-termination goes back to its own (+ a get). */
  cluster: { "clusters-write": 1, "clusters-read": 1 },
  /** warehouses/{id}/edit of each warehouse whose auto-stop goes back to its own. */
  "sql-warehouse": { sql: 1 },
  /** instance-pools/edit of each pool that keeps idle instances in the primary. */
  "instance-pool": { "policies-pools": 1 },
} satisfies Partial<Record<KindName, Partial<Record<Family, number>>>>;

/**
 * Dependency stages of a cold apply, run one after the other; within a stage every family runs at its
 * limit at the same time. The round trip of `large` shows this order: identities first (the workspace
 * tree holds the users' home folders), then the tree, then the jobs that run its notebooks, and ACLs last.
 */
export const COLD_STAGES: { name: string; kinds: KindName[] }[] = [
  {
    name: "identities and standalone objects",
    kinds: [
      "user",
      "group",
      "service-principal",
      "secret-scope",
      "cluster-policy",
      "instance-pool",
      "cluster",
      "sql-warehouse",
      "global-init-script",
      "workspace-conf",
      "dbfs-file",
    ],
  },
  // Securables after the principals their grants name and the warehouse their tables' SQL runs on.
  {
    name: "Unity Catalog",
    kinds: [...UC_KIND_NAMES],
  },
  { name: "workspace tree", kinds: ["directory", "notebook", "workspace-file", "repo"] },
  // Pipelines run the tree's notebooks; jobs with pipeline tasks name them.
  { name: "pipelines", kinds: ["pipeline"] },
  // Queries on the warehouse, then the alerts that name them; jobs with SQL tasks name both.
  { name: "SQL queries", kinds: ["sql-query"] },
  { name: "SQL alerts", kinds: ["sql-alert"] },
  { name: "jobs", kinds: ["job"] },
  { name: "permissions", kinds: ["permissions"] },
];

/** From ../shared/reference/databricks-rest-api-notes.md: "Jobs created per hour: 10,000". */
export const JOBS_CREATED_PER_HOUR = 10_000;

/**
 * Infrastructure a cold `pulumi up` of the secondary creates before any workspace object (the workspace
 * provider needs its URL): ASSUMPTIONS in seconds, not measured here (no cloud is reachable from the
 * project). The network chain and the storage account run side by side; the workspace waits for the subnets.
 */
export const INFRA_SECONDS = {
  resourceGroup: { seconds: 10, note: "resource group" },
  network: { seconds: 90, note: "NSG, VNet, then the two delegated subnets one after the other" },
  storage: { seconds: 60, note: "geo-redundant ADLS Gen2 account and containers (beside the network)" },
  workspace: { seconds: 600, note: "VNet-injected premium Databricks workspace (Azure: several minutes)" },
} as const;

/** Fixed cost of a `pulumi up`: CLI, plugins, program and state, before the first operation (assumption). */
export const PULUMI_START_SECONDS = 60;
