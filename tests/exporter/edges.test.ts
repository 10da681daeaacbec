import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { readSnapshot } from "../../snapshot/reader";
import { clientFor, descriptors, emulator, exportOnce, manifest, readTree, tmpDir } from "./helpers";
import { runExport } from "../../exporters/run";
import { DatabricksClient } from "../../client";

type Obj = Record<string, unknown>;

async function post(emu: RunningEmulator, p: string, body: Obj): Promise<Obj> {
  return clientFor(emu).post<Obj>(p, body);
}

function notebook(emu: RunningEmulator, p: string, content: string | Buffer, language = "PYTHON") {
  const { state } = emu;
  state.tree.put({
    path: p,
    object_type: "NOTEBOOK",
    object_id: state.objectId(),
    language: language as "PYTHON",
    content: Buffer.isBuffer(content) ? content : Buffer.from(content),
  });
}

describe("pagination edges", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator({ workspace: "empty" });
  });
  afterAll(() => emu.close());

  it("exports exactly 100 jobs, a job with 101 tasks, and users beyond one SCIM page", async () => {
    for (let i = 0; i < 99; i++) await post(emu, "/api/2.1/jobs/create", { name: `job-${i}` });
    const tasks = Array.from({ length: 101 }, (_, i) => ({
      task_key: `t${String(i).padStart(3, "0")}`,
      notebook_task: { notebook_path: "/Shared/nb" },
    }));
    const big = await post(emu, "/api/2.1/jobs/create", { name: "big", tasks });
    for (let i = 0; i < 230; i++)
      await post(emu, "/api/2.0/preview/scim/v2/Users", {
        userName: `user${String(i).padStart(3, "0")}@example.com`,
      });
    emu.resetStats();
    const out = path.join(tmpDir(), "snap");
    const s = await exportOnce(emu, out, { filters: { includeKinds: ["job", "user"] } });
    expect(s.counts.job).toBe(100);
    const bigJob = descriptors(out, "job").find((j) => j.id === String(big.job_id));
    expect(bigJob.settings.tasks.map((t: Obj) => t.task_key)).toEqual(tasks.map((t) => t.task_key));
    expect(s.counts.user).toBe(emu.state.users.size);
    expect(emu.state.users.size).toBeGreaterThanOrEqual(230);
    const served = emu.stats().byEndpoint;
    const key = (suffix: string) => Object.keys(served).find((k) => k.endsWith(suffix))!;
    expect(served[key("/api/2.1/jobs/list")]).toBe(1);
    expect(served[key("/api/2.0/preview/scim/v2/Users")]).toBeGreaterThanOrEqual(3);
    expect(s.skipped).toEqual([]);
  });
});

describe("failures that must not stop the run", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await emulator({ workspace: "empty" });
  });
  afterEach(() => emu.close());

  it("skips a notebook over 10 MB with MAX_NOTEBOOK_SIZE_EXCEEDED and exports the rest", async () => {
    emu.state.tree.put({ path: "/Shared", object_type: "DIRECTORY", object_id: emu.state.objectId() });
    notebook(emu, "/Shared/small", "# Databricks notebook source\nprint(1)\n");
    notebook(emu, "/Shared/huge", Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    const out = path.join(tmpDir(), "snap");
    const s = await exportOnce(emu, out, { filters: { includeKinds: ["notebook", "directory"] } });
    expect(s.counts.notebook).toBe(1);
    expect(s.skipped).toEqual([
      { kind: "notebook", id: "/Shared/huge", reason: expect.stringMatching(/MAX_NOTEBOOK_SIZE_EXCEEDED/) },
    ]);
    expect(fs.readFileSync(path.join(out, "content/workspace/Shared/small.py"), "utf8")).toContain(
      "print(1)",
    );
  });

  it("records an object deleted during the export as skipped", async () => {
    for (const name of ["a", "b", "c"]) await post(emu, "/api/2.1/jobs/create", { name });
    const victim = [...emu.state.jobs.keys()][1];
    emu.use(async (ctx, next) => {
      if (ctx.path === "/api/2.2/jobs/get" && ctx.query.get("job_id") === String(victim))
        emu.state.jobs.delete(victim);
      return next();
    });
    const out = path.join(tmpDir(), "snap");
    const s = await exportOnce(emu, out, { filters: { includeKinds: ["job"] } });
    expect(s.counts.job).toBe(2);
    expect(s.skipped).toEqual([
      { kind: "job", id: String(victim), reason: expect.stringMatching(/does not exist/) },
    ]);
  });
});

