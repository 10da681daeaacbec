import { Family, RATE_LIMITS } from "./limits";
import { Reply } from "./http";
import { Rng } from "./rng";

/** A token bucket holding up to one second of requests, refilled continuously at `rate` per second. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly rate: number,
    now: number,
  ) {
    this.tokens = rate;
    this.last = now;
  }
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

/**
 * Per-family throttling as the service does it: HTTP 429 REQUEST_LIMIT_EXCEEDED, with `Retry-After` on a
 * share of answers only, and some throttles that say so only in their message text. Which 429 gets which
 * shape is drawn from a seeded generator, so a run is reproducible.
 */
export class RateLimiter {
  private buckets = new Map<Family, Bucket>();
  private limits: Record<Family, number> | null;

  constructor(
    limits: boolean | Partial<Record<Family, number>> | undefined,
    private retryAfterRatio: number,
    private rng: Rng,
    private clock: () => number = () => performance.now(),
    /** Multiplies every family's rate (the published table and overrides alike): 0.5 = half the limits. */
    scale = 1,
  ) {
    if (!(scale > 0) || !Number.isFinite(scale))
      throw new Error(`limitScale must be a positive number, not ${scale}`);
    if (limits === false) this.limits = null;
    else {
      const merged = { ...RATE_LIMITS, ...(typeof limits === "object" ? limits : {}) };
      this.limits = Object.fromEntries(Object.entries(merged).map(([f, r]) => [f, r * scale])) as Record<
        Family,
        number
      >;
    }
  }

  /** The rates in force per family (requests per second), or null when throttling is off. */
  limitsInForce(): Record<Family, number> | null {
    return this.limits ? { ...this.limits } : null;
  }

  /** null when the request may go on; else the 429 reply to send. */
  check(family: Family): Reply | null {
    if (!this.limits) return null;
    const rate = this.limits[family];
    if (!rate || rate <= 0 || !Number.isFinite(rate)) return null;
    const now = this.clock();
    let b = this.buckets.get(family);
    if (!b) this.buckets.set(family, (b = new Bucket(rate, now)));
    const waitMs = b.take(now);
    if (waitMs === 0) return null;
    return this.throttleReply(waitMs);
  }

  private throttleReply(waitMs: number): Reply {
    const draw = this.rng.next();
    if (draw < this.retryAfterRatio) {
      return {
        status: 429,
        headers: { "Retry-After": String(Math.max(1, Math.ceil(waitMs / 1000))) },
        body: {
          error_code: "REQUEST_LIMIT_EXCEEDED",
          message: "Too many requests. Please wait a moment and try again.",
        },
      };
    }
    // Of the answers without Retry-After, about one in three carries only the RPC message.
    if (this.rng.next() < 1 / 3) {
      return { status: 429, body: { message: "RPC token bucket limit has been exceeded" } };
    }
    return {
      status: 429,
      body: {
        error_code: "REQUEST_LIMIT_EXCEEDED",
        message: "Workspace request rate limit exceeded. Please wait a moment and try again.",
      },
    };
  }
}
