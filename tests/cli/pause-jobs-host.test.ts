import * as path from "node:path";
import { DatabricksClient } from "../../client";
import { startEmulator } from "../../emulator";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { ROOT, run } from "./helpers";
import { pauseJobs } from "../../cli/commands/pause-jobs";
import { json, scriptedServer } from "../client/server";

const client = (host: string) =>
  new DatabricksClient({
    host,
    auth: { token: "not-a-real-token-0" },
    limits: false,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });

describe("pause-jobs proves it talks to a workspace before it pauses anything", () => {
  it("refuses a server that answers every call with an empty JSON object (it would read as 'no jobs')", async () => {
    const server = await scriptedServer((_req, res) => json(res, 200, {}));
    try {
      const err = await pauseJobs(client(server.url)).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/is not a Databricks workspace/);
      expect(server.seen.some((s) => /jobs\/(list|update)/.test(s.url.pathname))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("refuses an HTML page (a proxy or a sign-in page) in one line", async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html><body>Sign in</body></html>");
    });
    try {
      const err = await pauseJobs(client(server.url)).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/is not a Databricks workspace/);
      expect((err as Error).message).not.toContain("\n");
    } finally {
      await server.close();
    }
  });
});

describe("pause-jobs --resume-from an unusable snapshot, through the CLI", () => {
  const h = useEmulator(() => startEmulator({ workspace: "sample" }));

  it("exits 2 with one line naming the snapshot and changes no job", async () => {
    const before = JSON.stringify([...h.emu.state.jobs.values()].map((j) => j.settings));
    const r = await run(
      process.execPath,
      [path.join(ROOT, "bin", "databricks-dr.js"), "pause-jobs", "--resume-from", "/nonexistent/snapshot"],
      { cwd: ROOT, env: { ...process.env, DATABRICKS_HOST: h.emu.url, DATABRICKS_TOKEN: h.emu.token } },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--resume-from \/nonexistent\/snapshot: .*not a snapshot directory/);
    expect(JSON.stringify([...h.emu.state.jobs.values()].map((j) => j.settings))).toBe(before);
  });
});
