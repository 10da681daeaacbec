import { unzipSync } from "fflate";
import { b64, unb64, useSampleEmulator } from "./helpers";

const W = "/api/2.0/workspace";
const LIMIT = 10 * 1024 * 1024;
const suite = useSampleEmulator();

const q = (p: string) => encodeURIComponent(p);
const entries = (content: string) => Object.keys(unzipSync(new Uint8Array(unb64(content)))).sort();

describe("workspace reads", () => {
  it("lists one level with object ids, times, languages and file sizes; an empty folder answers {}", async () => {
    const r = await suite.api.get(`${W}/list?path=/Shared/etl`);
    expect(r.status).toBe(200);
    const byPath = Object.fromEntries(r.json.objects.map((o: { path: string }) => [o.path, o]));
    expect(byPath["/Shared/etl/bronze_to_silver"]).toMatchObject({
      object_type: "NOTEBOOK",
      language: "PYTHON",
    });
    expect(typeof byPath["/Shared/etl/bronze_to_silver"].object_id).toBe("number");
    expect(typeof byPath["/Shared/etl/bronze_to_silver"].modified_at).toBe("number");
    expect(byPath["/Shared/etl/config.yaml"]).toMatchObject({ object_type: "FILE", size: 72 });
    const shared = await suite.api.get(`${W}/list?path=/Shared`);
    expect(shared.json.objects.every((o: { path: string }) => o.path.split("/").length === 3)).toBe(true);
    await suite.api.post(`${W}/mkdirs`, { path: "/Shared/empty-one" });
    const empty = await suite.api.get(`${W}/list?path=/Shared/empty-one`);
    expect(empty.json).toEqual({});
  });

  it("answers 404 RESOURCE_DOES_NOT_EXIST for a missing path and accepts the /Workspace prefix", async () => {
    const r = await suite.api.get(`${W}/get-status?path=/nope`);
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Path (/nope) doesn't exist." });
    const w = await suite.api.get(`${W}/get-status?path=/Workspace/Shared/etl`);
    expect(w.json).toMatchObject({ object_type: "DIRECTORY", path: "/Shared/etl" });
  });

  it("exports SOURCE with the Databricks header, JUPYTER, DBC and direct downloads", async () => {
    const src = await suite.api.get(`${W}/export?path=/Shared/etl/silver_to_gold&format=SOURCE`);
    expect(src.json.file_type).toBe("scala");
    expect(unb64(src.json.content).toString()).toMatch(/^\/\/ Databricks notebook source\n/);
    const sql = await suite.api.get(`${W}/export?path=/Shared/reports/daily_kpis`);
    expect(unb64(sql.json.content).toString()).toMatch(/^-- Databricks notebook source\n/);
    const ipynb = await suite.api.get(`${W}/export?path=/Shared/etl/bronze_to_silver&format=JUPYTER`);
    const nb = JSON.parse(unb64(ipynb.json.content).toString());
    expect(nb.nbformat).toBe(4);
    expect(nb.cells).toHaveLength(2);
    const dbc = await suite.api.get(`${W}/export?path=/Shared/etl/bronze_to_silver&format=DBC`);
    expect(entries(dbc.json.content)).toEqual(["bronze_to_silver.python"]);
    const direct = await fetch(
      `${suite.emu.url}${W}/export?path=/Shared/etl/config.yaml&direct_download=true`,
      { headers: suite.emu.authHeaders() },
    );
    expect(Buffer.from(await direct.arrayBuffer()).toString()).toMatch(/^source: abfss:/);
  });

  it("exports a notebook imported from .ipynb back as JUPYTER with AUTO", async () => {
    const r = await suite.api.get(
      `${W}/export?path=${q("/Users/bob.jones@example.com/churn_analysis")}&format=AUTO`,
    );
    expect(r.json.file_type).toBe("ipynb");
    const nb = JSON.parse(unb64(r.json.content).toString());
    expect(nb.cells[0].cell_type).toBe("markdown");
  });

  it("exports a directory as one archive: SOURCE and DBC notebooks only, AUTO with workspace files", async () => {
    const source = await suite.api.get(`${W}/export?path=/Shared/etl&format=SOURCE`);
    expect(source.json.file_type).toBe("zip");
    expect(entries(source.json.content)).toEqual(["etl/bronze_to_silver.py", "etl/silver_to_gold.scala"]);
    const dbc = await suite.api.get(`${W}/export?path=/Shared/etl&format=DBC`);
    expect(entries(dbc.json.content)).toEqual(["etl/bronze_to_silver.python", "etl/silver_to_gold.scala"]);
    const auto = await suite.api.get(`${W}/export?path=/Shared/etl&format=AUTO`);
    expect(entries(auto.json.content)).toEqual([
      "etl/bronze_to_silver.py",
      "etl/config.yaml",
      "etl/requirements.txt",
      "etl/silver_to_gold.scala",
    ]);
    const again = await suite.api.get(`${W}/export?path=/Shared/etl&format=AUTO`);
    expect(again.json.content).toBe(auto.json.content);
    const jupyter = await suite.api.get(`${W}/export?path=/Shared/etl&format=JUPYTER`);
    expect(jupyter.status).toBe(400);
  });
});

