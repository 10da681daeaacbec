/**
 * What the legacy databricks-cli sends (databricks_cli/sdk/service.py, jobs/cli.py, dbfs/api.py), and the
 * wire shapes the REST reference documents for it: multipart DBFS put, clusters resize and events, Jobs 2.0
 * create and list, the Token API, HTML notebook import.
 */
import { RunningEmulator } from "../../emulator";
import { b64, client, start, unb64 } from "./helpers";

let emu: RunningEmulator;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  emu = await start({ workspace: "sample" });
  emu.state.clusterStartMs = 0;
  api = client(emu);
});
afterAll(() => emu.close());

async function form(path: string, parts: Record<string, string | Blob>, token = emu.token) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (typeof v === "string") fd.append(k, v);
    else fd.append(k, v, "upload.bin");
  }
  const r = await fetch(emu.url + path, {
    method: "POST",
    body: fd,
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

describe("DBFS put as multipart/form-data", () => {
  it("stores the uploaded file, larger than a JSON put may carry, and honours overwrite as Python sends it", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    bytes[5] = 0; // binary
    const r = await form("/api/2.0/dbfs/put", {
      path: "/FileStore/up.bin",
      overwrite: "True",
      contents: new Blob([bytes]),
    });
    expect(r).toEqual({ status: 200, json: {} });
    const st = await api.get("/api/2.0/dbfs/get-status?path=/FileStore/up.bin");
    expect(st.json.file_size).toBe(bytes.length);
    const back = await api.get("/api/2.0/dbfs/read?path=/FileStore/up.bin&offset=0&length=16");
    expect(unb64(back.json.data)).toEqual(bytes.subarray(0, 16));
    // A part named `file` is taken too (what the legacy databricks-cli is believed to send).
    const again = await form("/api/2.0/dbfs/put", {
      path: "/FileStore/up.bin",
      overwrite: "False",
      file: new Blob([bytes]),
    });
    expect(again.status).toBe(400);
    expect(again.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
  });
});

describe("workspace import with the file posted as a form part", () => {
  it("imports the posted file, as the reference allows in place of base64 content", async () => {
    const src = "# Databricks notebook source\nprint('posted')\n";
    const r = await form("/api/2.0/workspace/import", {
      path: "/Shared/posted",
      format: "SOURCE",
      language: "PYTHON",
      overwrite: "true",
      content: new Blob([src]),
    });
    expect(r).toEqual({ status: 200, json: {} });
    const back = await api.get("/api/2.0/workspace/export?path=/Shared/posted&format=SOURCE");
    expect(unb64(back.json.content).toString()).toContain("print('posted')");
  });
});

describe("clusters resize and events", () => {
  it("resizes a running cluster and reports RESIZING among its events, newest first, paged", async () => {
    const created = await api.post("/api/2.0/clusters/create", {
      cluster_name: "resize-me",
      spark_version: "15.4.x-scala2.12",
      node_type_id: "Standard_DS3_v2",
      num_workers: 1,
    });
    const id = created.json.cluster_id;
    expect((await api.get(`/api/2.0/clusters/get?cluster_id=${id}`)).json.state).toBe("RUNNING");
    expect((await api.post("/api/2.0/clusters/resize", { cluster_id: id, num_workers: 4 })).status).toBe(200);
    const got = (await api.get(`/api/2.0/clusters/get?cluster_id=${id}`)).json;
    expect(got.num_workers).toBe(4);

    const ev = await api.post("/api/2.0/clusters/events", { cluster_id: id });
    expect(ev.status).toBe(200);
    const types = ev.json.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe("RESIZING");
    expect(types).toEqual(expect.arrayContaining(["CREATING", "RUNNING", "RESIZING"]));
    expect(ev.json.events[0]).toMatchObject({
      cluster_id: id,
      type: "RESIZING",
      details: { current_num_workers: 1, target_num_workers: 4 },
    });
    expect(typeof ev.json.events[0].timestamp).toBe("number");
    expect(ev.json.total_count).toBe(types.length);

    const p1 = await api.post("/api/2.0/clusters/events", { cluster_id: id, order: "ASC", limit: 1 });
    expect(p1.json.events.map((e: { type: string }) => e.type)).toEqual(["CREATING"]);
    expect(p1.json.next_page).toMatchObject({ cluster_id: id, offset: 1, limit: 1 });
    const p2 = await api.post("/api/2.0/clusters/events", p1.json.next_page);
    expect(p2.json.events[0].type).not.toBe("CREATING");

    await api.post("/api/2.0/clusters/delete", { cluster_id: id });
    const stopped = await api.post("/api/2.0/clusters/resize", { cluster_id: id, num_workers: 2 });
    expect(stopped.status).toBe(400);
    expect(stopped.json.error_code).toBe("INVALID_STATE");
    const unknown = await api.post("/api/2.0/clusters/events", { cluster_id: "nope" });
    expect(unknown.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });
});

describe("Jobs API 2.0", () => {
  let ids: number[] = [];
  beforeAll(async () => {
    const e = await start({ workspace: "empty" });
    const a = client(e);
    ids = [];
    for (let i = 0; i < 400; i++)
      ids.push(
        (
          await a.post("/api/2.0/jobs/create", {
            name: `legacy-${i}`,
            new_cluster: {
              spark_version: "15.4.x-scala2.12",
              node_type_id: "Standard_DS3_v2",
              num_workers: 1,
            },
            notebook_task: { notebook_path: "/Shared/nb" },
          })
        ).json.job_id,
      );
    jobsEmu = e;
  });
  let jobsEmu: RunningEmulator;
  afterAll(() => jobsEmu.close());

  it("creates single-task jobs and lists every job in one call, as the 2.0 CLI expects", async () => {
    const a = client(jobsEmu);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    const all = await a.get("/api/2.0/jobs/list");
    expect(all.status).toBe(200);
    expect(all.json.jobs).toHaveLength(400);
    expect(all.json.has_more).toBe(false);
    const job = (await a.get(`/api/2.0/jobs/get?job_id=${ids[0]}`)).json;
    expect(job.settings).toMatchObject({ name: "legacy-0", notebook_task: { notebook_path: "/Shared/nb" } });
    // `databricks jobs reset` (2.0): the settings replaced whole.
    const reset = await a.post("/api/2.0/jobs/reset", {
      job_id: ids[0],
      new_settings: {
        name: "renamed",
        existing_cluster_id: undefined,
        notebook_task: { notebook_path: "/Shared/other" },
      },
    });
    expect(reset.status).toBe(200);
    const after = (await a.get(`/api/2.0/jobs/get?job_id=${ids[0]}`)).json.settings;
    expect(after).toMatchObject({ name: "renamed", notebook_task: { notebook_path: "/Shared/other" } });
    expect(after.new_cluster).toBeUndefined();
  });

  it("pages by offset and limit with has_more and no page tokens when asked", async () => {
    const a = client(jobsEmu);
    const p = await a.get("/api/2.0/jobs/list?offset=390&limit=25");
    expect(p.json.jobs).toHaveLength(10);
    expect(p.json.has_more).toBe(false);
    const q = await a.get("/api/2.0/jobs/list?offset=0&limit=25");
    expect(q.json.jobs).toHaveLength(25);
    expect(q.json.has_more).toBe(true);
    expect(q.json.next_page_token).toBeUndefined();
    // 2.1 still pages by 20 with tokens.
    const v21 = await a.get("/api/2.1/jobs/list");
    expect(v21.json.jobs).toHaveLength(20);
    expect(v21.json.next_page_token).toBeDefined();
  });
});

describe("Token API", () => {
  it("creates a token (value once), lists its metadata, authenticates with it, deletes it", async () => {
    const c = await api.post("/api/2.0/token/create", { lifetime_seconds: 3600, comment: "ci" });
    expect(c.status).toBe(200);
    expect(c.json.token_value).toMatch(/^dapi[0-9a-f]{32}$/);
    expect(c.json.token_info).toMatchObject({ comment: "ci" });
    const info = c.json.token_info;
    expect(info.expiry_time - info.creation_time).toBe(3600_000);
    const l = await api.get("/api/2.0/token/list");
    expect(l.json.token_infos).toEqual([info]);
    expect(JSON.stringify(l.json)).not.toContain(c.json.token_value);
    expect((await client(emu, c.json.token_value).get("/api/2.0/token/list")).status).toBe(200);
    expect((await api.post("/api/2.0/token/delete", { token_id: info.token_id })).status).toBe(200);
    expect((await client(emu, c.json.token_value).get("/api/2.0/token/list")).status).toBe(403);
  });
});

describe("workspace import in HTML format", () => {
  it("imports an exported HTML notebook as the notebook it holds", async () => {
    const src = "/Shared/etl/bronze_to_silver";
    const html = await api.get(`/api/2.0/workspace/export?path=${src}&format=HTML`);
    const source = await api.get(`/api/2.0/workspace/export?path=${src}&format=SOURCE`);
    // Read the page as tools read real HTML exports: `var __DATABRICKS_NOTEBOOK_MODEL = '<b64>';`,
    // base64 of the URL-encoded notebook JSON.
    const page = unb64(html.json.content).toString();
    const m = /var __DATABRICKS_NOTEBOOK_MODEL = '([^']+)';/.exec(page);
    expect(m).not.toBeNull();
    const model = JSON.parse(decodeURIComponent(unb64(m![1]).toString()));
    expect(model).toMatchObject({ version: "NotebookV1", language: "python", name: "bronze_to_silver" });
    expect(model.commands.length).toBeGreaterThan(0);
    const r = await api.post("/api/2.0/workspace/import", {
      path: "/Shared/from-html",
      format: "HTML",
      content: html.json.content,
    });
    expect(r.status).toBe(200);
    const st = await api.get("/api/2.0/workspace/get-status?path=/Shared/from-html");
    expect(st.json).toMatchObject({ object_type: "NOTEBOOK", language: "PYTHON" });
    const back = await api.get("/api/2.0/workspace/export?path=/Shared/from-html&format=SOURCE");
    expect(unb64(back.json.content).toString()).toBe(unb64(source.json.content).toString());
  });

  it("refuses an HTML page that is not a notebook export instead of storing it as source", async () => {
    const r = await api.post("/api/2.0/workspace/import", {
      path: "/Shared/page",
      format: "HTML",
      content: b64("<html><body><h1>hello</h1></body></html>"),
    });
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect((await api.get("/api/2.0/workspace/get-status?path=/Shared/page")).status).toBe(404);
  });
});
