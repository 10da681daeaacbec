import type { DatabricksClient } from "./client";
import { ApiError, TransportError } from "./errors";
import { familyOf, Family } from "./families";
import { redact } from "./redact";
import { sleep } from "./retry";

/** The workspace URL as the API is reached: scheme and host (with port) only. */
export interface NormalizedHost {
  host: string;
  /** What was dropped (a browser URL's `?o=<id>`, a path, a fragment), for one line in the log. */
  note?: string;
}

/** A host that cannot be used as given; the message never holds a credential from it. */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HostError";
  }
}

/**
 * Normalizes a workspace URL as users paste it (`adb-1.1.azuredatabricks.net`, the browser's
 * `https://adb-1.1.azuredatabricks.net/?o=1#folder/2`): every API path is appended to the result, so a
 * path or query left in would send every request somewhere else. Credentials in the URL
 * (`https://user:TOKEN@host`) are refused, and the refusal never repeats them.
 */
export function normalizeHost(raw: string): NormalizedHost {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  // Checked before parsing: an unparseable URL with credentials must not be echoed either.
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(withScheme)?.[1] ?? "";
  if (authority.includes("@"))
    throw new HostError(
      "host: credentials in the URL (user:token@host) are refused; pass the token with DATABRICKS_TOKEN or a profile's token=",
    );
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new HostError(`host: "${redact(text)}" is not a URL like https://adb-1234.5.azuredatabricks.net`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new HostError(`host: ${url.protocol} URLs are not supported, use https://`);
  if (!url.hostname) throw new HostError(`host: "${redact(text)}" names no host`);
  const host = `${url.protocol}//${url.host}`;
  const dropped = `${url.pathname === "/" ? "" : url.pathname}${url.search}${url.hash}`;
  return dropped
    ? { host, note: `host: using ${host} (dropped "${redact(dropped)}": the API lives at the host's root)` }
    : { host };
}

/**
 * Families every workspace serves, whatever its tier and settings: ENDPOINT_NOT_FOUND there means the
 * requests do not reach a workspace's API (a wrong host or path), never that a feature is off.
 */
export const CORE_FAMILIES: ReadonlySet<Family> = new Set<Family>([
  "scim-get",
  "workspace-read",
  "workspace-export",
  "clusters-read",
  "jobs-read",
  "dbfs",
  "secrets",
  "policies-pools",
  "libraries",
  "init-scripts",
  "repos",
]);

const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

/** An error answer in a shape the Databricks API gives: `{"error_code","message"}` or SCIM's error. */
export function isDatabricksError(e: ApiError): boolean {
  if (!/^HTTP_\d+$/.test(e.errorCode)) return true;
  try {
    const body = JSON.parse(e.message) as { schemas?: unknown };
    return Array.isArray(body.schemas) && body.schemas.includes(SCIM_ERROR);
  } catch {
    return false;
  }
}

/** The family of the request an error answered (its `request` label is `GET /api/...`). */
function familyOfError(e: ApiError): Family | undefined {
  const m = /^(\S+) (\S+)$/.exec(e.request ?? "");
  return m ? familyOf(m[1], m[2]) : undefined;
}

/**
 * Does a listing's error answer mean "this workspace does not offer the kind" (a feature off, no
 * permission, an endpoint the tier lacks)? Not when the answer is not the API's (an HTML 404 page) nor
 * when a family every workspace has answers ENDPOINT_NOT_FOUND.
 */
export function meansUnavailable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  // A feature the workspace has switched off (the REST reference's 400 FEATURE_DISABLED).
  if (e.status === 400 && e.errorCode === "FEATURE_DISABLED") return isDatabricksError(e);
  if (![403, 404, 501].includes(e.status)) return false;
  if (!isDatabricksError(e)) return false;
  const family = familyOfError(e);
  return !(e.errorCode === "ENDPOINT_NOT_FOUND" && family !== undefined && CORE_FAMILIES.has(family));
}

const ME = "/api/2.0/preview/scim/v2/Me";
const ROOT_STATUS = "/api/2.0/workspace/get-status";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** SCIM's Me: a resource of a core SCIM schema (User; ServicePrincipal for some principals) with an id. */
function isScimPrincipal(body: unknown): boolean {
  if (!isObj(body) || !Array.isArray(body.schemas)) return false;
  const core = body.schemas.some(
    (s) => typeof s === "string" && s.startsWith("urn:ietf:params:scim:schemas:core:2.0:"),
  );
  return core && (typeof body.id === "string" || typeof body.id === "number");
}

