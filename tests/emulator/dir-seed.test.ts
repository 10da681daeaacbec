import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningEmulator } from "../../emulator";
import {
  SHARED_FIXTURES_DIR,
  UNMAPPED_FIXTURES,
  writeSharedFixtures,
} from "../../emulator/seeds/shared-fixtures";
import { readdirSync } from "node:fs";
import { client, start } from "./helpers";
import { mkdirSync, writeFileSync } from "node:fs";

let dir: string;
let emu: RunningEmulator;
let api: ReturnType<typeof client>;
let mappings: ReturnType<typeof writeSharedFixtures>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "emulator-dir-"));
  mappings = writeSharedFixtures(dir);
  mkdirSync(join(dir, "workspace", "Production"), { recursive: true });
  writeFileSync(
    join(dir, "workspace", "Production", "MakeFeatures.py"),
    "# Databricks notebook source\nprint(1)\n",
  );
  writeFileSync(join(dir, "workspace", "Production", "notes.txt"), "plain file\n");
  emu = await start({ workspace: dir });
  api = client(emu);
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("DIR seeds from the shared fixtures", () => {
  it("the repository's copy is byte-identical to ../shared/fixtures/databricks-api, where that is present", () => {
    const shared = join(__dirname, "..", "..", "..", "shared", "fixtures", "databricks-api");
    if (!existsSync(shared)) return; // a clone without shared/ beside it tests the copy alone
    const names = readdirSync(shared).sort();
    expect(readdirSync(SHARED_FIXTURES_DIR).sort()).toEqual(names);
    for (const f of names)
      expect(readFileSync(join(SHARED_FIXTURES_DIR, f), "utf8")).toBe(readFileSync(join(shared, f), "utf8"));
  });

  it("maps every fixture except the documented unmapped ones", () => {
    const fixtures = readdirSync(SHARED_FIXTURES_DIR).filter((f) => f.endsWith(".json"));
    const mapped = new Set(mappings.map((m) => m.fixture));
    expect(fixtures.filter((f) => !mapped.has(f) && !UNMAPPED_FIXTURES.includes(f))).toEqual([]);
  });

  it("serves every fixture body unchanged from the matching GET", async () => {
    for (const m of mappings) {
      const r = await api.get(m.get);
      expect({ get: m.get, status: r.status }).toEqual({ get: m.get, status: 200 });
      const want = readFileSync(join(SHARED_FIXTURES_DIR, m.fixture), "utf8");
      expect({ get: m.get, body: r.json }).toEqual({ get: m.get, body: JSON.parse(want) });
    }
  });

  it("serves verbatim bodies byte for byte, big integers included", async () => {
    const r = await api.get("/api/2.1/clusters/get?cluster_id=test1");
    expect(r.text).toBe(readFileSync(join(SHARED_FIXTURES_DIR, "get-cluster-test1-response.json"), "utf8"));
    expect(r.text).toContain("5558306221970383000");
  });

  it("answers get for objects known only from a list body, and pages the verbatim jobs list", async () => {
    expect((await api.get("/api/2.1/jobs/get?job_id=17")).json.settings.name).toBe("SparkR Test");
    expect((await api.get("/api/2.1/clusters/get?cluster_id=23443")).json).toEqual({
      cluster_id: "23443",
      cluster_name: "terraform-abc",
    });
    const p1 = await api.get("/api/2.1/jobs/list?limit=3");
    expect(p1.json.jobs.map((j: { job_id: number }) => j.job_id)).toEqual([14, 12, 15]);
    const p2 = await api.get(`/api/2.1/jobs/list?limit=3&page_token=${p1.json.next_page_token}`);
    expect(p2.json.jobs.map((j: { job_id: number }) => j.job_id)).toEqual([15, 17]);
    expect(p2.json.has_more).toBe(false);
  });

  it("loads workspace sources as notebooks and files", async () => {
    const nb = (await api.get("/api/2.0/workspace/get-status?path=/Production/MakeFeatures")).json;
    expect(nb).toMatchObject({ object_type: "NOTEBOOK", language: "PYTHON" });
    const f = (await api.get("/api/2.0/workspace/get-status?path=/Production/notes.txt")).json;
    expect(f).toMatchObject({ object_type: "FILE", size: 11 });
  });

  it("stops serving the verbatim text once an object is written to", async () => {
    await api.post("/api/2.0/global-init-scripts", { name: "new", script: "ZWNobw==" });
    const list = (await api.get("/api/2.0/global-init-scripts")).json.scripts;
    expect(list.map((s: { name: string }) => s.name)).toEqual(["init_script1", "init_script2", "new"]);
    expect(list.every((s: object) => !("script" in s))).toBe(true);
    await api.post("/api/2.0/preview/scim/v2/Users", { userName: "test@test.com" });
    const put = await api.put("/api/2.0/permissions/jobs/14", {
      access_control_list: [{ user_name: "test@test.com", permission_level: "CAN_VIEW" }],
    });
    expect(put.status).toBe(200);
    const acl = put.json.access_control_list;
    expect(acl.find((a: { user_name?: string }) => a.user_name === "test@test.com").all_permissions).toEqual([
      { inherited: false, permission_level: "IS_OWNER" },
      { inherited: false, permission_level: "CAN_VIEW" },
    ]);
    expect(acl.find((a: { group_name?: string }) => a.group_name === "Automation")).toBeUndefined();
  });
});
