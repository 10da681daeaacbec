/**
 * Conformance with recorded answers of the real service (../shared/fixtures/databricks-api, recorded by the
 * Terraform provider's exporter tests): every body is (A) served back by a DIR workspace built from it and
 * (B), where the API can make the object, replayed as a write into an empty workspace, then read back and
 * compared with the recording field by field. The expectations are the recordings, not emulator code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningEmulator } from "../../emulator";
import { createCluster } from "../../emulator/routes/clusters";
import { createPool } from "../../emulator/routes/pools";
import { sqlCollection } from "../../emulator/routes/sql-objects";
import {
  NOT_SERVED_FIXTURES,
  SHARED_FIXTURES_DIR,
  RUN_JOB_FIXTURE_MAP,
  writeFixtureMap,
  writeSharedFixtures,
} from "../../emulator/seeds/shared-fixtures";
import { client, start } from "./helpers";

// The repository's verbatim copy of ../shared/fixtures/databricks-api (dir-seed.test.ts checks the two agree),
// so the test runs wherever the repository is cloned.
const RECORDED = SHARED_FIXTURES_DIR;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const recorded = (f: string): any => JSON.parse(readFileSync(join(RECORDED, f), "utf8"));

/** Paths where `got` differs from `want`: a missing field, another value, or (for `typesOnly`) another type. */
function diffFields(want: unknown, got: unknown, path = "", typesOnly = false): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (kind(want) !== kind(got)) return [`${path || "."}: ${kind(want)} recorded, ${kind(got)} answered`];
  if (Array.isArray(want)) {
    const g = got as unknown[];
    if (!typesOnly && g.length !== want.length)
      return [`${path}: ${want.length} entries recorded, ${g.length} answered`];
    return want.flatMap((w, i) => (i < g.length ? diffFields(w, g[i], `${path}[${i}]`, typesOnly) : []));
  }
  if (kind(want) === "object") {
    const g = got as Record<string, unknown>;
    return Object.entries(want as Record<string, unknown>).flatMap(([k, w]) =>
      k in g
        ? diffFields(w, g[k], path ? `${path}.${k}` : k, typesOnly)
        : [`${path ? `${path}.` : ""}${k}: missing`],
    );
  }
  return typesOnly || want === got
    ? []
    : [`${path}: ${JSON.stringify(want)} recorded, ${JSON.stringify(got)} answered`];
}

it("diffFields reports what differs (the comparison itself can fail)", () => {
  expect(diffFields({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } })).toEqual([
    "b.c[1]: 2 recorded, 3 answered",
  ]);
  expect(diffFields({ a: 1, x: "s" }, { a: "1" })).toEqual([
    "a: number recorded, string answered",
    "x: missing",
  ]);
  expect(diffFields({ a: 1 }, { a: 2 }, "", true)).toEqual([]);
});

