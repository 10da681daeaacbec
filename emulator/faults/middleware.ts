import type { Middleware } from "../server";
import type { Reply, RequestContext } from "../http";
import { Rng } from "../rng";
import { WorkspaceState } from "../state/workspace-state";
import { FaultJournal, MAX_EVENTS, newJournal } from "./journal";
import { applyMutation, inRepo, plantOversizeNotebook } from "./mutations";
import { FAULT_KINDS, FaultKind, FaultPlan, Mutation, PersistentFailure } from "./plan";
import { cutShort, encodeReply, replyOf, resetBefore } from "./wire";

export interface FaultMiddleware extends Middleware {
  readonly plan: FaultPlan;
  readonly journal: FaultJournal;
  /**
   * Plants what the plan plants and resolves its picks against the workspace. Runs by itself on the first
   * request; call it first when you need to look at the workspace as the export will find it.
   */
  prepare(state: WorkspaceState): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Workspace-listing object types kept by their own APIs (emulator/routes/workspace-assets.ts). */
const KEPT_BY_OWN_API = new Set(["DASHBOARD", "MLFLOW_EXPERIMENT"]);

/** FNV-1a: a stable 32-bit hash of the request key, so each attempt's draw does not depend on arrival order. */
function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const versionless = (p: string) => p.replace(/^\/api\/2\.[0-9x]+\//, "/api/2.x/");
const stripWorkspace = (p: string) =>
  p === "/Workspace" || p.startsWith("/Workspace/") ? p.slice(10) || "/" : p;

/** `METHOD path?sorted query` plus the body: one logical request, whatever attempt it is. */
export function requestKey(ctx: Pick<RequestContext, "method" | "path" | "query" | "rawBody">): string {
  const q = [...ctx.query.entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1,
  );
  const query = q.map(([k, v]) => `${k}=${v}`).join("&");
  const body = ctx.rawBody.length ? ` ${ctx.rawBody.toString("utf8", 0, 512)}` : "";
  return `${ctx.method} ${ctx.path}${query ? `?${query}` : ""}${body}`;
}

/** Values a persistent object failure may pick, in a stable order. */
function candidates(state: WorkspaceState, p: PersistentFailure, exclude: string | undefined): string[] {
  const path = versionless(p.path);
  if (path.endsWith("/workspace/export"))
    return [...state.tree.walk("/")]
      .filter((n) => (n.object_type === "NOTEBOOK" || n.object_type === "FILE") && n.path !== exclude)
      .filter((n) => !inRepo(state, n.path))
      .map((n) => n.path);
  if (path.endsWith("/jobs/get")) return [...state.jobs.keys()].sort((a, b) => a - b).map(String);
  if (path.endsWith("/clusters/get"))
    return [...state.clusters.values()]
      .filter((c) => ["UI", "API", undefined].includes(c.cluster_source))
      .map((c) => String(c.cluster_id))
      .sort();
  return [];
}

function matches(p: PersistentFailure, ctx: RequestContext): boolean {
  if (p.method !== ctx.method || versionless(p.path) !== versionless(ctx.path.replace(/\/+$/, "")))
    return false;
  if (!p.param) return true;
  const got = ctx.query.get(p.param.name) ?? (ctx.body[p.param.name] as string | undefined);
  if (got === undefined || got === null) return false;
  return p.param.name === "path"
    ? stripWorkspace(String(got)) === p.param.value
    : String(got) === p.param.value;
}

function throttleReply(kind: FaultKind, retryAfterSeconds: number): Reply {
  // The same three shapes the emulator's own rate limiter answers.
  if (kind === "throttle-retry-after")
    return {
      status: 429,
      headers: { "Retry-After": String(retryAfterSeconds) },
      body: {
        error_code: "REQUEST_LIMIT_EXCEEDED",
        message: "Too many requests. Please wait a moment and try again.",
      },
    };
  if (kind === "throttle-message")
    return { status: 429, body: { message: "RPC token bucket limit has been exceeded" } };
  return {
    status: 429,
    body: {
      error_code: "REQUEST_LIMIT_EXCEEDED",
      message: "Workspace request rate limit exceeded. Please wait a moment and try again.",
    },
  };
}

const unavailable = (path: string): Reply => ({
  status: 503,
  body: {
    error_code: "TEMPORARILY_UNAVAILABLE",
    message: `The service at ${path} is temporarily unavailable. Please try again later.`,
  },
});

/**
 * A seeded fault plan as an emulator middleware. Each attempt of a request draws its fault from
 * (seed, request key, attempt number), so the same seed injects the same faults into the same requests
 * whatever order concurrent requests arrive in; mutations land before the request with their number.
 */
export function faultMiddleware(plan: FaultPlan): FaultMiddleware {
  const journal = newJournal();
  const attempts = new Map<string, number>();
  const failures = new Map<string, number>();
  const retryAfterSent = new Map<string, number>();
  const pending: Mutation[] = plan.mutations
    .filter((m) => !m.after)
    .sort((a, b) => a.atRequest - b.atRequest);
  const afterAnswers: Mutation[] = plan.mutations.filter((m) => m.after);
  const answers = new Map<string, number>();
  let persistent: PersistentFailure[] = [];
  let prepared = false;
  let seq = 0;

  const prepare = (state: WorkspaceState) => {
    if (prepared) return;
    prepared = true;
    if (plan.oversizeNotebook) {
      plantOversizeNotebook(state, plan.oversizeNotebook);
      journal.planted.oversizeNotebook = plan.oversizeNotebook;
    }
    persistent = plan.persistent.flatMap((p) => {
      if (!p.param || p.param.value !== undefined) return [p];
      const all = candidates(state, p, plan.oversizeNotebook);
      if (all.length === 0) return [];
      const value = all[Math.min(all.length - 1, Math.floor((p.param.pick ?? 0) * all.length))];
      return [{ ...p, param: { name: p.param.name, value } }];
    });
    journal.persistent = persistent;
  };

  const record = (n: number, kind: FaultKind | "persistent", key: string) => {
    if (journal.events.length < MAX_EVENTS) journal.events.push({ seq: n, kind, request: key.slice(0, 300) });
  };

  /** Notes what an intact answer showed the client, and applies mutations waiting for it. */
  const observe = (ctx: RequestContext, n: number, reply: Reply | null): Reply | null => {
    if (!reply || reply.status !== 200) return reply;
    const path = versionless(ctx.path.replace(/\/+$/, ""));
    const count = (answers.get(path) ?? 0) + 1;
    answers.set(path, count);
    for (const m of afterAnswers.filter(
      (m) => versionless(m.after!.path) === path && m.after!.answers === count,
    )) {
      afterAnswers.splice(afterAnswers.indexOf(m), 1);
      journal.mutations.push(applyMutation(ctx.state, m, n));
    }
    const listing = path.endsWith("/workspace/list")
      ? "ws"
      : path.endsWith("/jobs/list")
        ? "jobs"
        : path.endsWith("/scim/v2/Users")
          ? "users"
          : null;
    if (!listing) return reply;
    let body = reply.body as Record<string, unknown> | undefined;
    if (reply.raw !== undefined) {
      try {
        body = JSON.parse(reply.raw.toString()) as Record<string, unknown>;
      } catch {
        return reply;
      }
    }
    const items = (listing === "ws" ? body?.objects : listing === "jobs" ? body?.jobs : body?.Resources) as
      Record<string, unknown>[] | undefined;
    for (const o of Array.isArray(items) ? items : []) {
      // A dashboard or experiment in a folder is kept by its own API by id: its path reveals no tree object.
      if (listing === "ws" && typeof o.path === "string" && !KEPT_BY_OWN_API.has(String(o.object_type)))
        journal.revealed.paths.add(o.path);
      if (listing === "jobs" && o.job_id !== undefined) journal.revealed.jobIds.add(String(o.job_id));
      if (listing === "users" && typeof o.userName === "string") journal.revealed.userNames.add(o.userName);
    }
    return reply;
  };

  const mw = async (ctx: RequestContext, next: () => Promise<Reply | null>): Promise<Reply | null> => {
    prepare(ctx.state);
    const n = seq++;
    journal.requests++;
    while (pending.length && pending[0].atRequest <= n)
      journal.mutations.push(applyMutation(ctx.state, pending.shift()!, n));

    const key = requestKey(ctx);
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const sentAt = retryAfterSent.get(key);
    if (sentAt !== undefined) {
      journal.retryAfterGapsMs.push(performance.now() - sentAt);
      retryAfterSent.delete(key);
    }

    if (persistent.some((p) => matches(p, ctx))) {
      journal.persistentHits++;
      record(n, "persistent", key);
      return unavailable(ctx.path);
    }

    const rng = new Rng(fnv1a(key, fnv1a(String(plan.seed))) ^ Math.imul(attempt + 1, 0x9e3779b1));
    let kind: FaultKind | undefined;
    let u = rng.next();
    for (const k of FAULT_KINDS) {
      const r = plan.rates[k] ?? 0;
      if (u < r) {
        kind = k;
        break;
      }
      u -= r;
    }
    const failed = failures.get(key) ?? 0;
    if (kind && kind !== "slow" && failed >= plan.maxFaultsPerRequest) kind = undefined;
    if (!kind) return observe(ctx, n, await next());

    journal.injected[kind]++;
    record(n, kind, key);
    if (kind !== "slow") failures.set(key, failed + 1);
    switch (kind) {
      case "slow": {
        const [lo, hi] = plan.slowMs;
        await sleep(lo + rng.next() * Math.max(0, hi - lo));
        return observe(ctx, n, await next());
      }
      case "throttle-retry-after":
        retryAfterSent.set(key, performance.now());
        return throttleReply(kind, plan.retryAfterSeconds);
      case "throttle":
      case "throttle-message":
        return throttleReply(kind, plan.retryAfterSeconds);
      case "error-500":
        return {
          status: 500,
          body: { error_code: "INTERNAL_ERROR", message: "Internal error occurred. Please retry." },
        };
      case "error-503":
        return unavailable(ctx.path);
      case "error-echo":
        // A gateway error page that quotes the request back, credentials included: the client must scrub it.
        return {
          status: 502,
          contentType: "text/plain",
          raw: `upstream connect error or disconnect/reset before headers. request: ${ctx.method} ${ctx.path} authorization: ${ctx.headers.authorization ?? ""}`,
        };
      case "reset-before":
        resetBefore(ctx.res);
        return null;
      case "reset-during":
      case "truncated": {
        const reply = await replyOf(next);
        if (!reply) return null;
        const wire = encodeReply(ctx.method, reply);
        const cut = Math.floor(rng.next() * wire.payload.length);
        cutShort(ctx.res, wire, cut, kind === "truncated" ? "end" : "reset");
        return null;
      }
    }
  };
  return Object.assign(mw, { plan, journal, prepare });
}