describe("unsafe names", () => {
  it("never writes outside the snapshot: unrepresentable names skipped, odd ones mapped", async () => {
    const emu = await emulator({ workspace: "empty" });
    const { state } = emu;
    state.tree.put({ path: "/Shared", object_type: "DIRECTORY", object_id: state.objectId() });
    notebook(emu, "/Shared/..", "# Databricks notebook source\nprint('dotdot')\n");
    notebook(emu, "/Shared/a\u0000b", "# Databricks notebook source\nprint('nul')\n");
    notebook(emu, "/Shared/line\nbreak", "# Databricks notebook source\nprint('ctl')\n");
    notebook(emu, "/Shared/CON", "# Databricks notebook source\nprint('con')\n");
    notebook(emu, "/Shared/a:b*c", "# Databricks notebook source\nprint('colon')\n");
    notebook(emu, "/Shared/Case", "# Databricks notebook source\nprint('upper')\n");
    notebook(emu, "/Shared/case", "# Databricks notebook source\nprint('lower')\n");
    const parent = tmpDir();
    const out = path.join(parent, "snap");
    const s = await exportOnce(emu, out, { filters: { includeKinds: ["notebook"] } });
    await emu.close();
    expect(fs.readdirSync(parent)).toEqual(["snap"]);
    expect(s.skipped.map((k) => k.reason)).toEqual([
      expect.stringMatching(/unsafe name: name is '\.' or '\.\.'/),
      expect.stringMatching(/unsafe name: name contains NUL or control characters/),
      expect.stringMatching(/unsafe name: name contains NUL or control characters/),
    ]);
    const files = descriptors(out, "notebook").map((d) => d.content.file);
    expect(files).toHaveLength(4);
    expect(files).toContain("content/workspace/Shared/%43ON.py");
    expect(files).toContain("content/workspace/Shared/a%3Ab%2Ac.py");
    expect(new Set(files.map((f: string) => f.toLowerCase())).size).toBe(4);
    for (const f of readTree(out).keys())
      expect(f).toMatch(/^(manifest\.json|state\/index\.json|descriptors\/|content\/workspace\/Shared\/)/);
    expect(() => readSnapshot(out)).not.toThrow();
  });
});

describe("throttling", () => {
  it.each([
    ["with", 1],
    ["without", 0],
  ])("retries 429s %s Retry-After and loses nothing", async (_label, ratio) => {
    const emu = await emulator({
      workspace: "empty",
      rateLimits: { "permissions-get": 4 },
      retryAfterRatio: ratio,
    });
    for (let i = 0; i < 6; i++) await post(emu, "/api/2.1/jobs/create", { name: `j${i}` });
    for (const id of emu.state.jobs.keys())
      emu.state.acls.set(`jobs/${id}`, [{ group_name: "users", permission_level: "CAN_VIEW" }]);
    const client = clientFor(emu, { retry: { baseDelayMs: 100, maxDelayMs: 400 } });
    const s = await runExport({
      client,
      out: path.join(tmpDir(), "snap"),
      filters: { includeKinds: ["job", "permissions"] },
    });
    await emu.close();
    expect(emu.stats().throttled).toBeGreaterThan(0);
    expect(client.stats().throttled).toBe(emu.stats().throttled);
    expect(s.skipped.filter((k) => !k.id.startsWith("authorization/"))).toEqual([]);
    expect(descriptors(s.out, "permissions").filter((p) => p.objectType === "jobs")).toHaveLength(6);
  });
});

describe("snapshot replacement", () => {
  it("a failed run leaves the previous snapshot whole and no temporary directory behind", async () => {
    const emu = await emulator({ workspace: "empty" });
    await post(emu, "/api/2.1/jobs/create", { name: "kept" });
    const parent = tmpDir();
    const out = path.join(parent, "snap");
    await exportOnce(emu, out);
    const before = readTree(out);
    await post(emu, "/api/2.1/jobs/create", { name: "new" });
    emu.use(async (ctx, next) =>
      ctx.path.endsWith("/scim/v2/Groups")
        ? { status: 500, body: { error_code: "INTERNAL_ERROR", message: "boom" } }
        : next(),
    );
    const client = clientFor(emu, { maxRetries: 1 });
    await expect(runExport({ client, out })).rejects.toThrow(/group: listing failed: INTERNAL_ERROR/);
    await emu.close();
    expect(readTree(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(["snap"]);
  });

  it("a wrong token fails the run before anything is written, instead of exporting nothing", async () => {
    const emu = await emulator({ workspace: "empty" });
    const parent = tmpDir();
    const out = path.join(parent, "snap");
    await exportOnce(emu, out);
    const before = readTree(out);
    const client = new DatabricksClient({
      host: emu.url,
      auth: { token: "dapi-wrong-token-000000" },
      limits: false,
    });
    await expect(runExport({ client, out })).rejects.toThrow(
      /cannot authenticate to http:\/\/127\.0\.0\.1:\d+: .*\(40[13]\)/,
    );
    await emu.close();
    expect(readTree(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(["snap"]);
  });

  it("refuses to replace a directory that is not a snapshot", async () => {
    const emu = await emulator({ workspace: "empty" });
    const out = tmpDir();
    fs.writeFileSync(path.join(out, "precious.txt"), "keep me");
    await expect(exportOnce(emu, out)).rejects.toThrow(/refusing to replace/);
    await emu.close();
    expect(fs.readFileSync(path.join(out, "precious.txt"), "utf8")).toBe("keep me");
  });
});

describe("corrupt snapshots", () => {
  it("are rejected naming the file and the field", async () => {
    const emu = await emulator({ workspace: "empty" });
    await post(emu, "/api/2.1/jobs/create", {
      name: "x",
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
    });
    const out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
    await emu.close();
    expect(() => readSnapshot(out)).not.toThrow();
    const file = path.join(out, "descriptors", "job.json");
    const body = JSON.parse(fs.readFileSync(file, "utf8"));
    body.items[0].originalPause.schedule = "SOMETIMES";
    const text = JSON.stringify(body);
    fs.writeFileSync(file, text);
    // Edited by hand: the manifest's hash no longer matches.
    expect(() => readSnapshot(out)).toThrow(/descriptors\/job\.json: content does not match the sha256/);
    // Even with the hash fixed up, the bad field is named.
    const m = manifest(out);
    m.files["descriptors/job.json"] = {
      sha256: createHash("sha256").update(text).digest("hex"),
      size: Buffer.byteLength(text),
    };
    fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify(m));
    expect(() => readSnapshot(out)).toThrow(
      /descriptors\/job\.json, object "\d+", field originalPause\.schedule/,
    );
  });
});
