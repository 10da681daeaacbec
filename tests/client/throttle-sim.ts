import { Adaptation, AdaptiveRate, Pacer } from "../../client/pacer";
import { DEFAULT_RETRY, retryDelay, sleep } from "../../client/retry";

/**
 * A server family throttling as the service is described to (a token bucket holding one second of its
 * rate, refilled continuously; a throttled request takes no token; Retry-After in whole seconds, at least
 * one, on a share of the 429s), and the client's Pacer and retry delays in front of it. Written from that
 * description, not from the emulator (its expectation must come from outside the code under test). Runs on
 * whatever clock `now` and the timers give: tests install fake timers.
 */
export interface SimOptions {
  /** The server's real limit, requests per second. */
  serverRate: number;
  /** The client's table figure for the family (its ceiling). */
  ceiling: number;
  requests: number;
  latencyMs: number;
  /** Share of 429s with Retry-After (the rest back off). */
  retryAfterShare: number;
  burstSeconds?: number;
  concurrency?: number;
  adaptation?: Adaptation;
  /** false: answers are not fed back to the pacer (a fixed rate at the ceiling, as before adaptation). */
  feedback?: boolean;
  now: () => number;
}

export interface SimResult {
  seconds: number;
  /** Seconds the server's limit needs at least: requests beyond its one-second bucket, at its rate. */
  floorSeconds: number;
  throttles: number;
  /** The client's rate at the end. */
  finalRate: number;
  /** Requests the server accepted per second over the last half of the run. */
  acceptedRateLate: number;
}

class ServerBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    now: number,
  ) {
    this.tokens = rate;
    this.last = now;
  }
  /** 0 when accepted; else ms until a token. */
  take(now: number): number {
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.rate) * 1000;
  }
}

/** A fixed sequence in [0, 1) (a linear congruential generator), so a run repeats exactly. */
function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export async function simulate(o: SimOptions): Promise<SimResult> {
  const random = seeded(7);
  const t0 = o.now();
  const server = new ServerBucket(o.serverRate, t0);
  const control = new AdaptiveRate(o.ceiling, o.adaptation);
  const pacer = new Pacer(control, o.burstSeconds ?? 0.9, o.concurrency ?? 64, o.now);
  const accepted: number[] = [];
  let throttles = 0;
  const half = o.latencyMs / 2;

  const send = (): Promise<{ ok: boolean; retryAfterMs?: number; sentAt: number }> =>
    pacer.schedule(async (sentAt) => {
      await sleep(half);
      const wait = server.take(o.now());
      await sleep(half);
      if (wait === 0) return { ok: true, sentAt };
      const withHeader = random() < o.retryAfterShare;
      return {
        ok: false,
        sentAt,
        retryAfterMs: withHeader ? Math.max(1, Math.ceil(wait / 1000)) * 1000 : undefined,
      };
    });

  const one = async () => {
    for (let attempt = 0; ; attempt++) {
      const r = await send();
      if (r.ok) {
        if (o.feedback !== false) pacer.accepted();
        accepted.push(o.now());
        return;
      }
      throttles++;
      if (o.feedback !== false) pacer.throttled(r.sentAt, r.retryAfterMs);
      await sleep(retryDelay(attempt, r.retryAfterMs, DEFAULT_RETRY, random));
    }
  };
  await Promise.all(Array.from({ length: o.requests }, one));
  const end = o.now();
  const mid = t0 + (end - t0) / 2;
  const late = accepted.filter((t) => t >= mid).length;
  return {
    seconds: (end - t0) / 1000,
    floorSeconds: Math.max(0, o.requests - o.serverRate) / o.serverRate,
    throttles,
    finalRate: control.rate,
    acceptedRateLate: late / ((end - mid) / 1000),
  };
}
