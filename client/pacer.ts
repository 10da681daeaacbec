import { onAbort as onAbortOf } from "./abort";
import { AbortedError } from "./errors";

/** How a family's rate answers the server (additive increase, multiplicative decrease). */
export interface Adaptation {
  /** The rate is multiplied by this on a throttle (0 < decrease < 1). */
  decrease: number;
  /** Requests per second regained per second of answered requests, as a share of the ceiling. */
  increase: number;
  /** The rate never drops below this share of the ceiling. */
  floor: number;
}

/**
 * A gentle decrease and a slow climb: the rate saws just around the server's real limit, so the family
 * keeps ≥ 90% of it; a halving (TCP's) would average three quarters.
 */
export const DEFAULT_ADAPTATION: Adaptation = { decrease: 0.8, increase: 0.02, floor: 0.02 };

/**
 * One family's rate, found from the server's answers: it starts at the ceiling (the client's own table),
 * drops by `decrease` on a throttle and climbs back by `increase` × ceiling per second while answers come
 * without one. Only a throttle of a request sent after the last cut cuts again: the requests already sent
 * at the old rate answer for that rate, not the new one. A Retry-After holds the whole family that long.
 * Pure: time comes in as arguments (milliseconds, any monotonic origin).
 */
export class AdaptiveRate {
  private current: number;
  private lastCut = -Infinity;
  private holdEnd = -Infinity;

  constructor(
    readonly ceiling: number,
    private readonly a: Adaptation = DEFAULT_ADAPTATION,
  ) {
    if (!(ceiling > 0) || !Number.isFinite(ceiling))
      throw new Error(`a paced rate must be > 0, not ${ceiling}`);
    const { decrease, increase, floor } = a;
    if (!(decrease > 0 && decrease <= 1) || !(increase >= 0) || !(floor > 0 && floor <= 1))
      throw new Error(`adaptation needs 0 < decrease ≤ 1, increase ≥ 0, 0 < floor ≤ 1: ${JSON.stringify(a)}`);
    this.current = ceiling;
  }

  /** Requests per second now. */
  get rate(): number {
    return this.current;
  }

  /** Until when (ms) the server asked the family to wait; in the past when it did not. */
  get heldUntil(): number {
    return this.holdEnd;
  }

  /** An answer that was not a throttle: at r requests a second, r of them add `increase` × ceiling. */
  accepted(): void {
    this.current = Math.min(this.ceiling, this.current + (this.a.increase * this.ceiling) / this.current);
  }

  /** A throttle of a request sent at `sentAt`, answered at `now`; true when it cut the rate. */
  throttled(sentAt: number, now: number, retryAfterMs?: number): boolean {
    if (retryAfterMs !== undefined && retryAfterMs > 0)
      this.holdEnd = Math.max(this.holdEnd, now + retryAfterMs);
    if (sentAt <= this.lastCut) return false;
    this.current = Math.max(this.a.floor * this.ceiling, this.current * this.a.decrease);
    this.lastCut = now;
    return true;
  }
}

/**
 * Client-side pacing for one endpoint family: a token bucket refilled continuously at the family's
 * adaptive rate, holding `burstSeconds` of it, plus a cap on requests in flight. The service throttles
 * with token buckets holding about one second of requests, so a client bucket a little smaller (0.9 s by
 * default) starts a run at full speed and still leaves the server's bucket room for arrival jitter.
 * Without a rate (undefined) it only caps requests in flight.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  private running = 0;
  private readonly queue: { start: () => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly control: AdaptiveRate | undefined,
    private readonly burstSeconds: number,
    private readonly maxConcurrent: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = this.burst();
    this.last = now();
  }

  /** Runs `fn` when the family may send; `fn` gets the time it started (this pacer's clock). */
  schedule<R>(fn: (startedAt: number) => Promise<R>, signal?: AbortSignal): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const entry = {
        start: () => {
          unsubscribe();
          this.running++;
          fn(this.now())
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.pump();
            });
        },
        reject,
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new AbortedError());
      };
      // One listener per signal for the whole queue (client/abort.ts), not one per queued request.
      const unsubscribe = signal ? onAbortOf(signal, onAbort) : () => {};
      this.queue.push(entry);
      this.pump();
    });
  }

  /** A request of this family was answered without a throttle. */
  accepted(): void {
    this.control?.accepted();
  }

  /** A request started at `sentAt` was throttled; true when the family's rate was cut. */
  throttled(sentAt: number, retryAfterMs?: number): boolean {
    const cut = this.control?.throttled(sentAt, this.now(), retryAfterMs) ?? false;
    // The server's bucket is empty now: so is ours, or what it saved up would go out as a burst of 429s.
    if (cut) this.tokens = Math.min(this.tokens, 0);
    return cut;
  }

  private burst(): number {
    return this.control ? Math.max(1, Math.floor(this.control.rate * this.burstSeconds)) : 1;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running < this.maxConcurrent) {
      if (this.control) {
        const now = this.now();
        const rate = this.control.rate;
        const heldUntil = this.control.heldUntil;
        // No tokens accrue while the family is held: after a Retry-After the family resumes at its rate,
        // not with a burst into a server that just said it was full. A cut rate also shrinks the bucket.
        const accrued = Math.max(0, now - Math.max(this.last, heldUntil));
        this.tokens = Math.min(this.burst(), this.tokens + (accrued / 1000) * rate);
        this.last = now;
        const held = heldUntil - now;
        const wait = held > 0 ? held : this.tokens < 1 ? ((1 - this.tokens) / rate) * 1000 : 0;
        if (wait > 0) {
          if (!this.timer) {
            this.timer = setTimeout(
              () => {
                this.timer = undefined;
                this.pump();
              },
              Math.max(1, Math.ceil(wait)),
            );
          }
          return;
        }
        this.tokens -= 1;
      }
      this.queue.shift()!.start();
    }
  }
}