describe("A: every recorded body is served back unchanged", () => {
  let dir: string;
  let emu: RunningEmulator;
  let runJobDir: string;
  let runJobEmu: RunningEmulator;
  let mappings: ReturnType<typeof writeSharedFixtures>;
  let runJobMappings: ReturnType<typeof writeSharedFixtures>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "conformance-"));
    mappings = writeSharedFixtures(dir, RECORDED);
    emu = await start({ workspace: dir });
    // The run_job_task pair in a DIR of its own: the shared one has a recorded jobs list they are not in.
    runJobDir = mkdtempSync(join(tmpdir(), "conformance-runjob-"));
    runJobMappings = writeFixtureMap(runJobDir, RECORDED, RUN_JOB_FIXTURE_MAP);
    runJobEmu = await start({ workspace: runJobDir });
  });
  afterAll(async () => {
    await emu.close();
    await runJobEmu.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(runJobDir, { recursive: true, force: true });
  });

  const replay = async (e: RunningEmulator, ms: typeof mappings) => {
    const api = client(e);
    const diffs: string[] = [];
    for (const m of ms) {
      const r = await api.get(m.get);
      if (r.status !== 200) diffs.push(`${m.get}: HTTP ${r.status}`);
      else diffs.push(...diffFields(recorded(m.fixture), r.json).map((d) => `${m.get} ${d}`));
    }
    return diffs;
  };

  it("replays every recorded file but the named not-served ones, each field as recorded", async () => {
    const files = readdirSync(RECORDED).filter((f) => f.endsWith(".json"));
    const mapped = new Set([...mappings, ...runJobMappings].map((m) => m.fixture));
    expect(files.filter((f) => !mapped.has(f) && !(f in NOT_SERVED_FIXTURES))).toEqual([]);
    expect(Object.keys(NOT_SERVED_FIXTURES)).toEqual([]); // every recorded body is replayed today
    expect(await replay(emu, mappings)).toEqual([]);
  });

  it("replays the run_job_task pair (jobs/get bodies) from their own DIR", async () => {
    expect(runJobMappings.map((m) => m.fixture).sort()).toEqual(["run-job-child.json", "run-job-main.json"]);
    expect(await replay(runJobEmu, runJobMappings)).toEqual([]);
    const list = (await client(runJobEmu).get("/api/2.1/jobs/list")).json;
    const ids = list.jobs.map((j: { job_id: number }) => j.job_id);
    expect(ids.sort((a: number, b: number) => a - b)).toEqual([
      recorded("run-job-child.json").job_id,
      recorded("run-job-main.json").job_id,
    ]);
  });

  it("pages the legacy dashboards list by page/page_size with count (Queries/Dashboards API 2.0)", async () => {
    const api = client(emu);
    const want = recorded("get-sql-dashboards.json");
    const p1 = (await api.get("/api/2.0/preview/sql/dashboards?page=1&page_size=1")).json;
    expect({ ...p1, results: p1.results.map((d: { id: string }) => d.id) }).toEqual({
      count: want.count,
      page: 1,
      page_size: 1,
      results: [want.results[0].id],
    });
    const p2 = (await api.get("/api/2.0/preview/sql/dashboards?page=2&page_size=1")).json;
    expect(p2).toEqual({ count: want.count, page: 2, page_size: 1, results: [] });
    expect((await api.get("/api/2.0/preview/sql/dashboards?page=0")).status).toBe(400);
    // A list built from objects (no recorded list body) has the recorded defaults: page 1 of 25.
    sqlCollection(runJobEmu.state, "preview/sql/dashboards").set(want.results[0].id, want.results[0]);
    expect(diffFields(want, (await client(runJobEmu).get("/api/2.0/preview/sql/dashboards")).json)).toEqual(
      [],
    );
  });

  it("pages the current queries list by page_size/page_token (results, next_page_token)", async () => {
    const api = client(emu);
    const p1 = (await api.get("/api/2.0/sql/queries?page_size=1")).json;
    expect(diffFields(recorded("get-queries.json"), p1)).toEqual([]);
    expect(p1.next_page_token).toBeUndefined(); // one recorded query: no next page
  });

  it("legacy SQL permissions: a recorded ACL (the dashboard's) POSTed on the recorded query reads back as recorded", async () => {
    const api = client(emu);
    const want = recorded("get-sql-dashboard-permissions.json");
    const path = "/api/2.0/preview/sql/permissions/queries/16c4f969-eea0-4aad-8f82-03d79b078dcc";
    const set = await api.post(path, { access_control_list: want.access_control_list });
    expect(set.status).toBe(200);
    const got = (await api.get(path)).json;
    expect(diffFields({ ...want, object_id: got.object_id, object_type: "query" }, got)).toEqual([]);
    expect(got.object_id).toBe("queries/16c4f969-eea0-4aad-8f82-03d79b078dcc");
    expect((await api.get("/api/2.0/preview/sql/permissions/queries/nope")).status).toBe(404);
  });
});

