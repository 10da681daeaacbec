import { RunningEmulator } from "../../emulator";
import { loadSeed } from "../../emulator/seeds";
import { largeNotebookContent } from "../../emulator/seeds/large";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { client, start, unb64 } from "./helpers";

describe("sample seed", () => {
  let emu: RunningEmulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    emu = await start();
    api = client(emu);
  });
  afterAll(() => emu.close());

  it("holds clusters of every source the exporter must tell apart", async () => {
    const sources = (await api.get("/api/2.1/clusters/list")).json.clusters.map(
      (c: { cluster_source: string }) => c.cluster_source,
    );
    expect(new Set(sources)).toEqual(new Set(["UI", "API", "JOB", "SQL", "PIPELINE"]));
  });

  it("holds multi-task jobs with every trigger kind, paused and not, on job and existing clusters", async () => {
    const jobs = (await api.get("/api/2.1/jobs/list?expand_tasks=true")).json.jobs;
    const settings = jobs.map((j: { settings: Record<string, unknown> }) => j.settings);
    const pause = (k: string) =>
      settings
        .filter((s: Record<string, { pause_status?: string }>) => s[k])
        .map((s: Record<string, { pause_status?: string }>) => s[k].pause_status);
    // Both states, whatever the count (the SQL sample adds an unpaused job: emulator/seeds/sample-sql.ts).
    expect([...new Set(pause("schedule"))].sort()).toEqual(["PAUSED", "UNPAUSED"]);
    expect(pause("continuous")).toEqual(["UNPAUSED"]);
    expect(pause("trigger")).toEqual(["PAUSED"]);
    const tasks = settings.flatMap((s: { tasks: Record<string, unknown>[] }) => s.tasks);
    for (const kind of ["notebook_task", "python_wheel_task", "sql_task", "spark_jar_task"])
      expect(tasks.some((t: Record<string, unknown>) => t[kind])).toBe(true);
    expect(
      tasks.some((t: Record<string, unknown>) => t.existing_cluster_id === SAMPLE_IDS.analyticsCluster),
    ).toBe(true);
    expect(settings.some((s: { job_clusters?: unknown[] }) => s.job_clusters?.length)).toBe(true);
  });

  it("has a group nested in a group, an awkward notebook name and an .ipynb-imported notebook", async () => {
    const groups = (await api.get("/api/2.0/preview/scim/v2/Groups")).json.Resources;
    const analytics = groups.find((g: { displayName: string }) => g.displayName === "analytics");
    const scientists = groups.find((g: { displayName: string }) => g.displayName === "data-scientists");
    expect(analytics.members.map((m: { value: string }) => m.value)).toContain(scientists.id);
    const list = (
      await api.get(
        `/api/2.0/workspace/list?path=${encodeURIComponent("/Users/carol.nguyen@example.com/R analysis")}`,
      )
    ).json;
    expect(list.objects[0]).toMatchObject({
      path: "/Users/carol.nguyen@example.com/R analysis/Survival – model (v2) été ✓",
      language: "R",
    });
    const exp = await api.get(`/api/2.0/workspace/export?path=${encodeURIComponent(list.objects[0].path)}`);
    expect(unb64(exp.json.content).toString()).toMatch(/^# Databricks notebook source\nlibrary\(survival\)/);
  });

  it("references policies and pools from clusters, and init scripts on DBFS and in the workspace", async () => {
    const c = (await api.get(`/api/2.1/clusters/get?cluster_id=${SAMPLE_IDS.sharedCluster}`)).json;
    expect(c.policy_id).toBe(SAMPLE_IDS.personalPolicy);
    expect(c.init_scripts.map((s: object) => Object.keys(s)[0])).toEqual(["dbfs", "workspace"]);
    const etl = (await api.get(`/api/2.1/clusters/get?cluster_id=${SAMPLE_IDS.etlApiCluster}`)).json;
    expect(etl).toMatchObject({ instance_pool_id: SAMPLE_IDS.generalPool, state: "TERMINATED" });
    const dbfs = await api.get("/api/2.0/dbfs/get-status?path=/databricks/init-scripts/install-deps.sh");
    expect(dbfs.status).toBe(200);
    expect(
      (await api.get("/api/2.0/workspace/get-status?path=/Shared/init/cluster-init.sh")).json.object_type,
    ).toBe("FILE");
  });
});

