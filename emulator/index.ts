import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Family } from "./limits";
import { RateLimiter } from "./rate-limit";
import { Rng } from "./rng";
import { buildRouter } from "./routes";
import { EmulatorServer, Middleware, Stats } from "./server";
import { loadSeed } from "./seeds";
import type { LargeSizes } from "./seeds/large";
import { AccountSeed, AccountState } from "./state/account-state";
import { WorkspaceState } from "./state/workspace-state";

export type { Middleware, Stats } from "./server";
export type { Reply, RequestContext } from "./http";
export { WorkspaceState } from "./state/workspace-state";
export { EmulatorError } from "./errors";
export type { LargeSizes } from "./seeds/large";
export type { AccountSeed, AccountWorkspace } from "./state/account-state";
export { DEFAULT_ACCOUNT_ID, DEFAULT_ACCOUNT_WORKSPACES } from "./state/account-state";
export { RATE_LIMITS, PUBLISHED_RATE_LIMITS, ASSUMED_LIMITS, familyOf } from "./limits";
export type { Family } from "./limits";

export interface EmulatorOptions {
  workspace: "sample" | "large" | "empty" | string; // any other string = DIR of verbatim response bodies
  large?: Partial<LargeSizes>;
  port?: number; // default 0 (ephemeral); always binds 127.0.0.1
  latencyMs?: number; // added per request; default 0
  /** Extra latency drawn uniformly in [0, latencyJitterMs) per request; default 0. */
  latencyJitterMs?: number;
  rateLimits?: boolean | Partial<Record<Family, number>>; // default true = RATE_LIMITS (limits.ts); false = unlimited
  /** Multiplies every rate limit (default 1 = the published figures; 0.5 = half of them). */
  limitScale?: number;
  retryAfterRatio?: number; // share of 429s that carry Retry-After (default 0.5, deterministic by seed)
  /**
   * Authentication, on by default as on the service: every request must carry `Authorization: Bearer <token>`
   * (none: 401, another: 403). The token is `token`, else a fresh random one; read it from `emu.token`.
   * `auth: false` serves anyone (and ignores `token`).
   */
  auth?: boolean;
  token?: string;
  seed?: number;
  /**
   * The account the workspace belongs to, for the account-level APIs (disaster-recovery/v1): its id and
   * workspaces (default DEFAULT_ACCOUNT_ID with DEFAULT_ACCOUNT_WORKSPACES), and how long failover groups
   * take to be created and to fail over (default 0: at once).
   */
  account?: AccountSeed;
  /** Request middlewares (fault injection), run after authentication and before rate limiting. */
  middlewares?: Middleware[];
}

export interface RunningEmulator {
  url: string;
  /** The token requests must bear (undefined when started with `auth: false`). */
  token: string | undefined;
  /** Headers that authenticate a request (`{}` with `auth: false`). */
  authHeaders(): Record<string, string>;
  /** The rate limits in force per family, requests per second, scale applied (null: throttling off). */
  rateLimits(): Record<Family, number> | null;
  state: WorkspaceState;
  stats(): Stats;
  resetStats(): void;
  /** Adds a middleware at the end of the chain (closest to the handlers). */
  use(mw: Middleware): void;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const seed = opts.seed ?? 1;
  const token = opts.auth === false ? undefined : (opts.token ?? `dapi${randomBytes(16).toString("hex")}`);
  const state = await loadSeed(opts.workspace, { seed, large: opts.large });
  if (opts.account) state.account = new AccountState(opts.account);
  const limiter = new RateLimiter(
    opts.rateLimits ?? true,
    opts.retryAfterRatio ?? 0.5,
    new Rng(seed ^ 0x5bd1e995),
    undefined,
    opts.limitScale ?? 1,
  );
  const server = new EmulatorServer({
    state,
    router: buildRouter(),
    limiter,
    latencyMs: opts.latencyMs ?? 0,
    latencyJitterMs: opts.latencyJitterMs ?? 0,
    token,
    middlewares: [...(opts.middlewares ?? [])],
  });
  await new Promise<void>((resolve, reject) => {
    server.http.once("error", reject);
    server.http.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    authHeaders: (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {}),
    rateLimits: () => limiter.limitsInForce(),
    state,
    stats: () => server.getStats(),
    resetStats: () => server.resetStats(),
    use: (mw) => server.use(mw),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.http.close((err) => (err ? reject(err) : resolve()));
        server.http.closeAllConnections();
      }),
  };
}
