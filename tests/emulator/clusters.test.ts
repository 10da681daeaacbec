import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { useSampleEmulator } from "./helpers";

const suite = useSampleEmulator();

const spec = {
  cluster_name: "new",
  spark_version: "15.4.x-scala2.12",
  node_type_id: "Standard_DS3_v2",
  num_workers: 2,
};

describe("clusters", () => {
  it("starts a created cluster: PENDING with cluster_source API and the read-only fields, then RUNNING", async () => {
    suite.emu.state.clusterStartMs = 150;
    const { json } = await suite.api.post("/api/2.1/clusters/create", spec);
    const c = (await suite.api.get(`/api/2.1/clusters/get?cluster_id=${json.cluster_id}`)).json;
    expect(c).toMatchObject({
      cluster_id: json.cluster_id,
      cluster_source: "API",
      state: "PENDING",
      creator_user_name: "admin@example.com",
      default_tags: {
        Vendor: "Databricks",
        ClusterId: json.cluster_id,
        ClusterName: "new",
        Creator: "admin@example.com",
      },
      num_workers: 2,
    });
    expect(typeof c.start_time).toBe("number");
    await new Promise((r) => setTimeout(r, 200));
    const running = (await suite.api.get(`/api/2.1/clusters/get?cluster_id=${json.cluster_id}`)).json;
    expect(running.state).toBe("RUNNING");
    expect(running.driver).toBeDefined();
    expect(running.executors).toHaveLength(2);
  });

  it("terminates, refuses to start a running cluster, restarts a terminated one, removes permanently", async () => {
    suite.emu.state.clusterStartMs = 0;
    const id = (await suite.api.post("/api/2.1/clusters/create", spec)).json.cluster_id;
    expect((await suite.api.get(`/api/2.1/clusters/get?cluster_id=${id}`)).json.state).toBe("RUNNING");
    const busy = await suite.api.post("/api/2.1/clusters/start", { cluster_id: id });
    expect(busy.status).toBe(400);
    expect(busy.json.error_code).toBe("INVALID_STATE");
    await suite.api.post("/api/2.1/clusters/delete", { cluster_id: id });
    const t = (await suite.api.get(`/api/2.1/clusters/get?cluster_id=${id}`)).json;
    expect(t.state).toBe("TERMINATED");
    expect(t.termination_reason.code).toBe("USER_REQUEST");
    await suite.api.post("/api/2.1/clusters/start", { cluster_id: id });
    expect((await suite.api.get(`/api/2.1/clusters/get?cluster_id=${id}`)).json.state).toBe("RUNNING");
    await suite.api.post("/api/2.1/clusters/permanent-delete", { cluster_id: id });
    const gone = await suite.api.get(`/api/2.1/clusters/get?cluster_id=${id}`);
    expect(gone.status).toBe(400);
    expect(gone.json).toEqual({
      error_code: "INVALID_PARAMETER_VALUE",
      message: `Cluster ${id} does not exist`,
    });
  });

  it("edits the settings and refuses unknown policy or pool references", async () => {
    suite.emu.state.clusterStartMs = 0;
    const id = (await suite.api.post("/api/2.1/clusters/create", spec)).json.cluster_id;
    await suite.api.post("/api/2.1/clusters/edit", {
      ...spec,
      cluster_id: id,
      num_workers: 5,
      cluster_name: "renamed",
    });
    const c = (await suite.api.get(`/api/2.1/clusters/get?cluster_id=${id}`)).json;
    expect(c).toMatchObject({ num_workers: 5, cluster_name: "renamed", cluster_source: "API" });
    const bad = await suite.api.post("/api/2.1/clusters/create", { ...spec, policy_id: "NOPE" });
    expect(bad.status).toBe(400);
    const badPool = await suite.api.post("/api/2.1/clusters/create", {
      spark_version: "x",
      instance_pool_id: "nope",
    });
    expect(badPool.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("lists only pinned, running and recently terminated clusters, paging by page_size", async () => {
    suite.emu.state.clusterStartMs = 0;
    const old = (await suite.api.post("/api/2.1/clusters/create", { ...spec, cluster_name: "old" })).json
      .cluster_id;
    await suite.api.post("/api/2.1/clusters/delete", { cluster_id: old });
    suite.emu.state.clusters.get(old)!.terminated_time = Date.now() - 31 * 24 * 3600 * 1000;
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await suite.api.get(
        `/api/2.1/clusters/list?page_size=2${token ? `&page_token=${token}` : ""}`,
      );
      ids.push(...r.json.clusters.map((c: { cluster_id: string }) => c.cluster_id));
      token = r.json.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThan(2);
    expect(ids).not.toContain(old);
    expect(ids).toContain(SAMPLE_IDS.etlApiCluster); // terminated but pinned
    expect(ids).toContain(SAMPLE_IDS.jobCluster);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await suite.api.get(`/api/2.1/clusters/get?cluster_id=${old}`)).status).toBe(200);
  });
});

describe("policies, pools, libraries", () => {
  it("keeps the policy definition a JSON string and validates it", async () => {
    const p = (await suite.api.get(`/api/2.0/policies/clusters/get?policy_id=${SAMPLE_IDS.jobsPolicy}`)).json;
    expect(typeof p.definition).toBe("string");
    expect(JSON.parse(p.definition).instance_pool_id.value).toBe(SAMPLE_IDS.generalPool);
    const bad = await suite.api.post("/api/2.0/policies/clusters/create", {
      name: "x",
      definition: "{not json",
    });
    expect(bad.status).toBe(400);
    const made = await suite.api.post("/api/2.0/policies/clusters/create", { name: "x", definition: "{}" });
    const dup = await suite.api.post("/api/2.0/policies/clusters/create", { name: "x", definition: "{}" });
    expect(dup.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    await suite.api.post("/api/2.0/policies/clusters/delete", { policy_id: made.json.policy_id });
    expect(
      (await suite.api.get(`/api/2.0/policies/clusters/get?policy_id=${made.json.policy_id}`)).status,
    ).toBe(404);
  });

  it("creates, edits and deletes instance pools", async () => {
    const id = (
      await suite.api.post("/api/2.0/instance-pools/create", {
        instance_pool_name: "p",
        node_type_id: "Standard_DS3_v2",
      })
    ).json.instance_pool_id;
    expect((await suite.api.get(`/api/2.0/instance-pools/get?instance_pool_id=${id}`)).json).toMatchObject({
      state: "ACTIVE",
    });
    await suite.api.post("/api/2.0/instance-pools/edit", {
      instance_pool_id: id,
      instance_pool_name: "p2",
      node_type_id: "Standard_DS3_v2",
    });
    expect(
      (await suite.api.get(`/api/2.0/instance-pools/get?instance_pool_id=${id}`)).json.instance_pool_name,
    ).toBe("p2");
    await suite.api.post("/api/2.0/instance-pools/delete", { instance_pool_id: id });
    const list = (await suite.api.get("/api/2.0/instance-pools/list")).json.instance_pools;
    expect(list.map((p: { instance_pool_id: string }) => p.instance_pool_id)).not.toContain(id);
  });

  it("reports cluster libraries of every kind and installs/uninstalls", async () => {
    const all = (await suite.api.get("/api/2.0/libraries/all-cluster-statuses")).json.statuses;
    const shared = all.find((s: { cluster_id: string }) => s.cluster_id === SAMPLE_IDS.sharedCluster);
    const kinds = shared.library_statuses.map((s: { library: object }) => Object.keys(s.library)[0]);
    expect(kinds).toEqual(["pypi", "maven", "jar", "whl"]);
    await suite.api.post("/api/2.0/libraries/install", {
      cluster_id: SAMPLE_IDS.sharedCluster,
      libraries: [{ pypi: { package: "x" } }],
    });
    await suite.api.post("/api/2.0/libraries/uninstall", {
      cluster_id: SAMPLE_IDS.sharedCluster,
      libraries: [{ jar: "dbfs:/FileStore/jars/etl-udfs-1.2.0.jar" }],
    });
    const one = (
      await suite.api.get(`/api/2.0/libraries/cluster-status?cluster_id=${SAMPLE_IDS.sharedCluster}`)
    ).json;
    expect(one.library_statuses).toHaveLength(5);
    expect(one.library_statuses[2].status).toBe("UNINSTALL_ON_RESTART");
    const bad = await suite.api.post("/api/2.0/libraries/install", {
      cluster_id: SAMPLE_IDS.sharedCluster,
      libraries: [{}],
    });
    expect(bad.status).toBe(400);
  });
});
