import type { AddressInfo } from "node:net";
import type { Family } from "../client/families";
import { RateLimiter } from "./rate-limit";
import { Rng } from "./rng";
import { buildRouter } from "./routes";
import { EmulatorServer, Middleware, Stats } from "./server";
import { loadSeed } from "./seeds";
import type { LargeSizes } from "./seeds/large";
import { WorkspaceState } from "./state/workspace-state";

export type { Middleware, Stats } from "./server";
export type { Reply, RequestContext } from "./http";
export { WorkspaceState } from "./state/workspace-state";
export { EmulatorError } from "./errors";
export type { LargeSizes } from "./seeds/large";

export interface EmulatorOptions {
  workspace: "sample" | "large" | "empty" | string; // any other string = DIR of verbatim response bodies
  large?: Partial<LargeSizes>;
  port?: number; // default 0 (ephemeral); always binds 127.0.0.1
  latencyMs?: number; // added per request; default 0
  /** Extra latency drawn uniformly in [0, latencyJitterMs) per request; default 0. */
  latencyJitterMs?: number;
  rateLimits?: boolean | Partial<Record<Family, number>>; // default true = FAMILY_LIMITS; false = unlimited
  retryAfterRatio?: number; // share of 429s that carry Retry-After (default 0.5, deterministic by seed)
  token?: string; // when set, requests without `Authorization: Bearer <token>` get 401
  seed?: number;
  /** Request middlewares (fault injection), run after authentication and before rate limiting. */
  middlewares?: Middleware[];
}

export interface RunningEmulator {
  url: string;
  state: WorkspaceState;
  stats(): Stats;
  resetStats(): void;
  /** Adds a middleware at the end of the chain (closest to the handlers). */
  use(mw: Middleware): void;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const seed = opts.seed ?? 1;
  const state = await loadSeed(opts.workspace, { seed, large: opts.large });
  const server = new EmulatorServer({
    state,
    router: buildRouter(),
    limiter: new RateLimiter(
      opts.rateLimits ?? true,
      opts.retryAfterRatio ?? 0.5,
      new Rng(seed ^ 0x5bd1e995),
    ),
    latencyMs: opts.latencyMs ?? 0,
    latencyJitterMs: opts.latencyJitterMs ?? 0,
    token: opts.token,
    middlewares: [...(opts.middlewares ?? [])],
  });
  await new Promise<void>((resolve, reject) => {
    server.http.once("error", reject);
    server.http.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
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
