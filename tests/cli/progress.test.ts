import * as path from "node:path";
import { getEventListeners } from "node:events";
import { DatabricksClient } from "../../client";
import { onAbort } from "../../client/abort";
import { startEmulator } from "../../emulator";
import { HEARTBEAT_SECONDS, progressLines } from "../../exporters/report";
import { KINDS } from "../../kinds/registry";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { cleanEnv, ROOT, run, tmpDir } from "./helpers";

// Child processes of the CLI: slow on a loaded machine, never timed.
jest.setTimeout(180_000);

const BIN = path.join(ROOT, "bin", "databricks-dr.js");
const TOKEN = "progress-test-token";
const TITLES = Object.values(KINDS).map((k) => k.title);

describe("export output off a terminal (a CI log), through the CLI", () => {
  // Latency keeps the export running long enough for several heartbeats at a 0.05 s interval.
  const h = useEmulator(() => startEmulator({ workspace: "sample", token: TOKEN, latencyMs: 40 }));
  const env = () => cleanEnv({ DATABRICKS_HOST: h.emu.url, DATABRICKS_TOKEN: TOKEN });
  const exportTo = (out: string, ...more: string[]) =>
    run(process.execPath, [BIN, "export", "--out", out, ...more], { cwd: ROOT, env: env() });

  it("a normal export prints nothing on stderr (no MaxListenersExceededWarning), first and incremental", async () => {
    const out = path.join(tmpDir("quiet-"), "snap");
    for (const pass of ["full", "incremental"]) {
      const r = await exportTo(out);
      expect({ pass, code: r.code, stderr: r.stderr }).toEqual({ pass, code: 0, stderr: "" });
      expect(r.stdout).toMatch(/^snapshot .* from /m);
    }
  });

  it("a line per kind when it starts and ends, and heartbeats with counts and rate", async () => {
    const out = path.join(tmpDir("lines-"), "snap");
    const r = await exportTo(out, "--progress-interval", "0.05");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    for (const title of TITLES) {
      const start = lines.indexOf(`${title}: started`);
      const end = lines.findIndex((l) => l.startsWith(`${title}: done, `));
      expect({ title, start: start >= 0, end: end > start }).toEqual({ title, start: true, end: true });
    }
    const beats = lines.filter((l) => l.startsWith("progress: "));
    expect(beats.length).toBeGreaterThanOrEqual(2);
    for (const b of beats)
      expect(b).toMatch(/^progress: \d+\/\d+ objects read, \d+\.\d\/s, \d+ requests, \d+\.\d s/);
    const last = /^progress: (\d+)\/(\d+)/.exec(beats[beats.length - 1])!;
    expect(Number(last[1])).toBeLessThanOrEqual(Number(last[2]));
  });

  it("on a terminal: bars, not lines", async () => {
    // util-linux `script` gives the CLI a pseudo-terminal; without it there is no terminal to test on.
    const probe = await run("script", ["--version"], { cwd: ROOT, env: env() }).catch(() => undefined);
    if (probe?.code !== 0) return console.warn("skipped: util-linux script(1) is not installed");
    const out = path.join(tmpDir("tty-"), "snap");
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} export --out ${JSON.stringify(out)}`;
    const r = await run("script", ["-qefc", cmd, "/dev/null"], { cwd: ROOT, env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ jobs +\|[\u2588\u2591]+\| \d+\/\d+/);
    expect(r.stdout).not.toMatch(/^jobs: started/m);
    expect(r.stdout).not.toMatch(/^progress: /m);
  });

  it("--json: stdout is the JSON alone, the progress lines go to stderr and are nothing else", async () => {
    const out = path.join(tmpDir("json-"), "snap");
    const r = await exportTo(out, "--json", "--progress-interval", "0.05");
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    for (const l of r.stderr.trimEnd().split("\n"))
      // A kind's title may hold parentheses and slashes ("SQL dashboards (legacy)", "AI/BI dashboards").
      expect(l).toMatch(/^(progress: |[a-zA-Z][a-zA-Z ()/]*: (started|done, \d+ objects|not available))/);
  });
});

describe("progressLines", () => {
  afterEach(() => jest.useRealTimers());

  it("heartbeats at least every 15 s by default", () => {
    expect(HEARTBEAT_SECONDS).toBeGreaterThan(0);
    expect(HEARTBEAT_SECONDS).toBeLessThanOrEqual(15);
  });

  it("heartbeats every interval with the counts so far and the rate since the previous one", () => {
    jest.useFakeTimers();
    let t = 0;
    const out: string[] = [];
    const p = progressLines({ write: (l) => out.push(l), intervalMs: 15_000, now: () => t });
    p.onProgress({ kind: "job", state: "listing", done: 0, total: 0 });
    p.onProgress({ kind: "job", state: "reading", done: 300, total: 1000 });
    t = 15_000;
    jest.advanceTimersByTime(15_000);
    p.onProgress({ kind: "job", state: "reading", done: 450, total: 1000 });
    t = 30_000;
    jest.advanceTimersByTime(15_000);
    p.onProgress({ kind: "job", state: "done", done: 1000, total: 1000 });
    p.stop();
    jest.advanceTimersByTime(60_000);
    expect(out).toEqual([
      "jobs: started",
      "progress: 300/1000 objects read, 20.0/s, 15.0 s; in progress: jobs 300/1000",
      "progress: 450/1000 objects read, 10.0/s, 30.0 s; in progress: jobs 450/1000",
      "jobs: done, 1000 objects in 30.0 s",
    ]);
  });
});

describe("one abort listener per signal, however many requests wait on it", () => {
  const h = useEmulator(() => startEmulator({ workspace: "sample", token: TOKEN, latencyMs: 50 }));

  it("onAbort: one listener for many waits, unsubscribed waits not called, late waits called at once", () => {
    const c = new AbortController();
    const called: number[] = [];
    const offs = Array.from({ length: 50 }, (_, i) => onAbort(c.signal, () => called.push(i)));
    expect(getEventListeners(c.signal, "abort")).toHaveLength(1);
    offs.slice(0, 25).forEach((off) => off());
    c.abort();
    expect(called).toEqual(Array.from({ length: 25 }, (_, i) => i + 25));
    onAbort(c.signal, () => called.push(-1));
    expect(called[called.length - 1]).toBe(-1);
  });

  it("200 concurrent requests on one signal: no MaxListenersExceededWarning, at most one listener", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    const stop = new AbortController();
    const client = new DatabricksClient({
      host: h.emu.url,
      auth: { token: TOKEN },
      limits: false,
      maxConcurrent: 64, // the rest wait in the pacer's queue, on the same signal
      signal: stop.signal,
    });
    let most = 0;
    const probe = setInterval(
      () => (most = Math.max(most, getEventListeners(stop.signal, "abort").length)),
      5,
    );
    try {
      await Promise.all(Array.from({ length: 200 }, () => client.request("GET", "/api/2.1/jobs/list")));
    } finally {
      clearInterval(probe);
      client.close();
      process.off("warning", onWarning);
    }
    await new Promise((r) => setImmediate(r));
    expect(warnings).toEqual([]);
    expect(most).toBeLessThanOrEqual(1);
  });
});
