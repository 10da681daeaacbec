/**
 * The bench's floor: the fewest requests a full export of the workspace NEEDS per endpoint family, counted
 * from the emulator's state (objects × the calls each needs, at the largest page size the API allows), and
 * the least time the workspace's rate limits allow for them. Nothing here asks the exporter what it chose
 * to send, so the exporter's own extra calls, retries and throttled requests never lower its efficiency.
 */
import { CLUSTERS_MAX_PAGE } from "../emulator/routes/clusters";
import { JOBS_MAX_LIMIT } from "../emulator/routes/jobs";
import { PIPELINES_MAX_PAGE } from "../emulator/routes/pipelines";
import { LAKEVIEW_MAX_PAGE_SIZE } from "../emulator/routes/lakeview";
import { SCIM_MAX_COUNT } from "../emulator/routes/scim";
import { ipListState } from "../emulator/routes/ip-access-lists";
import type { WorkspaceState } from "../emulator/state/workspace-state";
import { Family, FAMILIES, familyOf } from "../client/families";
import { INVENTORY_FAMILIES } from "../exporters/inventory";
import { dbfsStrings } from "../fault-suite/truth";
import { ucCensus } from "./floor-uc";

/** A workspace export's size limit (MAX_NOTEBOOK_SIZE_EXCEEDED above it): bounds one folder archive. */
const EXPORT_LIMIT = 10 * 1024 * 1024;
/** DBFS read returns at most 1 MB per call. */
const DBFS_READ = 1024 * 1024;
/** List pages the remaining list APIs answer at most (policies, pools, warehouses, repos: one page here). */
const LIST_PAGE = 100;
/** Cluster sources the export replicates (others are skipped): only those have ACLs to read. */
const REPLICATED = new Set(["UI", "API"]);
/** Legacy SQL dashboards per list page: the reference publishes no maximum (default 25); 100 assumed. */
const LEGACY_DASHBOARDS_PAGE = 100;
/**
 * sql/queries and sql/alerts per page: the reference publishes no maximum and the emulator caps none
 * (SQL_LIST_DEFAULT_PAGE_SIZE is only its default); 100 assumed, the page the export asks for.
 */
const SQL_OBJECTS_PAGE = 100;

export interface Census {
  directories: number;
  notebooks: number;
  files: number;
  /** Bytes of every notebook and file, as stored. */
  workspaceBytes: number;
  repos: number;
  jobs: number;
  /** Extra jobs/get pages for jobs whose tasks (or other arrays) the list cuts at 100. */
  jobPagesBeyondList: number;
  clusters: number;
  replicatedClusters: number;
  pools: number;
  policies: number;
  warehouses: number;
  users: number;
  groups: number;
  servicePrincipals: number;
  scopes: number;
  initScripts: number;
  /** DBFS files the configuration names (init scripts, jars, wheels) and their read calls. */
  dbfsFiles: number;
  dbfsReads: number;
  /** Folders under the legacy init-script folder (/databricks/init and below): one dbfs/list each. */
  dbfsInitDirs: number;
  pipelines: number;
  /** Current-API SQL queries and alerts (not trashed), and IP access lists (one unpaged list). */
  sqlQueries: number;
  sqlAlerts: number;
  ipAccessLists: number;
  /** Model serving endpoints (a get each) and those the workspace owns (an ACL read each; not the platform's). */
  servingEndpoints: number;
  servingOwn: number;
  /** Legacy SQL dashboards (not archived) and AI/BI dashboards (not trashed). */
  sqlDashboards: number;
  lakeviewDashboards: number;
  /** Active MLflow experiments and their active runs; registered models and their versions. */
  mlflowExperiments: number;
  mlflowRuns: number;
  mlflowModels: number;
  mlflowVersions: number;
  /** Unity Catalog reads (bench/floor-uc.ts): listing pages, one grants read per securable, bindings. */
  ucRequests: number;
}

function mlflowCensus(state: WorkspaceState) {
  const active = [...state.mlflow.experiments.values()].filter((e) => e.lifecycle_stage === "active");
  const runs = active.reduce(
    (n, e) =>
      n +
      (state.mlflow.runs.get(String(e.experiment_id)) ?? []).filter(
        (r) => (r.info as { lifecycle_stage?: string }).lifecycle_stage === "active",
      ).length,
    0,
  );
  const versions = [...state.mlflow.versions.values()].reduce((n, v) => n + v.length, 0);
  return {
    mlflowExperiments: active.length,
    mlflowRuns: runs,
    mlflowModels: state.mlflow.models.size,
    mlflowVersions: versions,
  };
}

function notTrashed(state: WorkspaceState, collection: string): number {
  return [...(state.sqlObjects.get(collection)?.values() ?? [])].filter(
    (o) => o.lifecycle_state !== "TRASHED",
  ).length;
}