describe("B: recorded objects written through the API read back as recorded", () => {
  let emu: RunningEmulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    emu = await start({ workspace: "empty" });
    api = client(emu);
    // The principals the recordings name, made through SCIM; the caller is their creator.
    for (const userName of ["test@test.com", "user@domain.com"])
      expect((await api.post("/api/2.0/preview/scim/v2/Users", { userName })).status).toBe(201);
    for (const displayName of ["Automation", "Engineering"])
      expect((await api.post("/api/2.0/preview/scim/v2/Groups", { displayName })).status).toBe(201);
    emu.state.currentUser = "test@test.com";
    emu.state.clusterStartMs = 0;
    // Objects the recorded jobs refer to, under their recorded ids (the API cannot choose ids).
    createCluster(
      emu.state,
      {
        cluster_name: "t2",
        spark_version: "7.3.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 1,
      },
      { id: "test2" },
    );
    createPool(emu.state, { instance_pool_name: "pool1", node_type_id: "Standard_DS3_v2" }, { id: "pool1" });
  });
  afterAll(() => emu.close());

  it.each(["get-job-12.json", "get-job-14.json", "get-job-15.json"])(
    "jobs/create then get: %s",
    async (f) => {
      const want = recorded(f);
      const c = await api.post("/api/2.1/jobs/create", want.settings);
      expect(c.status).toBe(200);
      const got = (await api.get(`/api/2.1/jobs/get?job_id=${c.json.job_id}`)).json;
      expect(diffFields(want.settings, got.settings)).toEqual([]);
      // Server-made fields: there, and of the recorded types.
      const { settings: _s, ...made } = want;
      expect(diffFields(made, got, "", true)).toEqual([]);
      expect(got.creator_user_name).toBe(want.creator_user_name);
    },
  );

  it("permissions PUT of a recorded job ACL's own entries reads back the recorded ACL, inherited admins included", async () => {
    const want = recorded("get-job-permissions-14.json");
    const c = await api.post("/api/2.1/jobs/create", recorded("get-job-14.json").settings);
    const id = c.json.job_id;
    const own = want.access_control_list
      .filter((e: { all_permissions: { inherited: boolean }[] }) => !e.all_permissions[0].inherited)
      .filter(
        (e: { all_permissions: { permission_level: string }[] }) =>
          e.all_permissions[0].permission_level !== "IS_OWNER",
      )
      .map(
        (e: {
          user_name?: string;
          group_name?: string;
          all_permissions: { permission_level: string }[];
        }) => ({
          ...(e.user_name ? { user_name: e.user_name } : { group_name: e.group_name }),
          permission_level: e.all_permissions[0].permission_level,
        }),
      );
    expect((await api.put(`/api/2.0/permissions/jobs/${id}`, { access_control_list: own })).status).toBe(200);
    const got = (await api.get(`/api/2.0/permissions/jobs/${id}`)).json;
    const byPrincipal = (acl: { user_name?: string; group_name?: string }[]) =>
      Object.fromEntries(acl.map((e) => [e.user_name ?? e.group_name, e]));
    expect(diffFields(byPrincipal(want.access_control_list), byPrincipal(got.access_control_list))).toEqual(
      [],
    );
    expect(got.object_type).toBe(want.object_type);
    expect(got.object_id).toBe(`/jobs/${id}`);
  });

  it.each(["get-cluster-test1-response.json"])("clusters/create then get: %s", async (f) => {
    const want = recorded(f);
    const settable = [
      "autotermination_minutes",
      "azure_attributes",
      "cluster_name",
      "driver_node_type_id",
      "enable_elastic_disk",
      "enable_local_disk_encryption",
      "node_type_id",
      "num_workers",
      "autoscale",
      "spark_conf",
      "spark_env_vars",
      "spark_version",
      "custom_tags",
      "init_scripts",
      "cluster_log_conf",
      "instance_pool_id",
      "policy_id",
    ];
    const body = Object.fromEntries(Object.entries(want).filter(([k]) => settable.includes(k)));
    const c = await api.post("/api/2.0/clusters/create", body);
    expect(c.status).toBe(200);
    const got = (await api.get(`/api/2.0/clusters/get?cluster_id=${c.json.cluster_id}`)).json;
    expect(diffFields(body, got)).toEqual([]);
    // What the service adds to a running cluster, with the recorded types.
    const made = [
      "cluster_cores",
      "cluster_memory_mb",
      "default_tags",
      "driver",
      "executors",
      "spark_context_id",
      "start_time",
      "state",
      "creator_user_name",
      "cluster_source",
      "disk_spec",
      "jdbc_port",
    ];
    const recordedMade = Object.fromEntries(made.filter((k) => k in want).map((k) => [k, want[k]]));
    expect(diffFields(recordedMade, got, "", true)).toEqual([]);
  });

  // Each recorded ACL: its own (non-inherited, non-owner) entries PUT on an object made through the API,
  // then the whole recorded ACL, inherited entries included, must read back.
  const ACLS: [string, string, () => Promise<string>][] = [
    [
      "get-job-permissions-12.json",
      "jobs",
      async () =>
        String((await api.post("/api/2.1/jobs/create", recorded("get-job-12.json").settings)).json.job_id),
    ],
    [
      "get-job-permissions-15.json",
      "jobs",
      async () =>
        String((await api.post("/api/2.1/jobs/create", recorded("get-job-15.json").settings)).json.job_id),
    ],
    [
      "get-cluster-permissions-test1-response.json",
      "clusters",
      async () =>
        (
          await api.post("/api/2.0/clusters/create", {
            cluster_name: "p",
            spark_version: "15.4.x-scala2.12",
            node_type_id: "Standard_DS3_v2",
            num_workers: 0,
          })
        ).json.cluster_id,
    ],
    [
      "get-cluster-policy-permissions.json",
      "cluster-policies",
      async () =>
        (await api.post("/api/2.0/policies/clusters/create", { name: "p1", definition: "{}" })).json
          .policy_id,
    ],
  ];
  it.each(ACLS)("permissions PUT then GET reads back %s", async (f, type, make) => {
    const want = recorded(f);
    const id = await make();
    type Entry = {
      user_name?: string;
      group_name?: string;
      service_principal_name?: string;
      all_permissions: { inherited: boolean; permission_level: string }[];
    };
    const who = (e: Entry) => e.user_name ?? e.group_name ?? e.service_principal_name;
    const own = (want.access_control_list as Entry[])
      .flatMap((e) =>
        e.all_permissions
          .filter((p) => !p.inherited && p.permission_level !== "IS_OWNER")
          .map((p) => ({ e, p })),
      )
      .map(({ e, p }) => ({
        ...(e.user_name
          ? { user_name: e.user_name }
          : e.group_name
            ? { group_name: e.group_name }
            : { service_principal_name: e.service_principal_name }),
        permission_level: p.permission_level,
      }));
    expect((await api.put(`/api/2.0/permissions/${type}/${id}`, { access_control_list: own })).status).toBe(
      200,
    );
    const got = (await api.get(`/api/2.0/permissions/${type}/${id}`)).json;
    const byPrincipal = (acl: Entry[]) => Object.fromEntries(acl.map((e) => [who(e), e]));
    expect(diffFields(byPrincipal(want.access_control_list), byPrincipal(got.access_control_list))).toEqual(
      [],
    );
    expect(got.object_type).toBe(want.object_type);
  });

  it("Key Vault secret scope create and ACL put read back as recorded", async () => {
    const scope = recorded("secret-scopes-response.json").scopes[0];
    const c = await api.post("/api/2.0/secrets/scopes/create", {
      scope: scope.name,
      scope_backend_type: scope.backend_type,
      backend_azure_keyvault: scope.keyvault_metadata,
    });
    expect(c.status).toBe(200);
    const listed = (await api.get("/api/2.0/secrets/scopes/list")).json.scopes.find(
      (x: { name: string }) => x.name === scope.name,
    );
    expect(diffFields(scope, listed)).toEqual([]);
    const acl = recorded("secret-scopes-get-principal-response.json");
    expect((await api.post("/api/2.0/secrets/acls/put", { scope: scope.name, ...acl })).status).toBe(200);
    const got = (await api.get(`/api/2.0/secrets/acls/get?scope=${scope.name}&principal=${acl.principal}`))
      .json;
    expect(diffFields(acl, got)).toEqual([]);
  });

  it("libraries install on a running cluster, then cluster-status as recorded", async () => {
    const want = recorded("libraries-cluster-status-test1.json");
    const c = await api.post("/api/2.0/clusters/create", {
      cluster_name: "libs",
      spark_version: "15.4.x-scala2.12",
      node_type_id: "Standard_DS3_v2",
      num_workers: 1,
    });
    const id = c.json.cluster_id;
    expect((await api.get(`/api/2.0/clusters/get?cluster_id=${id}`)).json.state).toBe("RUNNING");
    const libraries = want.library_statuses.map((l: { library: unknown }) => l.library);
    expect((await api.post("/api/2.0/libraries/install", { cluster_id: id, libraries })).status).toBe(200);
    const got = (await api.get(`/api/2.0/libraries/cluster-status?cluster_id=${id}`)).json;
    expect(diffFields({ ...want, cluster_id: id }, got)).toEqual([]);
  });

  it("global init scripts created in order list as recorded", async () => {
    const want = recorded("global-init-scripts-list.json");
    const fresh = await start({ workspace: "empty" });
    try {
      const a = client(fresh);
      for (const s of want.scripts)
        expect(
          (
            await a.post("/api/2.0/global-init-scripts", {
              name: s.name,
              script: Buffer.from("#!/bin/sh\n").toString("base64"),
              position: s.position,
              enabled: s.enabled,
            })
          ).status,
        ).toBe(200);
      const got = (await a.get("/api/2.0/global-init-scripts")).json;
      const { scripts } = want;
      const values = scripts.map(({ name, position, enabled }: Record<string, unknown>) => ({
        name,
        position,
        enabled,
      }));
      expect(diffFields({ scripts: values }, got)).toEqual([]);
      expect(diffFields(want, got, "", true)).toEqual([]);
      expect(got.scripts[0].script).toBeUndefined(); // the list has no content
    } finally {
      await fresh.close();
    }
  });

  it("global init script create then get", async () => {
    const want = recorded("global-init-script-get1.json");
    const { name, script, position, enabled } = want;
    const c = await api.post("/api/2.0/global-init-scripts", { name, script, position, enabled });
    expect(c.status).toBe(200);
    const got = (await api.get(`/api/2.0/global-init-scripts/${c.json.script_id}`)).json;
    expect(diffFields({ name, script, position, enabled }, got)).toEqual([]);
    expect(diffFields(want, got, "", true)).toEqual([]);
  });

  it("SQL warehouse create then get", async () => {
    const want = recorded("get-sql-endpoint.json");
    const settable = [
      "name",
      "cluster_size",
      "auto_stop_mins",
      "max_num_clusters",
      "min_num_clusters",
      "enable_photon",
      "enable_serverless_compute",
      "spot_instance_policy",
      "channel",
      "tags",
    ];
    const body = Object.fromEntries(Object.entries(want).filter(([k]) => settable.includes(k)));
    const c = await api.post("/api/2.0/sql/warehouses", body);
    expect(c.status).toBe(200);
    const got = (await api.get(`/api/2.0/sql/warehouses/${c.json.id}`)).json;
    expect(diffFields(body, got)).toEqual([]);
    const made = [
      "id",
      "creator_name",
      "jdbc_url",
      "odbc_params",
      "state",
      "num_clusters",
      "num_active_sessions",
    ];
    expect(diffFields(Object.fromEntries(made.map((k) => [k, want[k]])), got, "", true)).toEqual([]);
  });
});
