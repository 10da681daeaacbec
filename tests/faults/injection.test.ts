import { RunningEmulator } from "../../emulator";
import { emptyPlan, FaultKind, FaultMiddleware, planFromSeed } from "../../emulator/faults";
import { client, faultyEmulator, rawGet, TOKEN } from "./helpers";

const JOBS = "/api/2.1/jobs/list";

/** An emulator that injects one fault kind on every attempt (at most `max` times per request). */
async function only(kind: FaultKind, max = 1) {
  return faultyEmulator(emptyPlan(7, { rates: { [kind]: 1 }, maxFaultsPerRequest: max }));
}

describe("each fault kind is what it says on the wire", () => {
  let emu: RunningEmulator;
  let mw: FaultMiddleware;
  afterEach(() => emu.close().catch(() => undefined));

  it("429 with Retry-After, without it, and the message-only throttle", async () => {
    ({ emu, mw } = await only("throttle-retry-after"));
    let a = await rawGet(emu, JOBS);
    expect([a.status, a.headers?.["retry-after"], JSON.parse(a.body.toString()).error_code]).toEqual([
      429,
      "1",
      "REQUEST_LIMIT_EXCEEDED",
    ]);
    await emu.close();
    ({ emu, mw } = await only("throttle"));
    a = await rawGet(emu, JOBS);
    expect([a.status, a.headers?.["retry-after"], JSON.parse(a.body.toString()).error_code]).toEqual([
      429,
      undefined,
      "REQUEST_LIMIT_EXCEEDED",
    ]);
    await emu.close();
    ({ emu, mw } = await only("throttle-message"));
    a = await rawGet(emu, JOBS);
    expect([a.status, JSON.parse(a.body.toString())]).toEqual([
      429,
      { message: "RPC token bucket limit has been exceeded" },
    ]);
    expect(mw.journal.injected["throttle-message"]).toBe(1);
  });

  it("500, 503 TEMPORARILY_UNAVAILABLE, and a gateway page quoting the Authorization header", async () => {
    ({ emu, mw } = await only("error-500"));
    expect((await rawGet(emu, JOBS)).status).toBe(500);
    await emu.close();
    ({ emu, mw } = await only("error-503"));
    const a = await rawGet(emu, JOBS);
    expect([a.status, JSON.parse(a.body.toString()).error_code]).toEqual([503, "TEMPORARILY_UNAVAILABLE"]);
    await emu.close();
    ({ emu, mw } = await only("error-echo"));
    const b = await rawGet(emu, JOBS);
    expect(b.status).toBe(502);
    expect(b.body.toString()).toContain(`Bearer ${TOKEN}`);
  });

  it("a reset before the answer: no status line at all", async () => {
    ({ emu, mw } = await only("reset-before"));
    const a = await rawGet(emu, JOBS);
    expect(a.status).toBeUndefined();
    expect(a.error).toBe("ECONNRESET");
    expect(mw.journal.injected["reset-before"]).toBe(1);
  });

  it("a reset while answering: headers with the full Content-Length, part of the body, then a reset", async () => {
    ({ emu, mw } = await only("reset-during"));
    const a = await rawGet(emu, JOBS);
    expect(a.status).toBe(200);
    expect(a.body.length).toBeLessThan(Number(a.headers?.["content-length"]));
    expect(a.error).toBeDefined();
  });

  it("a truncated body: Content-Length larger than what is sent, then the socket ends", async () => {
    ({ emu, mw } = await only("truncated"));
    const a = await rawGet(emu, JOBS);
    const whole = await rawGet(emu, JOBS); // the second attempt gets through (one fault per request)
    expect(a.status).toBe(200);
    expect(Number(a.headers?.["content-length"])).toBe(whole.body.length);
    expect(a.body.length).toBeLessThan(whole.body.length);
    expect(a.error).toBeDefined();
    expect(whole.error).toBeUndefined();
    expect(JSON.parse(whole.body.toString()).jobs.length).toBeGreaterThan(0);
  });

  it("a slow answer arrives whole, late", async () => {
    ({ emu, mw } = await faultyEmulator(emptyPlan(7, { rates: { slow: 1 }, slowMs: [60, 60] })));
    const t0 = Date.now();
    const a = await rawGet(emu, JOBS);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    expect([a.status, a.error]).toEqual([200, undefined]);
  });

  it("faults on one request stop after maxFaultsPerRequest, so a retrying client gets through", async () => {
    ({ emu, mw } = await only("error-503", 3));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await rawGet(emu, JOBS)).status);
    expect(statuses).toEqual([503, 503, 503, 200, 200]);
    // Another request has its own budget.
    expect((await rawGet(emu, "/api/2.0/instance-pools/list")).status).toBe(503);
  });

  it("the real client retries through every kind and counts it", async () => {
    for (const kind of [
      "throttle-retry-after",
      "throttle-message",
      "reset-before",
      "reset-during",
      "truncated",
      "error-echo",
    ] as const) {
      ({ emu, mw } = await only(kind, 2));
      const logs: string[] = [];
      const c = client(emu, (l) => logs.push(l));
      const body = await c.get<{ jobs: unknown[] }>(JOBS);
      expect([kind, body.jobs.length > 0, c.stats().retries, mw.journal.injected[kind]]).toEqual([
        kind,
        true,
        2,
        2,
      ]);
      expect(logs.join("\n")).not.toContain(TOKEN);
      await emu.close();
    }
  });
});

describe("same seed, same faults", () => {
  it("draws each attempt's fault from (seed, request, attempt), whatever the order requests come in", async () => {
    const plan = {
      ...planFromSeed(11, { intensity: 3 }),
      mutations: [],
      persistent: [],
      oversizeNotebook: undefined,
    };
    const paths = [
      "/api/2.1/jobs/list",
      "/api/2.0/instance-pools/list",
      "/api/2.0/policies/clusters/list",
      "/api/2.1/clusters/list",
    ];
    const run = async (order: string[]) => {
      const { emu, mw } = await faultyEmulator(plan);
      for (let round = 0; round < 3; round++) for (const p of order) await rawGet(emu, p);
      await emu.close();
      return mw.journal.events.map((e) => `${e.kind} ${e.request}`).sort();
    };
    const a = await run(paths);
    const b = await run([...paths].reverse());
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(planFromSeed(11)).toEqual(planFromSeed(11));
    expect(planFromSeed(11)).not.toEqual(planFromSeed(12));
  });
});
