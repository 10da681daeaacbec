import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** One recorded response body, where it goes in the DIR layout, and the GET that serves it back unchanged. */
export interface FixtureMapping {
  fixture: string;
  /** Path inside the DIR layout. */
  file: string;
  /** Path and query of the GET whose body must equal the fixture. */
  get: string;
}

/** Where the shared fixtures live in this repository. */
export const SHARED_FIXTURES_DIR = join(__dirname, "..", "..", "tests", "fixtures", "databricks-api");

const perm = (fixture: string, key: string): FixtureMapping => ({
  fixture,
  file: `permissions/${key}.json`,
  get: `/api/2.0/permissions/${key}`,
});

/** Every fixture body the workspace DR deals with, mapped to the DIR layout. */
export const SHARED_FIXTURE_MAP: FixtureMapping[] = [
  ...[12, 14, 15].map((id) => ({
    fixture: `get-job-${id}.json`,
    file: `jobs/${id}.json`,
    get: `/api/2.1/jobs/get?job_id=${id}`,
  })),
  { fixture: "get-jobs-list.json", file: "jobs/list.json", get: "/api/2.1/jobs/list" },
  { fixture: "clusters-list-response.json", file: "clusters/list.json", get: "/api/2.1/clusters/list" },
  ...["test1", "awscluster"].map((id) => ({
    fixture: `get-cluster-${id}-response.json`,
    file: `clusters/${id}.json`,
    get: `/api/2.1/clusters/get?cluster_id=${id}`,
  })),
  perm("get-cluster-permissions-test1-response.json", "clusters/test1"),
  perm("get-cluster-permissions-awscluster-response.json", "clusters/awscluster"),
  perm("get-cluster-policy-permissions.json", "cluster-policies/123"),
  perm("get-directory-permissions.json", "directories/4451965692354143"),
  perm("get-instance-pool1-permissions.json", "instance-pools/pool1"),
  ...[12, 14, 15].map((id) => perm(`get-job-permissions-${id}.json`, `jobs/${id}`)),
  perm("get-notebook-permissions.json", "notebooks/123"),
  perm("get-pipeline-permissions.json", "pipelines/123"),
  perm("get-repo-permissions.json", "repos/121232342"),
  perm("get-sql-endpoint-permissions.json", "sql/warehouses/f562046bc1272886"),
  perm("get-tokens-permissions.json", "authorization/tokens"),
  perm("get-workspace-file-permissions.json", "files/789"),
  {
    fixture: "libraries-cluster-status-test1.json",
    file: "libraries/test1.json",
    get: "/api/2.0/libraries/cluster-status?cluster_id=test1",
  },
  {
    fixture: "secret-scopes-response.json",
    file: "secrets/scopes.json",
    get: "/api/2.0/secrets/scopes/list",
  },
  {
    fixture: "secret-scopes-list-scope-response.json",
    file: "secrets/some-kv-scope/keys.json",
    get: "/api/2.0/secrets/list?scope=some-kv-scope",
  },
  {
    fixture: "secret-scopes-get-principal-response.json",
    file: "secrets/some-kv-scope/acls/test@test.com.json",
    get: "/api/2.0/secrets/acls/get?scope=some-kv-scope&principal=test@test.com",
  },
  {
    fixture: "global-init-script-get1.json",
    file: "global-init-scripts/C39FD6BAC8088BBC.json",
    get: "/api/2.0/global-init-scripts/C39FD6BAC8088BBC",
  },
  {
    fixture: "global-init-scripts-list.json",
    file: "global-init-scripts/list.json",
    get: "/api/2.0/global-init-scripts",
  },
  {
    fixture: "get-sql-endpoint.json",
    file: "sql/warehouses/f562046bc1272886.json",
    get: "/api/2.0/sql/warehouses/f562046bc1272886",
  },
  { fixture: "get-sql-endpoints.json", file: "sql/endpoints/list.json", get: "/api/2.0/sql/endpoints" },
  { fixture: "get-dlt-pipeline.json", file: "pipelines/123.json", get: "/api/2.0/pipelines/123" },
  ...(
    [
      ["get-sql-query.json", "preview/sql/queries", "16c4f969-eea0-4aad-8f82-03d79b078dcc"],
      ["get-sql-dashboard.json", "preview/sql/dashboards", "9cb0c8f5-6262-4a1f-a741-2181de76028f"],
      ["get-query.json", "sql/queries", "16c4f969-eea0-4aad-8f82-03d79b078dcc"],
      ["get-alert.json", "sql/alerts", "3cf91a42-6217-4f3c-a6f0-345d489051b9"],
    ] as const
  ).map(([fixture, collection, id]) => ({
    fixture,
    file: `${collection}/${id}.json`,
    get: `/api/2.0/${collection}/${id}`,
  })),
  ...(
    [
      ["get-sql-dashboards.json", "preview/sql/dashboards"],
      ["get-queries.json", "sql/queries"],
      ["get-alerts.json", "sql/alerts"],
    ] as const
  ).map(([fixture, collection]) => ({
    fixture,
    file: `${collection}/list.json`,
    get: `/api/2.0/${collection}`,
  })),
  ...(
    [
      ["get-sql-query-permissions.json", "queries/16c4f969-eea0-4aad-8f82-03d79b078dcc"],
      ["get-sql-dashboard-permissions.json", "dashboards/9cb0c8f5-6262-4a1f-a741-2181de76028f"],
      ["get-sql-alert-permissions.json", "alerts/3cf91a42-6217-4f3c-a6f0-345d489051b9"],
    ] as const
  ).map(([fixture, key]) => ({
    fixture,
    file: `preview/sql/permissions/${key}.json`,
    get: `/api/2.0/preview/sql/permissions/${key}`,
  })),
  {
    fixture: "list-instance-profiles.json",
    file: "instance-profiles/list.json",
    get: "/api/2.0/instance-profiles/list",
  },
];