/** get-status of `/`: the workspace root folder. */
function isRootFolder(body: unknown): boolean {
  return isObj(body) && body.object_type === "DIRECTORY" && body.path === "/";
}

/**
 * Connection failures that never reached the host: refused, unknown name, connect timeout; and TLS that
 * cannot succeed (https to a plain-http port, a certificate that is not trusted): retrying never helps.
 */
function neverReached(e: unknown): boolean {
  const text = `${(e as Error)?.message ?? ""} ${String((e as { cause?: unknown })?.cause ?? "")}`;
  return /ECONNREFUSED|bad port|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|ConnectTimeout|EPROTO|ERR_SSL_|ERR_TLS_CERT|CERT_|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/i.test(
    text,
  );
}

function describe(e: unknown): string {
  if (e instanceof ApiError) {
    const what = isDatabricksError(e) ? e.errorCode : "not a Databricks API answer";
    return `HTTP ${e.status}, ${what}`;
  }
  if (e instanceof TransportError && /unparseable JSON/.test(e.message)) return "a body that is not JSON";
  return e instanceof Error ? e.message : String(e);
}

export class NotAWorkspaceError extends Error {
  constructor(host: string, why: string) {
    super(redact(`${host} is not a Databricks workspace API (${why}): check --host / DATABRICKS_HOST`));
    this.name = "NotAWorkspaceError";
  }
}

/**
 * Proves, before anything is read, that `client` talks to a Databricks workspace: SCIM's Me answers a
 * SCIM principal, or (Me refused in the API's own error shape) get-status of `/` answers the root
 * folder. A bad token is "cannot authenticate"; a web server that is not a workspace (HTML, 404 pages,
 * JSON of another shape) is refused. Without this, every listing answering 404 would read as "kind not
 * available" and an empty snapshot would replace a good one.
 */
export async function proveWorkspace(client: DatabricksClient): Promise<void> {
  const host = client.host;
  // Few retries first: a host that cannot be reached at all should fail in seconds, not after the full
  // backoff. A reset, a truncated body or a throttle means the host answered: those get the full budget.
  let me: unknown;
  let meError: unknown;
  for (const maxRetries of [2, undefined]) {
    try {
      me = await client.request("GET", ME, { maxRetries });
      meError = undefined;
      break;
    } catch (e) {
      meError = e;
      // Answers that settle it at once: an API error that is no throttle or 5xx, a body that is not JSON.
      if (e instanceof ApiError && e.status !== 429 && e.status < 500) break;
      if (e instanceof TransportError && /unparseable JSON/.test(e.message)) break;
      if (maxRetries === undefined || neverReached(e))
        throw new Error(redact(`cannot reach ${host}: ${describe(e)}`), { cause: e });
      // The full budget starts with a new request: never before the wait a throttle asked for.
      if (e instanceof ApiError && e.retryAfterMs !== undefined) await sleep(e.retryAfterMs);
    }
  }
  if (meError === undefined) {
    if (isScimPrincipal(me)) return;
    throw new NotAWorkspaceError(host, `GET ${ME} answered JSON that is not a SCIM principal`);
  }
  if (!(meError instanceof ApiError) || !isDatabricksError(meError))
    throw new NotAWorkspaceError(host, `GET ${ME} answered ${describe(meError)}`);
  if (meError.status === 401 || meError.status === 403)
    throw new Error(redact(`cannot authenticate to ${host}: ${meError.describe()}`), { cause: meError });
  if (meError.errorCode === "ENDPOINT_NOT_FOUND")
    throw new NotAWorkspaceError(host, `GET ${ME} answered ENDPOINT_NOT_FOUND`);
  // Me refused in the API's shape (a principal SCIM does not describe): the root folder must answer.
  let root: unknown;
  try {
    // Few retries: the host answered Me already; an HTML answer here will not turn into JSON.
    root = await client.request("GET", ROOT_STATUS, { query: { path: "/" }, maxRetries: 2 });
  } catch (e) {
    if (e instanceof ApiError && isDatabricksError(e) && (e.status === 401 || e.status === 403))
      throw new Error(redact(`cannot authenticate to ${host}: ${e.describe()}`), { cause: e });
    throw new NotAWorkspaceError(
      host,
      `GET ${ME}: ${meError.describe()}; GET ${ROOT_STATUS}: ${describe(e)}`,
    );
  }
  if (!isRootFolder(root))
    throw new NotAWorkspaceError(host, `GET ${ROOT_STATUS}?path=/ answered JSON that is not the root folder`);
}
