import { AdaptiveRate, Pacer } from "../../client/pacer";
import { simulate, SimOptions } from "./throttle-sim";

const A = { decrease: 0.8, increase: 0.02, floor: 0.05 };

describe("AdaptiveRate", () => {
  it("starts at the ceiling and cuts by the decrease factor on a throttle", () => {
    const r = new AdaptiveRate(100, A);
    expect(r.rate).toBe(100);
    expect(r.throttled(0, 10)).toBe(true);
    expect(r.rate).toBeCloseTo(80);
  });

  it("cuts once for the requests sent before the cut, again for one sent after it", () => {
    const r = new AdaptiveRate(100, A);
    r.throttled(0, 10);
    // Sent at 5 ms and 10 ms, before/at the cut at 10 ms: they answer for the old rate.
    expect(r.throttled(5, 20)).toBe(false);
    expect(r.throttled(10, 21)).toBe(false);
    expect(r.rate).toBeCloseTo(80);
    // Sent at 11 ms, after the cut: the new rate is still too high.
    expect(r.throttled(11, 40)).toBe(true);
    expect(r.rate).toBeCloseTo(64);
  });

  it("never goes below its floor", () => {
    const r = new AdaptiveRate(100, A);
    for (let t = 1; t < 100; t++) r.throttled(t * 2, t * 2 + 1);
    expect(r.rate).toBeCloseTo(5);
  });

  it("climbs back by increase × ceiling per second of answered requests, up to the ceiling", () => {
    const r = new AdaptiveRate(100, A);
    r.throttled(0, 1);
    r.throttled(2, 3); // 64/s
    // One second of requests at 64/s gains about 2/s (0.02 × 100).
    for (let i = 0; i < 64; i++) r.accepted();
    expect(r.rate).toBeGreaterThan(65.9);
    expect(r.rate).toBeLessThan(66.1);
    for (let i = 0; i < 10_000; i++) r.accepted();
    expect(r.rate).toBe(100);
  });

  it("a Retry-After holds the family until then (the longest one wins)", () => {
    const r = new AdaptiveRate(100, A);
    expect(r.heldUntil).toBe(-Infinity);
    r.throttled(0, 100, 1000);
    expect(r.heldUntil).toBe(1100);
    r.throttled(50, 200, 500);
    expect(r.heldUntil).toBe(1100);
    r.throttled(300, 400, 2000);
    expect(r.heldUntil).toBe(2400);
  });

  it("refuses a ceiling that is not a positive rate", () => {
    expect(() => new AdaptiveRate(0)).toThrow(/> 0/);
    expect(() => new AdaptiveRate(Infinity)).toThrow(/> 0/);
    expect(() => new AdaptiveRate(10, { ...A, decrease: 1.5 })).toThrow(/decrease/);
    expect(() => new AdaptiveRate(10, { ...A, floor: 0 })).toThrow(/floor/);
  });
});

describe("Pacer on a fake clock", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const startTimes = (p: Pacer, n: number) => {
    const starts: number[] = [];
    const done = Promise.all(
      Array.from({ length: n }, () =>
        p.schedule(async (t) => {
          starts.push(t);
        }),
      ),
    );
    return { starts, done };
  };

  it("after a cut, spaces requests at the lower rate", async () => {
    const control = new AdaptiveRate(10, A);
    const p = new Pacer(control, 0, 64, () => Date.now());
    control.throttled(Date.now() - 1, Date.now()); // 8/s: 125 ms apart
    const { starts, done } = startTimes(p, 5);
    await jest.advanceTimersByTimeAsync(2000);
    await done;
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(124);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(127);
  });

  it("a cut spends what the bucket saved: no burst into a server that just said it is full", async () => {
    const control = new AdaptiveRate(100, A);
    const p = new Pacer(control, 0.9, 64, () => Date.now());
    const t0 = Date.now();
    // 90 tokens saved (0.9 s at 100/s); the cut to 80/s empties them.
    expect(p.throttled(t0 - 1)).toBe(true);
    const { starts, done } = startTimes(p, 4);
    await jest.advanceTimersByTimeAsync(100);
    await done;
    expect(starts.map((t) => t - t0)).toEqual([13, 25, 38, 50]);
  });

  it("a Retry-After holds the family's next requests that long, then resumes at its rate", async () => {
    const control = new AdaptiveRate(100, A);
    const p = new Pacer(control, 0.9, 64, () => Date.now());
    const t0 = Date.now();
    expect(p.throttled(t0 - 1, 1000)).toBe(true);
    const { starts, done } = startTimes(p, 3);
    await jest.advanceTimersByTimeAsync(999);
    expect(starts).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    await done;
    // Nothing saved up while held: one every 12.5 ms at 80/s, not three at once.
    expect(starts.map((t) => t - t0)).toEqual([1013, 1025, 1038]);
  });
});

describe("adaptive pacing against a throttling server (fake clock)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function run(o: Omit<SimOptions, "now">) {
    let done = false;
    const p = simulate({ ...o, now: () => Date.now() }).finally(() => (done = true));
    while (!done) await jest.advanceTimersByTimeAsync(100);
    return p;
  }

  const base = { ceiling: 100, requests: 1461, latencyMs: 35, retryAfterShare: 0.5 };

  it("a server at half the table's rate: the client converges to about that rate", async () => {
    const r = await run({ ...base, serverRate: 50 });
    // The server accepts ≈ its 50/s over the second half; the client's rate sits around it.
    expect(r.acceptedRateLate).toBeGreaterThan(45);
    expect(r.acceptedRateLate).toBeLessThanOrEqual(51);
    expect(r.finalRate).toBeGreaterThan(35);
    expect(r.finalRate).toBeLessThan(65);
    expect(r.floorSeconds / r.seconds).toBeGreaterThanOrEqual(0.9);
    // Few throttles: the first burst (0.9 s at 100/s into a 50-request bucket) and the sawtooth's peaks.
    expect(r.throttles).toBeLessThan(150);
  });

  it("a server at a quarter: the same", async () => {
    const r = await run({ ...base, serverRate: 25 });
    expect(r.acceptedRateLate).toBeGreaterThan(22.5);
    expect(r.floorSeconds / r.seconds).toBeGreaterThanOrEqual(0.9);
    expect(r.throttles).toBeLessThan(300);
  });

  it("a server at the table's rate: no throttles, full speed", async () => {
    const r = await run({ ...base, serverRate: 100 });
    expect(r.throttles).toBe(0);
    expect(r.finalRate).toBe(100);
    expect(r.floorSeconds / r.seconds).toBeGreaterThanOrEqual(0.95);
  });

  it("a fixed rate at the table's figure (answers not fed back) fails these checks", async () => {
    const r = await run({ ...base, serverRate: 50, feedback: false });
    expect(r.throttles).toBeGreaterThan(500);
    expect(r.floorSeconds / r.seconds).toBeLessThan(0.9);
  });
});