/** The DBFS file the two DBFS fixtures describe (status and read), rebuilt as a raw file. */
export const DBFS_FIXTURES = {
  status: "get-dbfs-library-status.json",
  data: "get-dbfs-library-data.json",
};

/**
 * The two recorded jobs of a run_job_task pair (jobs/get bodies, named after the task): served from a DIR
 * of their own, since in the shared DIR they would be jobs the recorded jobs list lacks.
 */
export const RUN_JOB_FIXTURE_MAP: FixtureMapping[] = [
  ["run-job-child.json", 932035899730845],
  ["run-job-main.json", 1047501313827425],
].map(([fixture, id]) => ({
  fixture: String(fixture),
  file: `jobs/${id}.json`,
  get: `/api/2.1/jobs/get?job_id=${id}`,
}));

/** Fixtures no DIR serves, each with its reason (none today). */
export const NOT_SERVED_FIXTURES: Record<string, string> = {};

/** Fixtures the shared DIR (writeSharedFixtures) leaves out: served elsewhere or not at all. */
export const UNMAPPED_FIXTURES = [
  ...RUN_JOB_FIXTURE_MAP.map((m) => m.fixture),
  ...Object.keys(NOT_SERVED_FIXTURES),
];

/** Copies the fixtures of `map` into the DIR layout at `outDir`, bytes unchanged; returns those written. */
export function writeFixtureMap(outDir: string, srcDir: string, map: FixtureMapping[]): FixtureMapping[] {
  const written: FixtureMapping[] = [];
  for (const m of map) {
    const src = join(srcDir, m.fixture);
    if (!existsSync(src)) continue;
    const dest = join(outDir, m.file);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(src, dest);
    written.push(m);
  }
  return written;
}

/**
 * Copies the shared fixtures (tests/fixtures/databricks-api/*.json) into the DIR layout at `outDir`, bytes
 * unchanged, and returns the mappings written. The DBFS pair becomes dbfs/<path> holding the decoded data.
 */
export function writeSharedFixtures(outDir: string, srcDir = SHARED_FIXTURES_DIR): FixtureMapping[] {
  const written = writeFixtureMap(outDir, srcDir, SHARED_FIXTURE_MAP);
  const statusFile = join(srcDir, DBFS_FIXTURES.status);
  const dataFile = join(srcDir, DBFS_FIXTURES.data);
  if (existsSync(statusFile) && existsSync(dataFile)) {
    const status = JSON.parse(readFileSync(statusFile, "utf8")) as { path: string };
    const data = JSON.parse(readFileSync(dataFile, "utf8")) as { data: string };
    const dest = join(outDir, "dbfs", ...status.path.split("/").filter(Boolean));
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, Buffer.from(data.data, "base64"));
    const q = `path=${encodeURIComponent(status.path)}`;
    written.push({
      fixture: DBFS_FIXTURES.status,
      file: `dbfs${status.path}`,
      get: `/api/2.0/dbfs/get-status?${q}`,
    });
    written.push({
      fixture: DBFS_FIXTURES.data,
      file: `dbfs${status.path}`,
      get: `/api/2.0/dbfs/read?${q}&offset=0`,
    });
  }
  return written;
}
