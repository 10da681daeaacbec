import { Rng } from "../rng";

/** What can go wrong with one request attempt. At most one kind is drawn per attempt. */
export const FAULT_KINDS = [
  "throttle-retry-after", // 429 REQUEST_LIMIT_EXCEEDED with Retry-After
  "throttle", // 429 REQUEST_LIMIT_EXCEEDED without Retry-After
  "throttle-message", // 429 carrying only {"message":"RPC token bucket limit has been exceeded"}
  "error-500", // 500 INTERNAL_ERROR
  "error-503", // 503 TEMPORARILY_UNAVAILABLE
  "error-echo", // 500 from a gateway that quotes the request's Authorization header back
  "reset-before", // connection reset before a byte of the answer
  "reset-during", // headers and part of the body, then a reset
  "truncated", // Content-Length larger than what is sent, then the socket ends cleanly
  "slow", // answered correctly, late
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that answer something other than the real reply: the ones a client must retry. */
export const FAILING_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((k) => k !== "slow");

/** Changes to the live workspace made between two requests, as a user would during an export. */
export type MutationOp = "delete-notebook" | "rename-folder" | "delete-folder" | "delete-job" | "delete-user";
export const MUTATION_OPS: readonly MutationOp[] = [
  "delete-notebook",
  "rename-folder",
  "delete-folder",
  "delete-job",
  "delete-user",
];

/** SCIM users are listed in pages (startIndex/count): a user leaving between two pages shifts the rest. */
export const SCIM_USERS = "/api/2.0/preview/scim/v2/Users";

export interface Mutation {
  op: MutationOp;
  /** Applied just before the request with this 0-based number (counted by the fault middleware) is handled. */
  atRequest: number;
  /**
   * Applied instead right after the `answers`-th intact answer to `path` (a listing page) was produced: the
   * change lands between two pages of one listing.
   */
  after?: { path: string; answers: number };
  /** The object: a workspace path, a job id or a userName. When absent, `pick` (0..1) chooses among eligible ones then. */
  target?: string;
  pick?: number;
}

/**
 * A request that fails on every attempt, on purpose. `listing` outages make a whole kind unreadable
 * (the export is expected to fail and leave the previous snapshot whole); `object` failures hit one
 * object's read (the export must record it in `skipped`). `match` is a method + path; `param` narrows it
 * to one value of a query parameter (resolved from `pick` when absent). `/api/2.x/` matches any API version.
 */
export interface PersistentFailure {
  scope: "listing" | "object";
  method: string;
  path: string;
  param?: { name: string; value?: string; pick?: number };
}

export interface FaultPlan {
  seed: number;
  /** Probability per request attempt of each fault kind (their sum must stay ≤ 1). */
  rates: Partial<Record<FaultKind, number>>;
  /**
   * A failing fault is injected on one request (same method, path and query) at most this many times, so a
   * client that retries gets through: the point is to test recovery, not to exhaust every retry budget.
   */
  maxFaultsPerRequest: number;
  /** Delay range of `slow` answers, in ms. */
  slowMs: [number, number];
  /** Retry-After value (whole seconds, as the service sends it). */
  retryAfterSeconds: number;
  mutations: Mutation[];
  persistent: PersistentFailure[];
  /** Plants a notebook over the 10 MB export limit at this path before the export starts. */
  oversizeNotebook?: string;
}

export const DEFAULT_RATES: Record<FaultKind, number> = {
  "throttle-retry-after": 0.02,
  throttle: 0.02,
  "throttle-message": 0.015,
  "error-500": 0.02,
  "error-503": 0.02,
  "error-echo": 0.006,
  "reset-before": 0.02,
  "reset-during": 0.015,
  truncated: 0.02,
  slow: 0.03,
};

/** A plan that injects nothing (tests start from it and set what they need). */
export function emptyPlan(seed = 1, extra: Partial<FaultPlan> = {}): FaultPlan {
  return {
    seed,
    rates: {},
    maxFaultsPerRequest: 3,
    slowMs: [5, 40],
    retryAfterSeconds: 1,
    mutations: [],
    persistent: [],
    ...extra,
  };
}

export interface PlanKnobs {
  /** Multiplies every rate (default: drawn per seed between 0.3 and 2.5, so some seeds are storms). */
  intensity?: number;
  /** Requests an export is expected to make: mutations land within it (default 100). */
  horizon?: number;
  /** Share of seeds with a listing outage on purpose (default 0.05). */
  outageShare?: number;
}

/**
 * The plan a seed stands for: same seed, same plan. Rates are scaled by a per-seed intensity; about half
 * the seeds mutate the workspace mid-export, some plant an oversize notebook, some make one object
 * unreadable, a few make a whole listing unreadable.
 */
export function planFromSeed(seed: number, knobs: PlanKnobs = {}): FaultPlan {
  const rng = new Rng((seed * 0x9e3779b1) ^ 0x7f4a7c15);
  const intensity = knobs.intensity ?? 0.3 + rng.next() * 2.2;
  const horizon = knobs.horizon ?? 100;
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const k of FAULT_KINDS) rates[k] = DEFAULT_RATES[k] * intensity * (0.5 + rng.next());
  const mutations: Mutation[] = [];
  const nMutations = rng.next() < 0.5 ? 0 : rng.next() < 0.7 ? 1 : 2;
  for (let i = 0; i < nMutations; i++) {
    const op = rng.pick(MUTATION_OPS);
    const m: Mutation = { op, atRequest: 1 + rng.int(horizon), pick: rng.next() };
    // Users leave between the first and the second page of the users listing.
    if (op === "delete-user") m.after = { path: SCIM_USERS, answers: 1 };
    mutations.push(m);
  }
  const persistent: PersistentFailure[] = [];
  if (rng.next() < (knobs.outageShare ?? 0.05)) persistent.push(rng.pick(LISTING_OUTAGES));
  if (rng.next() < 0.15) {
    const o = rng.pick(OBJECT_FAILURES);
    persistent.push({ ...o, param: { ...o.param!, pick: rng.next() } });
  }
  return {
    ...emptyPlan(seed),
    rates,
    maxFaultsPerRequest: 1 + rng.int(3),
    mutations,
    persistent,
    oversizeNotebook: rng.next() < 0.3 ? `/Shared/oversize-${seed}` : undefined,
  };
}

/** Listings whose loss leaves the export nothing to stand on. */
export const LISTING_OUTAGES: readonly PersistentFailure[] = [
  { scope: "listing", method: "GET", path: "/api/2.x/jobs/list" },
  { scope: "listing", method: "GET", path: "/api/2.x/clusters/list" },
  { scope: "listing", method: "GET", path: "/api/2.0/preview/scim/v2/Users" },
  { scope: "listing", method: "GET", path: "/api/2.0/workspace/list", param: { name: "path", value: "/" } },
];

/** Reads of one object: the value of `param` is picked among the objects of the workspace. */
export const OBJECT_FAILURES: readonly PersistentFailure[] = [
  { scope: "object", method: "GET", path: "/api/2.0/workspace/export", param: { name: "path" } },
  { scope: "object", method: "GET", path: "/api/2.x/jobs/get", param: { name: "job_id" } },
  { scope: "object", method: "GET", path: "/api/2.x/clusters/get", param: { name: "cluster_id" } },
];
