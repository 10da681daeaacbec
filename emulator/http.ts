import type { IncomingMessage, ServerResponse } from "node:http";
import { EmulatorError, invalid, missingParam } from "./errors";
import type { Family } from "./limits";
import type { WorkspaceState } from "./state/workspace-state";

/** What a handler or middleware answers. `raw` is sent as-is (verbatim bodies, downloads); else `body` as JSON. */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request as it flows through the pipeline (middlewares, then the route handler). */
export interface RequestContext {
  method: string;
  /** Path without query string, percent-decoded segments kept as sent. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  rawBody: Buffer;
  /** Parsed JSON body ({} when there is none). GET calls may carry one too, as old clients send. */
  body: Record<string, unknown>;
  /** File parts of a multipart/form-data body, by form field name (its other fields are in `body`). */
  files?: Record<string, Buffer>;
  /** Named parts of the matched route pattern. */
  params: Record<string, string>;
  family: Family;
  /** The route's label (e.g. `GET /api/2.1/jobs/get`), or `METHOD path` when no route matched. */
  endpoint: string;
  /** 0-based sequence number of the request since the emulator started. */
  seq: number;
  state: WorkspaceState;
  /** Raw node objects, for fault middlewares that reset connections or truncate bodies. */
  req: IncomingMessage;
  res: ServerResponse;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const empty = (): Reply => ({ status: 200, body: {} });

/** A parameter from the query string, else from the JSON body. */
export function param(ctx: RequestContext, name: string): string | undefined {
  const q = ctx.query.get(name);
  if (q !== null) return q;
  const b = ctx.body[name];
  if (b === undefined || b === null) return undefined;
  return typeof b === "string" ? b : typeof b === "object" ? JSON.stringify(b) : String(b);
}

export function requireParam(ctx: RequestContext, name: string): string {
  const v = param(ctx, name);
  if (v === undefined || v === "") throw missingParam(name);
  return v;
}

export function intParam(ctx: RequestContext, name: string): number | undefined {
  const v = param(ctx, name);
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw invalid(`Invalid value for parameter ${name}: ${v}`);
  return n;
}

export function boolParam(ctx: RequestContext, name: string): boolean {
  const v = param(ctx, name)?.toLowerCase();
  // Form posts from Python clients send booleans as "True"/"False".
  return v === "true" || v === "1";
}

/** A field of the JSON body, with a clear error when it is required and missing. */
export function field<T = unknown>(ctx: RequestContext, name: string, required = false): T {
  const v = ctx.body[name];
  if (required && (v === undefined || v === null || v === "")) throw missingParam(name);
  return v as T;
}

export function isError(e: unknown): e is EmulatorError {
  return e instanceof EmulatorError;
}

/** Opaque page tokens: base64 of the next offset, as opaque to clients as the real ones. */
export function encodeToken(offset: number, tag = "o"): string {
  return Buffer.from(`${tag}:${offset}`).toString("base64url");
}
export function decodeToken(token: string | undefined, tag = "o"): number {
  if (!token) return 0;
  const s = Buffer.from(token, "base64url").toString();
  const [t, n] = s.split(":");
  const off = Number(n);
  if (t !== tag || !Number.isInteger(off) || off < 0) throw invalid(`Invalid page token: ${token}`);
  return off;
}
