import { onAbort as onAbortOf } from "./abort";
import { AbortedError } from "./errors";

/**
 * Client-side pacing for one endpoint family: a token bucket refilled continuously at `rate` per second
 * holding up to `burst` tokens, plus a cap on requests in flight. The service throttles with token buckets
 * holding about one second of requests, so a client bucket a little smaller (0.9 s by default) starts a run
 * at full speed and still leaves the server's bucket room for arrival jitter: 429s stay rare.
 */
export class Pacer {
  private tokens: number;
  private last = performance.now();
  private running = 0;
  private readonly queue: { start: () => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** Requests per second; undefined or ≤ 0 = unpaced. */
    private readonly rate: number | undefined,
    /** Bucket size in requests (≥ 1). */
    private readonly burst: number,
    private readonly maxConcurrent: number,
  ) {
    this.tokens = Math.max(1, burst);
  }

  schedule<R>(fn: () => Promise<R>, signal?: AbortSignal): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const entry = {
        start: () => {
          unsubscribe();
          this.running++;
          fn()
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

  private paced(): boolean {
    return this.rate !== undefined && this.rate > 0 && Number.isFinite(this.rate);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.running < this.maxConcurrent) {
      if (this.paced()) {
        const now = performance.now();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate!);
        this.last = now;
        if (this.tokens < 1) {
          if (!this.timer) {
            const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.rate!) * 1000));
            this.timer = setTimeout(() => {
              this.timer = undefined;
              this.pump();
            }, wait);
          }
          return;
        }
        this.tokens -= 1;
      }
      this.queue.shift()!.start();
    }
  }
}
