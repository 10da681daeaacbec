import { RunningEmulator } from "../../emulator";
import { createJob } from "../../emulator/routes/jobs";
import { client, start } from "./helpers";

let emu: RunningEmulator;
let api: ReturnType<typeof client>;

beforeEach(async () => {
  emu = await start({ workspace: "empty" });
  api = client(emu);
});
afterEach(() => emu.close());

const seedJobs = (n: number) => {
  for (let i = 0; i < n; i++)
    createJob(emu.state, {
      name: `job-${i}`,
      tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }],
      job_clusters: [],
    });
};

async function listAll(limit: number, extra = "") {
  const pages: { jobs?: unknown[]; has_more: boolean; next_page_token?: string }[] = [];
  let token: string | undefined;
  do {
    const r = await api.get(
      `/api/2.1/jobs/list?limit=${limit}${extra}${token ? `&page_token=${token}` : ""}`,
    );
    expect(r.status).toBe(200);
    pages.push(r.json);
    token = r.json.next_page_token;
  } while (token);
  return pages;
}

describe("jobs list paging", () => {
  it("answers exactly 100 jobs in one page with has_more false and no token", async () => {
    seedJobs(100);
    const pages = await listAll(100);
    expect(pages).toHaveLength(1);
    expect(pages[0].jobs).toHaveLength(100);
    expect(pages[0].has_more).toBe(false);
    expect(pages[0].next_page_token).toBeUndefined();
  });

  it("pages 101 jobs as 100 + 1 with has_more and next_page_token", async () => {
    seedJobs(101);
    const pages = await listAll(100);
    expect(pages.map((p) => p.jobs?.length)).toEqual([100, 1]);
    expect(pages.map((p) => p.has_more)).toEqual([true, false]);
  });

  it("defaults to 20 per page and refuses a limit over 100", async () => {
    seedJobs(45);
    expect((await listAll(0)).map((p) => p.jobs?.length)).toEqual([20, 20, 5]);
    const r = await api.get("/api/2.1/jobs/list?limit=101");
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(typeof r.json.message).toBe("string");
  });

  it("leaves tasks out unless expand_tasks is set; an empty workspace has no jobs key", async () => {
    expect((await api.get("/api/2.1/jobs/list")).json).toEqual({ has_more: false });
    seedJobs(1);
    const plain = (await api.get("/api/2.1/jobs/list")).json.jobs[0];
    expect(plain.settings.tasks).toBeUndefined();
    const expanded = (await api.get("/api/2.1/jobs/list?expand_tasks=true")).json.jobs[0];
    expect(expanded.settings.tasks).toHaveLength(1);
  });
});

describe("jobs get", () => {
  it("2.2 pages 101 tasks and 101 job clusters by 100; 2.1 answers them all", async () => {
    const job_clusters = Array.from({ length: 101 }, (_, i) => ({
      job_cluster_key: `c${i}`,
      new_cluster: { spark_version: "14.3.x-scala2.12", node_type_id: "Standard_DS3_v2", num_workers: 1 },
    }));
    const tasks = Array.from({ length: 101 }, (_, i) => ({
      task_key: `t${i}`,
      job_cluster_key: `c${i}`,
      notebook_task: { notebook_path: `/nb${i}` },
    }));
    const { json } = await api.post("/api/2.1/jobs/create", { name: "wide", tasks, job_clusters });
    const id = json.job_id;
    const p1 = await api.get(`/api/2.2/jobs/get?job_id=${id}`);
    expect(p1.json.settings.tasks).toHaveLength(100);
    expect(p1.json.settings.job_clusters).toHaveLength(100);
    expect(p1.json.has_more).toBe(true);
    const p2 = await api.get(`/api/2.2/jobs/get?job_id=${id}&page_token=${p1.json.next_page_token}`);
    expect(p2.json.settings.tasks.map((t: { task_key: string }) => t.task_key)).toEqual(["t100"]);
    expect(p2.json.settings.job_clusters).toHaveLength(1);
    expect(p2.json.next_page_token).toBeUndefined();
    expect((await api.get(`/api/2.1/jobs/get?job_id=${id}`)).json.settings.tasks).toHaveLength(101);
  });

  it("answers an unknown job with 400 INVALID_PARAMETER_VALUE", async () => {
    const r = await api.get("/api/2.1/jobs/get?job_id=424242");
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error_code: "INVALID_PARAMETER_VALUE", message: "Job 424242 does not exist." });
  });
});

describe("jobs writes", () => {
  it("creates with service defaults, resets, updates by task key, and deletes", async () => {
    const created = await api.post("/api/2.1/jobs/create", {
      name: "etl",
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
      tasks: [
        { task_key: "a", notebook_task: { notebook_path: "/a" } },
        { task_key: "b", depends_on: [{ task_key: "a" }], notebook_task: { notebook_path: "/b" } },
      ],
    });
    const id = created.json.job_id;
    const job = (await api.get(`/api/2.1/jobs/get?job_id=${id}`)).json;
    expect(job).toMatchObject({ job_id: id, creator_user_name: "admin@example.com" });
    expect(job.settings).toMatchObject({
      max_concurrent_runs: 1,
      timeout_seconds: 0,
      email_notifications: {},
    });
    expect(typeof job.created_time).toBe("number");
    await api.post("/api/2.1/jobs/update", {
      job_id: id,
      new_settings: { tasks: [{ task_key: "b", notebook_task: { notebook_path: "/b2" } }] },
      fields_to_remove: ["schedule"],
    });
    const updated = (await api.get(`/api/2.1/jobs/get?job_id=${id}`)).json.settings;
    expect(
      updated.tasks.map((t: { notebook_task: { notebook_path: string } }) => t.notebook_task.notebook_path),
    ).toEqual(["/a", "/b2"]);
    expect(updated.schedule).toBeUndefined();
    await api.post("/api/2.1/jobs/reset", { job_id: id, new_settings: { name: "renamed", tasks: [] } });
    expect((await api.get(`/api/2.1/jobs/get?job_id=${id}`)).json.settings.name).toBe("renamed");
    const perms = (await api.get(`/api/2.0/permissions/jobs/${id}`)).json;
    expect(perms.access_control_list[0]).toEqual({
      user_name: "admin@example.com",
      all_permissions: [{ inherited: false, permission_level: "IS_OWNER" }],
    });
    await api.post("/api/2.1/jobs/delete", { job_id: id });
    expect((await api.get(`/api/2.1/jobs/get?job_id=${id}`)).status).toBe(400);
  });

  it("validates references: unknown existing cluster, unknown dependency", async () => {
    const r1 = await api.post("/api/2.1/jobs/create", {
      tasks: [{ task_key: "a", existing_cluster_id: "nope", notebook_task: { notebook_path: "/a" } }],
    });
    expect(r1.status).toBe(400);
    const r2 = await api.post("/api/2.1/jobs/create", {
      tasks: [{ task_key: "a", depends_on: [{ task_key: "z" }], notebook_task: { notebook_path: "/a" } }],
    });
    expect(r2.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });
});
