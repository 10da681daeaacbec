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
 * Fixtures left out: job runs, legacy SQL queries/dashboards/alerts and their permissions. The DR tool
 * does not read them, so the emulator does not serve them.
 */
export const UNMAPPED_FIXTURES = [
  "run-job-child.json",
  "run-job-main.json",
  "get-alert.json",
  "get-alerts.json",
  "get-queries.json",
  "get-query.json",
  "get-sql-query.json",
  "get-sql-dashboard.json",
  "get-sql-dashboards.json",
  "get-sql-alert-permissions.json",
  "get-sql-dashboard-permissions.json",
  "get-sql-query-permissions.json",
];

/**
 * Copies the shared fixtures (tests/fixtures/databricks-api/*.json) into the DIR layout at `outDir`, bytes
 * unchanged, and returns the mappings written. The DBFS pair becomes dbfs/<path> holding the decoded data.
 */
export function writeSharedFixtures(outDir: string, srcDir = SHARED_FIXTURES_DIR): FixtureMapping[] {
  const written: FixtureMapping[] = [];
  for (const m of SHARED_FIXTURE_MAP) {
    const src = join(srcDir, m.fixture);
    if (!existsSync(src)) continue;
    const dest = join(outDir, m.file);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(src, dest);
    written.push(m);
  }
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