describe("the 10 MB export limit", () => {
  beforeAll(async () => {
    await suite.api.post(`${W}/mkdirs`, { path: "/Big/dir" });
    // Just under the limit once the header is added: two of them make a directory over the limit.
    const body = "x".repeat(6 * 1024 * 1024);
    for (const name of ["a", "b"])
      expect(
        (
          await suite.api.post(`${W}/import`, {
            path: `/Big/dir/${name}`,
            format: "SOURCE",
            language: "PYTHON",
            content: b64(body),
          })
        ).status,
      ).toBe(200);
    suite.emu.state.tree.put({
      path: "/Big/huge",
      object_type: "NOTEBOOK",
      object_id: suite.emu.state.objectId(),
      language: "PYTHON",
      content: Buffer.alloc(LIMIT + 1, 0x41),
    });
  });

  it("refuses a notebook over 10 MB with MAX_NOTEBOOK_SIZE_EXCEEDED", async () => {
    const r = await suite.api.get(`${W}/export?path=/Big/huge`);
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe("MAX_NOTEBOOK_SIZE_EXCEEDED");
  });

  it("applies the limit to a directory archive as a whole, while each notebook exports alone", async () => {
    const dir = await suite.api.get(`${W}/export?path=/Big/dir&format=SOURCE`);
    expect(dir.status).toBe(400);
    expect(dir.json.error_code).toBe("MAX_NOTEBOOK_SIZE_EXCEEDED");
    expect((await suite.api.get(`${W}/export?path=/Big/dir/a`)).status).toBe(200);
    expect((await suite.api.get(`${W}/export?path=/Big/dir/b`)).status).toBe(200);
  });

  it("refuses an import over 10 MB", async () => {
    const r = await suite.api.post(`${W}/import`, {
      path: "/Big/too-big",
      format: "SOURCE",
      language: "PYTHON",
      content: b64(Buffer.alloc(LIMIT + 1, 0x41)),
    });
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe("MAX_NOTEBOOK_SIZE_EXCEEDED");
  });
});

