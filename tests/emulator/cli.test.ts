import { spawn } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseLatency } from "../../cli/commands/emulator";

describe("databricks-dr emulator", () => {
  it("parses --latency as MS or MIN-MAX", () => {
    expect(parseLatency("30")).toEqual({ latencyMs: 30, latencyJitterMs: 0 });
    expect(parseLatency("20-50")).toEqual({ latencyMs: 20, latencyJitterMs: 30 });
    expect(() => parseLatency("fast")).toThrow();
  });

  it("prints the URL it listens on, serves the workspace and stops on SIGINT", async () => {
    const bin = join(__dirname, "..", "..", "bin", "databricks-dr.js");
    const child = spawn(
      process.execPath,
      [bin, "emulator", "--port", "0", "--workspace", "empty", "--latency", "0", "--token", "dapi-cli-test"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toMatch(/^Databricks workspace emulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(out).toMatch(/^token: dapi-cli-test /m);
    expect((await fetch(`${url}/api/2.0/preview/scim/v2/Me`)).status).toBe(401);
    const r = await fetch(`${url}/api/2.0/preview/scim/v2/Me`, {
      headers: { Authorization: "Bearer dapi-cli-test" },
    });
    expect(((await r.json()) as { userName: string }).userName).toBe("admin@example.com");
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (c) => resolve(c));
      child.kill("SIGINT");
    });
    expect(code).toBe(0);
    expect(out).toMatch(/emulator stopped: \d+ requests served/);
  });

  it("prints a fresh token by default, and serves anyone with --no-auth", async () => {
    const bin = join(__dirname, "..", "..", "bin", "databricks-dr.js");
    const run = async (extra: string[]) => {
      const child = spawn(
        process.execPath,
        [bin, "emulator", "--port", "0", "--workspace", "empty", "--latency", "0", ...extra],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const status = (await fetch(`${url}/api/2.0/preview/scim/v2/Me`)).status;
      await new Promise((resolve) => {
        child.on("exit", resolve);
        child.kill("SIGINT");
      });
      return { out, status };
    };
    const dflt = await run([]);
    expect(dflt.out).toMatch(/^token: dapi[0-9a-f]{32} /m);
    expect(dflt.status).toBe(401);
    const open = await run(["--no-auth", "--limit-scale", "0.5"]);
    expect(open.out).toMatch(/authentication off/);
    expect(open.status).toBe(200);
  });

  it("a port in use or out of range: one line naming the port, no errno text, exit 1", async () => {
    const bin = join(__dirname, "..", "..", "bin", "databricks-dr.js");
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, "emulator", "--latency", "0", ...args], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        let err = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => resolve({ code, err }));
      });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const inUse = await run(["--port", String(port)]);
      expect(inUse.code).toBe(1);
      expect(inUse.err).toMatch(new RegExp(`^databricks-dr: .*port ${port}.* in use.*\\n$`));
      expect(inUse.err).not.toMatch(/EADDRINUSE|\n\s+at /);
    } finally {
      busy.close();
    }
    const tooBig = await run(["--port", "99999"]);
    expect(tooBig.code).not.toBe(0);
    expect(tooBig.err).toMatch(/--port/);
    expect(tooBig.err).not.toMatch(/options\.port|Received type/);
  });
});
