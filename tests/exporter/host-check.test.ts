import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DatabricksClient } from "../../client";
import { resolveAuth } from "../../client/auth";
import { normalizeHost } from "../../client/host";
import { runExport } from "../../exporters/run";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { json, scriptedServer } from "../client/server";
import { clientFor, emulator, EXPORTED_AT, exportOnce, manifest, readTree, tmpDir, TOKEN } from "./helpers";

/** A client as the CLI builds one: the host through resolveAuth (where --host enters), short backoff. */
function cliClient(host: string): DatabricksClient {
  const auth = resolveAuth({ host, env: { DATABRICKS_TOKEN: TOKEN } });
  return new DatabricksClient({
    host: auth.host,
    auth: auth.auth,
    limits: false,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
}

const total = (dir: string) =>
  Object.values(manifest(dir).counts as Record<string, number>).reduce((a, b) => a + b, 0);

describe("normalizeHost", () => {
  it("keeps scheme and host only, and says what it dropped", () => {
    expect(normalizeHost("https://adb-1.1.azuredatabricks.net/?o=1")).toEqual({
      host: "https://adb-1.1.azuredatabricks.net",
      note: expect.stringContaining('dropped "?o=1"'),
    });
    expect(normalizeHost("adb-1.1.azuredatabricks.net/browse/folders/2#x").host).toBe(
      "https://adb-1.1.azuredatabricks.net",
    );
    expect(normalizeHost("HTTP://127.0.0.1:8080/")).toEqual({ host: "http://127.0.0.1:8080" });
    expect(normalizeHost("https://adb-1.1.azuredatabricks.net")).toEqual({
      host: "https://adb-1.1.azuredatabricks.net",
    });
  });

  it("refuses credentials in the URL without repeating them", () => {
    const secret = "dapi" + "f".repeat(32);
    for (const h of [`https://token:${secret}@adb-1.azuredatabricks.net`, `user:${secret}@adb-1.x`]) {
      let message = "";
      try {
        normalizeHost(h);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/credentials in the URL .* are refused/);
      expect(message).not.toContain(secret);
    }
    expect(() => resolveAuth({ host: `https://u:${secret}@h.example`, env: {} })).toThrow(/refused/);
  });
});

describe("export checks it talks to a workspace", () => {
  const ctx = useEmulator(() => emulator());

  /** A good snapshot at `out` (every object of the sample seed: its count is `good`), to watch it survive. */
  let good = 0;
  async function goodSnapshot(): Promise<string> {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(ctx.emu, out);
    good = total(out);
    expect(good).toBeGreaterThan(0);
    return out;
  }

  it("a browser URL (?o=<id>) or a path exports the workspace, not an empty snapshot", async () => {
    const out = await goodSnapshot();
    for (const suffix of ["/?o=1234567890", "/browse/folders/1?o=1#x"]) {
      const s = await runExport({ client: cliClient(ctx.emu.url + suffix), out, exportedAt: EXPORTED_AT });
      expect(s.host).toBe(ctx.emu.url);
      expect(total(out)).toBe(good);
      expect(s.skipped.filter((k) => k.id === "*")).toEqual([]);
    }
  });

  it("a client whose host carries a path is refused before anything is read", async () => {
    const out = await goodSnapshot();
    const before = readTree(out);
    ctx.emu.resetStats();
    const client = clientFor(ctx.emu, { host: `${ctx.emu.url}/some/path` });
    await expect(runExport({ client, out })).rejects.toThrow(/scheme and host only/);
    expect(ctx.emu.stats().total).toBe(0);
    expect(readTree(out)).toEqual(before);
  });

  it("ENDPOINT_NOT_FOUND on a family every workspace has fails the export; the snapshot stays", async () => {
    const out = await goodSnapshot();
    const before = readTree(out);
    const emu = await emulator({
      middlewares: [
        async (c, next) =>
          c.path === "/api/2.1/clusters/list"
            ? { status: 404, body: { error_code: "ENDPOINT_NOT_FOUND", message: "No API found" } }
            : next(),
      ],
    });
    try {
      await expect(runExport({ client: clientFor(emu), out })).rejects.toThrow(
        /cluster: listing failed: ENDPOINT_NOT_FOUND/,
      );
    } finally {
      await emu.close();
    }
    expect(readTree(out)).toEqual(before);
  });

  it("Me refused in SCIM's own error shape: the root folder proves the workspace; HTML there does not", async () => {
    const scim404 = {
      status: 404,
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        detail: "User not found.",
        status: "404",
      },
    };
    const emu = await emulator({
      middlewares: [async (c, next) => (c.path.endsWith("/scim/v2/Me") ? scim404 : next())],
    });
    try {
      const s = await runExport({
        client: clientFor(emu),
        out: path.join(tmpDir(), "snap"),
        filters: { includeKinds: ["job"] },
      });
      expect(s.counts.job).toBeGreaterThan(0);
      emu.use(async (c, next) =>
        c.path === "/api/2.0/workspace/get-status"
          ? { status: 200, raw: "<html></html>", contentType: "text/html" }
          : next(),
      );
      await expect(runExport({ client: clientFor(emu), out: path.join(tmpDir(), "snap") })).rejects.toThrow(
        /is not a Databricks workspace API .*get-status: a body that is not JSON/,
      );
    } finally {
      await emu.close();
    }
  });

  it("a feature the workspace lacks (PERMISSION_DENIED on SQL) is still left out as unavailable", async () => {
    const emu = await emulator({
      middlewares: [
        async (c, next) =>
          c.path.startsWith("/api/2.0/sql/")
            ? { status: 403, body: { error_code: "PERMISSION_DENIED", message: "SQL is not enabled" } }
            : next(),
      ],
    });
    try {
      const s = await runExport({
        client: clientFor(emu),
        out: path.join(tmpDir(), "snap"),
        filters: { includeKinds: ["sql-warehouse", "job"] },
      });
      expect(s.kinds.find((k) => k.kind === "sql-warehouse")?.unavailable).toBe(true);
      expect(s.counts.job).toBeGreaterThan(0);
    } finally {
      await emu.close();
    }
  });
});

describe("export refuses what is not a workspace", () => {
  const cases: [string, (url: URL, res: import("node:http").ServerResponse) => void, RegExp][] = [
    [
      "a web server answering HTML",
      (_u, res) => {
        res.writeHead(200, { "Content-Type": "text/html" });
        res.end("<html><body>Welcome to nginx!</body></html>");
      },
      /is not a Databricks workspace API \(.*not JSON\)/,
    ],
    [
      "a web server answering 404 pages",
      (_u, res) => {
        res.writeHead(404, { "Content-Type": "text/html" });
        res.end("<html>Not Found</html>");
      },
      /is not a Databricks workspace API \(.*HTTP 404, not a Databricks API answer/,
    ],
    [
      "a JSON API of another shape",
      (_u, res) => json(res, 200, { ok: true, items: [] }),
      /is not a Databricks workspace API \(.*not a SCIM principal/,
    ],
    [
      "a JSON API answering ENDPOINT_NOT_FOUND everywhere",
      (u, res) =>
        json(res, 404, { error_code: "ENDPOINT_NOT_FOUND", message: `No API found for ${u.pathname}` }),
      /is not a Databricks workspace API \(.*ENDPOINT_NOT_FOUND/,
    ],
  ];

  it.each(cases)("%s: refused with one line, the old snapshot untouched", async (_name, answer, message) => {
    const emu = await emulator();
    const out = path.join(tmpDir(), "snap");
    try {
      await exportOnce(emu, out);
    } finally {
      await emu.close();
    }
    const before = readTree(out);
    const server = await scriptedServer((req, res) => answer(req.url, res));
    try {
      const err = await runExport({ client: cliClient(server.url), out }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain("\n");
      // Nothing but the proof was asked for.
      expect(server.seen.every((s) => /scim\/v2\/Me|workspace\/get-status/.test(s.url.pathname))).toBe(true);
    } finally {
      await server.close();
    }
    expect(readTree(out)).toEqual(before);
  });
});

describe("databricks-dr export with credentials in --host", () => {
  const ctx = useEmulator(() => emulator());

  it("refuses with one line that never shows them, and writes nothing", async () => {
    const out = path.join(tmpDir(), "snap");
    const host = ctx.emu.url.replace("http://", `http://token:${TOKEN}@`);
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--require", "tsx/cjs", "cli/main.ts", "export", "--host", host, "--out", out, "--json"],
        {
          cwd: path.resolve(__dirname, "../.."),
          env: { ...process.env, HOME: tmpDir("home-"), DATABRICKS_TOKEN: TOKEN },
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^databricks-dr: host: credentials in the URL .* are refused/),
    ]);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(fs.existsSync(out)).toBe(false);
    expect(ctx.emu.stats().total).toBe(0);
  }, 30_000);
});