function inRepo(state: WorkspaceState, path: string): boolean {
  for (let p = path; p && p !== "/"; p = p.slice(0, p.lastIndexOf("/")) || "/")
    if (state.tree.get(p)?.object_type === "REPO") return true;
  return false;
}

export function census(state: WorkspaceState): Census {
  const c: Census = {
    directories: 0,
    notebooks: 0,
    files: 0,
    workspaceBytes: 0,
    repos: state.repos.size,
    jobs: state.jobs.size,
    jobPagesBeyondList: 0,
    clusters: state.clusters.size,
    replicatedClusters: 0,
    pools: state.pools.size,
    policies: state.policies.size,
    warehouses: state.warehouses.size,
    users: state.users.size,
    groups: state.groups.size,
    servicePrincipals: state.servicePrincipals.size,
    scopes: state.secretScopes.size,
    initScripts: state.globalInitScripts.size,
    dbfsFiles: 0,
    dbfsReads: 0,
    dbfsInitDirs: 1,
    pipelines: state.pipelines.size,
    sqlQueries: notTrashed(state, "sql/queries"),
    sqlAlerts: notTrashed(state, "sql/alerts"),
    ipAccessLists: ipListState(state).lists.size,
    servingEndpoints: state.servingEndpoints.size,
    servingOwn: [...state.servingEndpoints.values()].filter(
      (e) =>
        !String(e.name).startsWith("databricks-") ||
        !(
          (e.config as { served_entities?: { foundation_model?: unknown }[] } | undefined)?.served_entities ??
          []
        ).some((x) => x.foundation_model !== undefined),
    ).length,
    sqlDashboards: [...(state.sqlObjects.get("preview/sql/dashboards")?.values() ?? [])].filter(
      (d) => d.is_archived !== true,
    ).length,
    lakeviewDashboards: [...(state.sqlObjects.get("lakeview/dashboards")?.values() ?? [])].filter(
      (d) => d.lifecycle_state !== "TRASHED",
    ).length,
    ...mlflowCensus(state),
    ucRequests: ucCensus(state),
  };
  for (const n of state.tree.walk("/")) {
    if (n.object_type === "REPO" || inRepo(state, n.path)) continue;
    if (n.object_type === "DIRECTORY") c.directories++;
    else if (n.object_type === "NOTEBOOK" || n.object_type === "FILE") {
      if (n.object_type === "NOTEBOOK") c.notebooks++;
      else c.files++;
      c.workspaceBytes += state.sizeOf(n);
    }
  }
  const named = new Set<string>();
  for (const j of state.jobs.values()) {
    const s = (j.settings ?? {}) as Record<string, unknown>;
    const longest = Math.max(0, ...Object.values(s).map((v) => (Array.isArray(v) ? v.length : 0)));
    if (longest > JOBS_MAX_LIMIT) c.jobPagesBeyondList += Math.ceil(longest / JOBS_MAX_LIMIT);
    dbfsStrings(s, named);
  }
  for (const cl of state.clusters.values()) {
    if (!REPLICATED.has(String(cl.cluster_source ?? "UI"))) continue;
    c.replicatedClusters++;
    dbfsStrings([cl, state.libraries.get(String(cl.cluster_id))], named);
  }
  for (const p of state.policies.values()) dbfsStrings(p.definition, named);
  for (const e of state.dbfs.values()) {
    if (e.is_dir) {
      if (e.path.startsWith("/databricks/init/")) c.dbfsInitDirs++;
      continue;
    }
    if (!named.has(`dbfs:${e.path}`) && !e.path.startsWith("/databricks/init/")) continue;
    c.dbfsFiles++;
    c.dbfsReads += Math.max(1, Math.ceil((e.data?.length ?? 0) / DBFS_READ));
  }
  return c;
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

/**
 * The fewest requests per family a full export needs (archives: folders exported whole). Typed over the
 * client's family table, so a family added there must be counted here (0 where an export sends none);
 * tests/bench/floor-families.test.ts checks every family an export of `sample` and `large` sends to.
 */
export function neededRequests(c: Census, archives: boolean): Record<Family, number> {
  const zero = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
  const needed: Record<Family, number> = {
    ...zero,
    // Every object's own grants: one GET each (there is no bulk permissions API), plus the two
    // workspace-level ones (tokens, passwords).
    "permissions-get":
      c.directories +
      c.notebooks +
      c.files +
      c.repos +
      c.jobs +
      c.replicatedClusters +
      c.pools +
      c.policies +
      c.warehouses +
      c.pipelines +
      c.servingOwn +
      c.lakeviewDashboards +
      c.mlflowExperiments +
      c.mlflowModels +
      2,
    // One listing per folder (the root included): the only way to learn object ids and new objects.
    "workspace-read": c.directories + 1,
    "workspace-export": archives ? Math.ceil(c.workspaceBytes / EXPORT_LIMIT) || 0 : c.notebooks + c.files,
    "jobs-read": pages(c.jobs, JOBS_MAX_LIMIT) + c.jobPagesBeyondList,
    "clusters-read": pages(c.clusters, CLUSTERS_MAX_PAGE),
    libraries: 1,
    "scim-get":
      pages(c.users, SCIM_MAX_COUNT) +
      pages(c.groups, SCIM_MAX_COUNT) +
      pages(c.servicePrincipals, SCIM_MAX_COUNT),
    "policies-pools": pages(c.policies, LIST_PAGE) + pages(c.pools, LIST_PAGE),
    // Warehouses; queries and alerts (their list entries hold every field: no get).
    sql:
      pages(c.warehouses, LIST_PAGE) +
      pages(c.sqlQueries, SQL_OBJECTS_PAGE) +
      pages(c.sqlAlerts, SQL_OBJECTS_PAGE),
    repos: pages(c.repos, LIST_PAGE),
    // The list has no script bodies: one get each.
    "init-scripts": 1 + c.initScripts,
    // Scopes, then each scope's keys and ACLs.
    secrets: 1 + 2 * c.scopes,
    // Legacy init scripts are found by listing their folder (and its subfolders).
    dbfs: c.dbfsReads + c.dbfsInitDirs,
    "workspace-conf": 1,
    // Pipelines: list pages, then pipelines/get each (the list holds no settings).
    // Dashboards: legacy list pages, a get (widgets) and a legacy SQL ACL read each; AI/BI list pages, a
    // get (the definition) and its published version each.
    other:
      pages(c.pipelines, PIPELINES_MAX_PAGE) +
      c.pipelines +
      pages(c.sqlDashboards, LEGACY_DASHBOARDS_PAGE) +
      2 * c.sqlDashboards +
      pages(c.lakeviewDashboards, LAKEVIEW_MAX_PAGE_SIZE) +
      2 * c.lakeviewDashboards +
      // Serving endpoints: one list (no paging), then a get each by name.
      1 +
      c.servingEndpoints +
      // MLflow: experiments/search pages (3000), runs/search pages over all of them (50000), models
      // search pages (1000), the databricks/ get each (the only answer with the id the ACL needs),
      // model-versions/search pages (10000).
      pages(c.mlflowExperiments, 3000) +
      pages(c.mlflowRuns, 50_000) +
      pages(c.mlflowModels, 1000) +
      c.mlflowModels +
      pages(c.mlflowVersions, 10_000) +
      // Queries and alerts: a legacy SQL ACL read each. IP access lists: one list (every list, no paging)
      // once the kind replicates them (else the inventory loop below counts that call).
      c.sqlQueries +
      c.sqlAlerts +
      (INVENTORY_FAMILIES.some((f) => f.family === "IP access lists") ? 0 : 1),
    "unity-catalog-read": c.ucRequests,
  };
  // The inventory of the families not replicated: at least one list call each.
  for (const f of INVENTORY_FAMILIES) if (f.path) needed[familyOf(f.method ?? "GET", f.path)] += 1;
  return needed;
}

export interface Floor {
  seconds: number;
  family: string;
  requests: number;
  limit: number;
}

/**
 * The least time the limits allow: per family, the needed requests beyond the one-second burst the
 * service's bucket starts with, at the family's rate; the slowest family.
 */
export function floorOf(needed: Record<string, number>, limits: Record<string, number>): Floor {
  let best: Floor = { seconds: 0, family: "-", requests: 0, limit: 0 };
  for (const [family, n] of Object.entries(needed)) {
    const limit = limits[family];
    if (!limit || !Number.isFinite(limit)) continue;
    const seconds = Math.max(0, n - limit) / limit;
    if (seconds > best.seconds) best = { seconds, family, requests: n, limit };
  }
  return best;
}

/** A bench figure (bench/run.ts prints every field). */
export type EfficiencyMetric = {
  metric: string;
  value: number;
  target: string;
  floor_seconds: number;
  floor_family: string;
  floor_requests: number;
  floor_limit: number;
};

/**
 * Efficiency and its floor, uncapped: above 1 would mean the floor is wrong, and it is shown as it is
 * (tests/bench/efficiency.test.ts).
 */
export function efficiencyMetric(metric: string, floor: Floor, seconds: number): EfficiencyMetric {
  const round = (n: number, digits: number) => Number(n.toFixed(digits));
  return {
    metric,
    value: round(floor.seconds / seconds, 3),
    target: ">= 0.9",
    floor_seconds: round(floor.seconds, 2),
    floor_family: floor.family,
    floor_requests: floor.requests,
    floor_limit: floor.limit,
  };
}
