import { FAMILY_LIMITS, type Family } from "../client/families";
import type { KindName } from "../kinds/common";
import type { KindContract } from "../kinds/define";
import { KIND_CONTRACTS } from "../kinds/registry";

const CONTRACTS = KIND_CONTRACTS as readonly KindContract[];

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

/** A contract's rate, its family names checked against client/families.ts (kinds/ cannot import them). */
function familyRate(kind: string, rate: Readonly<Record<string, number>>): Partial<Record<Family, number>> {
  for (const f of Object.keys(rate))
    if (!(f in FAMILY_LIMITS))
      throw new Error(`kinds/${kind}: rto names ${f}, not a family of client/families.ts`);
  return rate as Partial<Record<Family, number>>;
}

export const COLD_REQUESTS: Partial<Record<KindName, KindRate>> = Object.fromEntries(
  CONTRACTS.flatMap((c) =>
    c.rto
      ? [
          [
            c.name,
            {
              perObject: familyRate(c.name, c.rto.perObject),
              ...(c.rto.batched ? { batched: familyRate(c.name, c.rto.batched) } : {}),
            },
          ],
        ]
      : [],
  ),
);

/**
 * An ACL of a legacy SQL object (queries, alerts, legacy dashboards: `api: "sql-legacy"`): the provider's
 * Permissions resource POSTs /api/2.0/preview/sql/permissions/{type}/{id}, counted as `other` (measured).
 */
export const LEGACY_SQL_ACL_REQUESTS: Partial<Record<Family, number>> = { other: 1 };

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
  /** PUT serving-endpoints/{name}/config of each endpoint scaled down while passive, a read while it updates, one after. */
  "serving-endpoint": { other: 3 },
} satisfies Partial<Record<KindName, Partial<Record<Family, number>>>>;

/**
 * Dependency stages of a cold apply, run one after the other; within a stage every family runs at its
 * limit at the same time. The round trip of `large` shows this order: identities first (the workspace
 * tree holds the users' home folders), then the tree, then the jobs that run its notebooks, and ACLs last.
 * Securables come after the principals their grants name and the warehouse their tables' SQL runs on;
 * pipelines run the tree's notebooks; queries are on the warehouse, then the alerts that name them; jobs
 * with pipeline or SQL tasks name all of them.
 */
export const STAGE_ORDER = [
  "identities and standalone objects",
  "Unity Catalog",
  "workspace tree",
  "pipelines",
  "SQL queries",
  "SQL alerts",
  "jobs",
  "permissions",
];

/**
 * The stages with their kinds (each kind's contract names its stage: `rto.stage`), in STAGE_ORDER; a stage
 * not listed there goes before the stage of the next kind in provision order (KIND_NAMES) that is listed.
 */
export const COLD_STAGES: { name: string; kinds: KindName[] }[] = coldStages();

function coldStages(): { name: string; kinds: KindName[] }[] {
  const order = [...STAGE_ORDER];
  const staged = CONTRACTS.filter((c) => c.rto);
  staged.forEach((c, i) => {
    const name = c.rto!.stage;
    if (order.includes(name)) return;
    const next = staged.slice(i + 1).find((x) => STAGE_ORDER.includes(x.rto!.stage));
    order.splice(next ? order.indexOf(next.rto!.stage) : order.length, 0, name);
  });
  return order.map((name) => ({
    name,
    kinds: staged.filter((c) => c.rto!.stage === name).map((c) => c.name),
  }));
}

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
