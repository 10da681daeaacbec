/**
 * The suite's client settings: the production client with its retry budget and Retry-After handling, only
 * with backoff steps and the Retry-After ceiling shortened so a thousand runs fit in minutes. In a module
 * of its own so the crash child (fault-suite/crash-child.ts) starts without loading the emulator.
 */
export const SUITE_RETRY = { baseDelayMs: 2, maxDelayMs: 20, maxRetryAfterMs: 30 };
export const SUITE_TIMEOUT_MS = 10_000;
