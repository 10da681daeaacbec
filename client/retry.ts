import { onAbort as onAbortOf } from "./abort";
import { AbortedError } from "./errors";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Ceiling of one backoff step. */
  maxDelayMs: number;
  /** A Retry-After longer than this is cut down to it (a misbehaving proxy should not stall a run for hours). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Retry-After is either delta-seconds or an HTTP date. Returns milliseconds to wait, or undefined when the
 * header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(parseFloat(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * "Equal jitter" exponential backoff: half the step is fixed so retries never come back at once, half is
 * random so many clients throttled together spread out.
 */
export function backoffDelay(retryIndex: number, policy: RetryPolicy, random = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(step / 2 + random() * (step / 2));
}

/** How long to wait before retry `retryIndex` (0-based): the server's Retry-After when given, else backoff. */
export function retryDelay(
  retryIndex: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random = Math.random,
): number {
  if (retryAfterMs !== undefined) {
    // A little jitter upwards only: never earlier than the server asked.
    const capped = Math.min(retryAfterMs, policy.maxRetryAfterMs);
    return Math.round(capped + random() * Math.min(250, capped * 0.1));
  }
  return backoffDelay(retryIndex, policy, random);
}

/** Waits `ms`; an abort ends the wait early with AbortedError. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = signal ? onAbortOf(signal, onAbort) : () => {};
  });
}
