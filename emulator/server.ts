import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { EmulatorError, endpointNotFound } from "./errors";
import { Reply, RequestContext } from "./http";
import { bodyLimitOf, familyOf } from "./limits";
import { parseMultipart } from "./formats/multipart";
import { isLiveToken } from "./routes/tokens";
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
  /** The token every request must bear; undefined = no authentication (`auth: false`). */
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
      rawBody: EMPTY,
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

    // As the service: credentials first, before a byte of the body is read, so an anonymous upload
    // costs nothing; then the body, counted as it streams in and refused past the endpoint's limit.
    const auth = this.authenticate(ctx);
    if (auth) return sendAndClose(res, method, auth);
    const contentType = req.headers["content-type"];
    const limit = bodyLimitOf(method, path, contentType);
    const body = await readBody(req, limit.bytes);
    if (body === TOO_LARGE) {
      const declared = Number(req.headers["content-length"]);
      const sent = Number.isFinite(declared) && declared > limit.bytes ? declared : undefined;
      return sendAndClose(res, method, {
        status: limit.status,
        body: { error_code: limit.errorCode, message: limit.message(sent) },
      });
    }
    ctx.rawBody = body;

    const final = async (): Promise<Reply | null> => {
      const throttled = this.cfg.limiter.check(family);
      if (throttled) {
        this.stats.throttled++;
        return throttled;
      }
      if (!match) throw endpointNotFound(method, path);
      if (/^multipart\/form-data/i.test(contentType ?? "")) {
        const form = parseMultipart(body, contentType ?? "");
        ctx.body = form.fields;
        ctx.files = form.files;
      } else ctx.body = parseBody(body);
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
      // The service's answer (a wire capture in PipedreamHQ/pipedream issue #20701): numeric code, request id.
      return {
        status: 401,
        body: {
          error_code: 401,
          message: `Credential was not sent or was of an unsupported type for this API. [ReqId: ${randomUUID()}]`,
        },
      };
    const sent = h.replace(/^Bearer\s+/i, "");
    if (sent !== token && !isLiveToken(this.cfg.state.tokens, sent))
      // As the service answers it (recorded in databricks-sdk-go issues #873 and #917): a numeric
      // error_code and the reason in a header.
      return {
        status: 403,
        headers: { "X-Databricks-Reason-Phrase": "Invalid access token." },
        body: { error_code: 403, message: "Invalid access token." },
      };
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

const EMPTY = Buffer.alloc(0);
const TOO_LARGE = Symbol("too large");

/**
 * The body, or TOO_LARGE as soon as it is known to exceed `limit` bytes: from Content-Length before reading
 * anything, else when the running count passes the limit (reading stops there; nothing more is buffered).
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        chunks.length = 0;
        resolve(TOO_LARGE);
      } else chunks.push(c);
    };
    req.on("data", onData);
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** How long a refused upload's connection lingers after the answer (its bytes discarded, never held). */
const LINGER_MS = 2000;

/**
 * Answers and closes the connection without reading the rest of an unread body. Closing at once would make
 * the kernel reset the connection (unread bytes pending) and a client still sending could lose the answer:
 * as web servers do, the write side is closed first and the body's remaining bytes are discarded for a
 * moment, a client that reads the answer stops sending and closes.
 */
function sendAndClose(res: ServerResponse, method: string, reply: Reply): void {
  const sock = res.socket;
  const req = res.req;
  if (sock) {
    sock.destroySoon = () => {
      sock.end();
      const timer = setTimeout(() => sock.destroy(), LINGER_MS);
      timer.unref();
      sock.once("close", () => clearTimeout(timer));
      req.once("end", () => sock.destroy());
      req.resume(); // discard, do not buffer
    };
  }
  send(res, method, { ...reply, headers: { ...(reply.headers ?? {}), Connection: "close" } });
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
