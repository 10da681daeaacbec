import { Family, FAMILY_LIMITS, familyOf } from "./families";
import { AbortedError, ApiError, apiErrorFrom, classifyFailure, TransportError } from "./errors";
import { AdaptiveRate, Adaptation, DEFAULT_ADAPTATION, Pacer } from "./pacer";
import { RawResponse, Transport } from "./transport";
import { DEFAULT_RETRY, parseRetryAfter, RetryPolicy, retryDelay, sleep } from "./retry";
import { Redactor } from "./redact";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type Query = Record<string, string | number | boolean | undefined>;

export interface ClientOptions {
  /** https://adb-....azuredatabricks.net or an emulator URL. */
  host: string;
  auth: { token: string } | { getToken(): Promise<string> };
  /**
   * Client-side pacing per endpoint family in req/s (default FAMILY_LIMITS): each family starts at its
   * figure and never goes above it, drops on throttles and climbs back while answers come (client/pacer.ts);
   * false = no pacing (and no adaptation).
   */
  limits?: Partial<Record<Family, number>> | false;
  /** Retries after the first attempt (default 8). */
  maxRetries?: number;
  /** Per attempt, including reading the body (default 60 s). */
  timeoutMs?: number;
  /** Never receives tokens or secret values: every line goes through the redactor. */
  log?: (line: string) => void;
  /** Requests in flight per family at most (default 64). */
  maxConcurrent?: number;
  /**
   * Seconds of requests a family may send at once before pacing takes over (default 0.9): the service's
   * buckets hold one second, so this starts at full speed and leaves a tenth for arrival jitter.
   */
  burstSeconds?: number;
  /** Stops every queued and in-flight request (they reject with AbortedError). */
  signal?: AbortSignal;
  /** How paced rates answer throttles (default DEFAULT_ADAPTATION). */
  adaptation?: Partial<Adaptation>;
  /** Backoff tuning; tests shorten it. */
  retry?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** Extra strings to scrub from logs (client secrets and the like). */
  secrets?: string[];
}

export interface ClientStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  /** Answers that were throttles (429 or a throttle message). */
  throttled: number;
  /** Attempts per endpoint family. */
  byFamily: Record<string, number>;
}

type Attempt =
  | { ok: true; value: unknown }
  | { ok: false; error: Error; retry: "throttle" | "server" | "transport" | "no"; retryAfterMs?: number };

/**
 * A thin Databricks REST client on node:http: paces each endpoint family, from its published limit down
 * to what the server accepts (client/pacer.ts); retries throttles (honouring Retry-After), 5xx, connection
 * failures and unreadable bodies with jittered backoff, and never retries other 4xx answers.
 */
export class DatabricksClient {
  readonly host: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly limiters = new Map<Family, Pacer>();
  private readonly limits: Record<Family, number> | false;
  private readonly maxConcurrent: number;
  private readonly redactor = new Redactor();
  private readonly transport = new Transport();
  private readonly counters: ClientStats = { requests: 0, retries: 0, throttled: 0, byFamily: {} };