describe("large seed", () => {
  it("honours its size knobs and generates notebook contents on demand, deterministically", async () => {
    const sizes = { notebooks: 500, folders: 40, jobs: 120, clusters: 30, users: 200, groups: 20 };
    const a = await loadSeed("large", { large: sizes });
    const b = await loadSeed("large", { large: sizes });
    const notebooks = [...a.tree.nodes.values()].filter((n) => n.object_type === "NOTEBOOK");
    expect(notebooks).toHaveLength(500);
    expect(notebooks.every((n) => n.content === undefined && n.gen)).toBe(true);
    expect(a.jobs.size).toBe(120);
    expect(a.clusters.size).toBe(30);
    expect(a.users.size).toBe(201); // plus the admin
    expect(a.groups.size).toBe(22); // plus admins and users
    const n = notebooks[123];
    const bytes = a.contentOf(n);
    expect(bytes.length).toBe(n.gen!.size);
    expect(bytes.equals(b.contentOf(b.tree.get(n.path)!))).toBe(true);
    expect(bytes.equals(largeNotebookContent(n))).toBe(true);
    expect(bytes.toString()).toMatch(/Databricks notebook source/);
  });

  it("honours the pipeline, SQL query, SQL alert and IP access list knobs exactly", async () => {
    const base = { notebooks: 30, folders: 5, jobs: 2, clusters: 2, users: 8, groups: 3 };
    const s = await loadSeed("large", {
      large: { ...base, pipelines: 7, sqlQueries: 23, sqlAlerts: 9, ipAccessLists: 4 },
    });
    expect(s.pipelines.size).toBe(7);
    expect(s.sqlObjects.get("sql/queries")?.size).toBe(23);
    expect(s.sqlObjects.get("sql/alerts")?.size).toBe(9);
    const api = await start({ workspace: "large", large: { ...base, ipAccessLists: 4, sqlAlerts: 3 } });
    try {
      const c = client(api);
      expect((await c.get("/api/2.0/ip-access-lists")).json.ip_access_lists).toHaveLength(4);
      // Every alert is on a query of the workspace; every pipeline's notebooks are in its tree.
      const alerts = (await c.get("/api/2.0/sql/alerts?page_size=100")).json.results;
      expect(alerts).toHaveLength(3);
      for (const a of alerts)
        expect((await c.get(`/api/2.0/sql/queries/${a.query_id}`)).json.warehouse_id).toMatch(/^c0ffee/);
      const p = [...api.state.pipelines.values()][0];
      const spec = p.spec as { libraries: { notebook: { path: string } }[]; clusters: unknown[] };
      expect(spec.libraries.length).toBeGreaterThan(0);
      for (const l of spec.libraries)
        expect(api.state.tree.get(l.notebook.path)?.object_type).toBe("NOTEBOOK");
      expect(spec.clusters).toHaveLength(1);
      const acl = await c.get(`/api/2.0/permissions/pipelines/${String(p.pipeline_id)}`);
      expect(acl.status).toBe(200);
    } finally {
      await api.close();
    }
    const none = await loadSeed("large", {
      large: { ...base, pipelines: 0, sqlQueries: 0, sqlAlerts: 0, ipAccessLists: 0 },
    });
    expect(none.pipelines.size + (none.sqlObjects.get("sql/queries")?.size ?? 0)).toBe(0);
  });

  it("builds the default size (10,000 notebooks, 2,000 jobs, 5,000 users)", async () => {
    const s = await loadSeed("large");
    expect([...s.tree.nodes.values()].filter((n) => n.object_type === "NOTEBOOK")).toHaveLength(10_000);
    expect(s.jobs.size).toBe(2000);
    expect(s.clusters.size).toBe(300);
    expect(s.users.size).toBe(5001);
    // The families added since: 100 pipelines, 500 queries, 100 alerts (bench/run.ts scales them all).
    expect(s.pipelines.size).toBe(100);
    expect(s.sqlObjects.get("sql/queries")?.size).toBe(500);
    expect(s.sqlObjects.get("sql/alerts")?.size).toBe(100);
  });

  it("serves a large workspace through the API, exporting a folder as one archive", async () => {
    const emu = await start({
      workspace: "large",
      large: { notebooks: 200, folders: 10, jobs: 5, clusters: 5, users: 10, groups: 3 },
    });
    try {
      const api = client(emu);
      const dir = [...emu.state.tree.nodes.values()].find((x) => x.path.includes("project-"))!;
      const r = await api.get(`/api/2.0/workspace/export?path=${encodeURIComponent(dir.path)}&format=SOURCE`);
      expect(r.status).toBe(200);
      expect(r.json.file_type).toBe("zip");
    } finally {
      await emu.close();
    }
  });
});

describe("empty seed", () => {
  it("has only what every workspace has", async () => {
    const s = await loadSeed("empty");
    expect([...s.users.values()].map((u) => u.userName)).toEqual(["admin@example.com"]);
    expect([...s.groups.values()].map((g) => g.displayName)).toEqual(["admins", "users"]);
    expect(s.jobs.size + s.clusters.size).toBe(0);
  });
});
