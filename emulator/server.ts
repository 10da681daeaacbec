import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { familyOf } from "../client/families";
import { EmulatorError, endpointNotFound } from "./errors";
import { Reply, RequestContext } from "./http";
import { RateLimiter } from "./rate-limit";
import { Router } from "./router";
import { WorkspaceState } from "./state/workspace-state";

/**
 * A step of the request pipeline. It may answer by itself (return a Reply), pass on (`return next()`),
 * change what `next()` answered, or take the raw socket over (reset it, write a truncated body) and
 * return null to say the response is already dealt with. Fault injection plugs in here.
 */
export type Middleware = (ctx: RequestContext, next: () => Promise<Reply | null>) => Promise<Reply | null>;

export interface Stats {
  byEndpoint: Record<string, number>;
  byFamily: Record<string, number>;
  throttled: number;
  total: number;
}

export interface ServerConfig {
  state: WorkspaceState;
  router: Router;
  limiter: RateLimiter;
  latencyMs: number;
  /** Extra latency drawn uniformly in [0, jitter) per request. */
  latencyJitterMs: number;
  token?: string;
  middlewares: Middleware[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class EmulatorServer {
  readonly http: Server;
  private stats: Stats = fresh();
  private seq = 0;

  constructor(private cfg: ServerConfig) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        // Anything unexpected is a 500 with the API's error shape, never a crash.
        if (!res.headersSent) send(res, "GET", internal(err));
        else res.destroy();
      });
    });
    this.http.keepAliveTimeout = 5000;
  }

  getStats(): Stats {
    return {
      byEndpoint: { ...this.stats.byEndpoint },
      byFamily: { ...this.stats.byFamily },
      throttled: this.stats.throttled,
      total: this.stats.total,
    };
  }
  resetStats(): void {
    this.stats = fresh();
  }
  use(mw: Middleware): void {
    this.cfg.middlewares.push(mw);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const match = this.cfg.router.match(method, path);
    const family = familyOf(method, path);
    const ctx: RequestContext = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      body: {},
      params: match?.params ?? {},
      family,
      endpoint: match?.label ?? `${method} ${path}`,
      seq: this.seq++,
      state: this.cfg.state,
      req,
      res,
    };
    const s = this.stats;
    s.total++;
    s.byEndpoint[ctx.endpoint] = (s.byEndpoint[ctx.endpoint] ?? 0) + 1;
    s.byFamily[family] = (s.byFamily[family] ?? 0) + 1;

    const { latencyMs, latencyJitterMs } = this.cfg;
    const delay = latencyMs + (latencyJitterMs > 0 ? Math.random() * latencyJitterMs : 0);
    if (delay > 0) await sleep(delay);

    const auth = this.authenticate(ctx);
    if (auth) return send(res, method, auth);

    const final = async (): Promise<Reply | null> => {
      const throttled = this.cfg.limiter.check(family);
      if (throttled) {
        this.stats.throttled++;
        return throttled;
      }
      if (!match) throw endpointNotFound(method, path);
      ctx.body = parseBody(rawBody);
      return match.handler(ctx);
    };
    const chain = this.cfg.middlewares.reduceRight<() => Promise<Reply | null>>(
      (next, mw) => () => mw(ctx, next),
      final,
    );
    let reply: Reply | null;
    try {
      reply = await chain();
    } catch (err) {
      reply = err instanceof EmulatorError ? { status: err.status, body: err.body() } : internal(err);
    }
    if (reply && !res.writableEnded && !res.destroyed) send(res, method, reply);
  }

  private authenticate(ctx: RequestContext): Reply | null {
    const token = this.cfg.token;
    if (!token) return null;
    const h = ctx.headers.authorization;
    if (!h || !/^Bearer\s+/i.test(h))
      return {
        status: 401,
        body: {
          error_code: "UNAUTHENTICATED",
          message: "Credential was not sent or was of an unsupported type for this API.",
        },
      };
    if (h.replace(/^Bearer\s+/i, "") !== token)
      return { status: 403, body: { error_code: "PERMISSION_DENIED", message: "Invalid access token." } };
    return null;
  }
}

function fresh(): Stats {
  return { byEndpoint: {}, byFamily: {}, throttled: 0, total: 0 };
}

function internal(err: unknown): Reply {
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { error_code: "INTERNAL_ERROR", message } };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  const text = raw.toString("utf8").trim();
  if (!text) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new EmulatorError(
      400,
      "MALFORMED_REQUEST",
      "Invalid JSON given in the body of the request - failed to parse",
    );
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new EmulatorError(
      400,
      "MALFORMED_REQUEST",
      "Invalid JSON given in the body of the request - expected a map",
    );
  return v as Record<string, unknown>;
}

function send(res: ServerResponse, method: string, reply: Reply): void {
  const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
  let payload: Buffer | string | undefined;
  if (reply.raw !== undefined) {
    payload = reply.raw;
    headers["Content-Type"] = reply.contentType ?? "application/json";
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["Content-Type"] = "application/json";
  }
  if (payload !== undefined) headers["Content-Length"] = Buffer.byteLength(payload);
  res.writeHead(reply.status, headers);
  if (method === "HEAD" || payload === undefined) res.end();
  else res.end(payload);
}