  constructor(private readonly opts: ClientOptions) {
    this.host = opts.host.replace(/\/+$/, "");
    if (!/^https?:\/\//.test(this.host)) throw new Error(`host must be an http(s) URL, got "${opts.host}"`);
    this.policy = {
      ...DEFAULT_RETRY,
      ...opts.retry,
      maxRetries: opts.maxRetries ?? DEFAULT_RETRY.maxRetries,
    };
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.limits = opts.limits === false ? false : { ...FAMILY_LIMITS, ...opts.limits };
    this.maxConcurrent = opts.maxConcurrent ?? 64;
    if ("token" in opts.auth) this.redactor.addSecret(opts.auth.token);
    for (const s of opts.secrets ?? []) this.redactor.addSecret(s);
  }

  get<T = unknown>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", path, { query });
  }
  post<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, { body });
  }
  put<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, { body });
  }
  patch<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PATCH", path, { body });
  }
  delete<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("DELETE", path, { body });
  }

  /** Closes idle connections (they never keep the process alive, this just frees them sooner). */
  close(): void {
    this.transport.close();
  }

  stats(): ClientStats {
    return { ...this.counters, byFamily: { ...this.counters.byFamily } };
  }

  /** The rate a paced family sends at now (req/s), or undefined when it is not paced. */
  pacedRate(family: Family): number | undefined {
    return this.pacer(family).control?.rate;
  }

  /** Scrubs a line with this client's known secrets and the built-in patterns. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  async request<T = unknown>(
    method: HttpMethod,
    path: string,
    opts: { query?: Query; body?: unknown; maxRetries?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const maxRetries = opts.maxRetries ?? this.policy.maxRetries;
    const signal = anySignal(this.opts.signal, opts.signal);
    const family = familyOf(method, path);
    const url = this.url(path, opts.query);
    const label = `${method} ${path.split("?")[0]}`;
    const pacer = this.pacer(family);
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AbortedError();
      let sentAt = 0;
      const result = await pacer.schedule((t) => {
        sentAt = t;
        return this.attempt(method, url, label, opts.body, signal);
      }, signal);
      if (signal?.aborted) throw new AbortedError();
      this.counters.requests++;
      this.counters.byFamily[family] = (this.counters.byFamily[family] ?? 0) + 1;
      const retryAfterMs =
        result.ok || result.retryAfterMs === undefined
          ? undefined
          : Math.min(result.retryAfterMs, this.policy.maxRetryAfterMs);
      // The server's answer steers the family's rate: a throttle cuts it, any other answer lets it climb.
      let cut = false;
      if (result.ok || result.retry === "no") pacer.accepted();
      else if (result.retry === "throttle") cut = pacer.throttled(sentAt, retryAfterMs);
      if (result.ok) return result.value as T;
      if (result.retry === "throttle") this.counters.throttled++;
      if (result.retry === "no" || attempt >= maxRetries) {
        if (result.retry !== "no")
          this.log(`${label}: giving up after ${attempt + 1} attempts: ${result.error.message}`);
        if (result.error instanceof ApiError) result.error.retryAfterMs = retryAfterMs;
        throw result.error;
      }
      const wait = retryDelay(attempt, result.retryAfterMs, this.policy);
      this.counters.retries++;
      this.log(
        `${label}: ${result.retry} (${result.error.message.slice(0, 200)}); retry ${attempt + 1} in ${wait} ms` +
          (result.retryAfterMs !== undefined ? " (Retry-After)" : "") +
          (cut ? `; ${family} paced at ${pacer.control!.rate.toFixed(1)}/s` : ""),
      );
      await sleep(wait, signal);
    }
  }

  private url(path: string, query?: Query): string {
    const u = new URL(this.host + (path.startsWith("/") ? path : `/${path}`));
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  private pacer(family: Family): Pacer {
    let pacer = this.limiters.get(family);
    if (!pacer) {
      const rate = this.limits === false ? undefined : this.limits[family];
      const paced = rate !== undefined && rate > 0 && Number.isFinite(rate);
      const adaptation = { ...DEFAULT_ADAPTATION, ...this.opts.adaptation };
      const control = paced ? new AdaptiveRate(rate, adaptation) : undefined;
      pacer = new Pacer(control, this.opts.burstSeconds ?? 0.9, this.maxConcurrent);
      this.limiters.set(family, pacer);
    }
    return pacer;
  }

  private async token(): Promise<string> {
    const auth = this.opts.auth;
    if ("token" in auth) return auth.token;
    const t = await auth.getToken();
    this.redactor.addSecret(t);
    return t;
  }

  private async attempt(
    method: HttpMethod,
    url: string,
    label: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<Attempt> {
    let res: RawResponse;
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${await this.token()}`,
        "User-Agent": "databricks-dr",
        Accept: "application/json",
      };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      res = await this.transport.request(new URL(url), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
        signal,
      });
    } catch (e) {
      if (signal?.aborted) return { ok: false, error: new AbortedError(), retry: "no" };
      return { ok: false, error: new TransportError(transportMessage(e), label), retry: "transport" };
    }
    const text = res.body.toString("utf8");
    if (res.truncated) {
      const declared = res.headers["content-length"];
      return {
        ok: false,
        error: new TransportError(
          `truncated body (${res.body.length}${declared === undefined ? "" : ` of ${declared}`} bytes)`,
          label,
        ),
        retry: "transport",
      };
    }
    if (res.status < 200 || res.status >= 300) {
      const err = apiErrorFrom(res.status, text, label);
      const retry = classifyFailure(res.status, err.errorCode, err.message);
      const retryAfter = res.headers["retry-after"];
      return { ok: false, error: err, retry, retryAfterMs: parseRetryAfter(retryAfter ?? null) };
    }
    if (text.trim() === "") return { ok: true, value: {} };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return {
        ok: false,
        error: new TransportError(`unparseable JSON body (${text.length} chars)`, label),
        retry: "transport",
      };
    }
  }

  private log(line: string): void {
    this.opts.log?.(this.redactor.redact(line));
  }
}

/** One signal for the client's and the call's; AbortSignal.any only when both are there. */
function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

function transportMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export { ApiError };