describe("workspace writes", () => {
  it("imports SOURCE (language required), refuses to overwrite unless asked, keeps the object id", async () => {
    await suite.api.post(`${W}/mkdirs`, { path: "/Imports/deep/er" });
    const noLang = await suite.api.post(`${W}/import`, {
      path: "/Imports/nb",
      format: "SOURCE",
      content: b64("print(1)"),
    });
    expect(noLang.status).toBe(400);
    expect(noLang.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const first = await suite.api.post(`${W}/import`, {
      path: "/Imports/nb",
      format: "SOURCE",
      language: "PYTHON",
      content: b64("print(1)"),
    });
    expect(first.status).toBe(200);
    const before = (await suite.api.get(`${W}/get-status?path=/Imports/nb`)).json;
    const again = await suite.api.post(`${W}/import`, {
      path: "/Imports/nb",
      format: "SOURCE",
      language: "PYTHON",
      content: b64("print(2)"),
    });
    expect(again.status).toBe(400);
    expect(again.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    await suite.api.post(`${W}/import`, {
      path: "/Imports/nb",
      format: "SOURCE",
      language: "PYTHON",
      content: b64("print(2)"),
      overwrite: true,
    });
    const after = (await suite.api.get(`${W}/get-status?path=/Imports/nb`)).json;
    expect(after.object_id).toBe(before.object_id);
    expect(after.modified_at).toBeGreaterThan(before.modified_at);
    const exported = unb64((await suite.api.get(`${W}/export?path=/Imports/nb`)).json.content).toString();
    expect(exported).toBe("# Databricks notebook source\nprint(2)");
  });

  it("imports with AUTO: SOURCE-headed files become notebooks without their extension, others files", async () => {
    await suite.api.post(`${W}/import`, {
      path: "/Imports/job.sql",
      format: "AUTO",
      content: b64("-- Databricks notebook source\nSELECT 1"),
    });
    expect((await suite.api.get(`${W}/get-status?path=/Imports/job`)).json).toMatchObject({
      object_type: "NOTEBOOK",
      language: "SQL",
    });
    await suite.api.post(`${W}/import`, {
      path: "/Imports/data.csv",
      format: "AUTO",
      content: b64("a,b\n1,2\n"),
    });
    expect((await suite.api.get(`${W}/get-status?path=/Imports/data.csv`)).json).toMatchObject({
      object_type: "FILE",
      size: 8,
    });
    const parentMissing = await suite.api.post(`${W}/import`, {
      path: "/Nope/x.csv",
      format: "AUTO",
      content: b64("a"),
    });
    expect(parentMissing.status).toBe(404);
  });

  it("round-trips a directory DBC archive through import", async () => {
    const dbc = (await suite.api.get(`${W}/export?path=/Shared/etl&format=DBC`)).json.content;
    expect(
      (await suite.api.post(`${W}/import`, { path: "/Imports/etl-copy", format: "DBC", content: dbc }))
        .status,
    ).toBe(200);
    const list = (await suite.api.get(`${W}/list?path=/Imports/etl-copy`)).json.objects.map(
      (o: { path: string }) => o.path,
    );
    expect(list).toEqual(["/Imports/etl-copy/bronze_to_silver", "/Imports/etl-copy/silver_to_gold"]);
  });

  it("mkdirs creates parents; delete needs recursive for a non-empty folder", async () => {
    await suite.api.post(`${W}/mkdirs`, { path: "/A/B/C" });
    expect((await suite.api.get(`${W}/get-status?path=/A/B`)).json.object_type).toBe("DIRECTORY");
    const nonEmpty = await suite.api.post(`${W}/delete`, { path: "/A" });
    expect(nonEmpty.status).toBe(400);
    expect(nonEmpty.json.error_code).toBe("DIRECTORY_NOT_EMPTY");
    expect((await suite.api.post(`${W}/delete`, { path: "/A", recursive: true })).status).toBe(200);
    expect((await suite.api.get(`${W}/get-status?path=/A/B/C`)).status).toBe(404);
    const onFile = await suite.api.post(`${W}/mkdirs`, { path: "/Imports/nb/sub" });
    expect(onFile.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
  });
});

describe("repos", () => {
  it("lists with path_prefix and next_page_token, and creates/updates/deletes", async () => {
    for (let i = 0; i < 25; i++)
      expect(
        (
          await suite.api.post("/api/2.0/repos", {
            url: `https://github.com/o/r${i}.git`,
            provider: "gitHub",
            path: `/Repos/team/r${i}`,
          })
        ).status,
      ).toBe(200);
    const p1 = await suite.api.get("/api/2.0/repos?path_prefix=/Repos/team");
    expect(p1.json.repos).toHaveLength(20);
    const p2 = await suite.api.get(
      `/api/2.0/repos?path_prefix=/Repos/team&next_page_token=${p1.json.next_page_token}`,
    );
    expect(p2.json.repos).toHaveLength(5);
    expect(p2.json.next_page_token).toBeUndefined();
    const id = p2.json.repos[0].id;
    await suite.api.patch(`/api/2.0/repos/${id}`, { branch: "dev" });
    expect((await suite.api.get(`/api/2.0/repos/${id}`)).json.branch).toBe("dev");
    expect((await suite.api.get(`${W}/get-status?path=${q(p2.json.repos[0].path)}`)).json.object_type).toBe(
      "REPO",
    );
    await suite.api.del(`/api/2.0/repos/${id}`);
    expect((await suite.api.get(`/api/2.0/repos/${id}`)).status).toBe(404);
  });
});

describe("workspace quirks", () => {
  it("lists LIBRARY objects but refuses to export them", async () => {
    const libs = (await suite.api.get(`${W}/list?path=/Shared/libs`)).json.objects;
    expect(libs.map((o: { object_type: string }) => o.object_type).sort()).toEqual(["FILE", "LIBRARY"]);
    const r = await suite.api.get(`${W}/export?path=/Shared/libs/legacy-udfs`);
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("filters notebooks by notebooks_modified_after, keeping folders and files", async () => {
    const all = (await suite.api.get(`${W}/list?path=/Shared/etl`)).json.objects;
    const nb = all.find((o: { path: string }) => o.path === "/Shared/etl/silver_to_gold");
    const some = (
      await suite.api.get(`${W}/list?path=/Shared/etl&notebooks_modified_after=${nb.modified_at - 1}`)
    ).json.objects;
    const paths = some.map((o: { path: string }) => o.path);
    expect(paths).toContain("/Shared/etl/silver_to_gold");
    expect(paths).not.toContain("/Shared/etl/bronze_to_silver");
    expect(paths).toContain("/Shared/etl/config.yaml");
  });
});
