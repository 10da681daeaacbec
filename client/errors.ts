import { redact } from "./redact";

/** An answer from the API that is not a success: `{"error_code","message"}` as the service sends it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    /** `GET /api/2.0/...` (no query string): where it happened, for messages and logs. */
    readonly request?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The wait the last answer asked for (Retry-After, capped by the client), when a caller tries again. */
  retryAfterMs?: number;

  /** The answer's `details` (google.rpc ErrorInfo...), e.g. the fresh etag a Settings API conflict carries. */
  details?: unknown[];

  /** A one-line description for reports: `RESOURCE_DOES_NOT_EXIST (404): Job 7 does not exist`. */
  describe(): string {
    return `${this.errorCode} (${this.status}): ${this.message}`;
  }
}

/** The request never got a usable answer (connection reset, timeout, truncated body) after every retry. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly request?: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** Throttles sometimes arrive as message text with a 400 or 500 status rather than as a 429. */
const THROTTLE_MESSAGE =
  /RPC token bucket limit has been exceeded|exceeded the concurrent limit|too many requests/i;

export function isThrottleMessage(message: string | undefined): boolean {
  return !!message && THROTTLE_MESSAGE.test(message);
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(["REQUEST_LIMIT_EXCEEDED", "TEMPORARILY_UNAVAILABLE"]);

export type Retryability = "throttle" | "server" | "no";

export function classifyFailure(status: number, errorCode: string, message: string): Retryability {
  if (status === 429 || isThrottleMessage(message) || errorCode === "REQUEST_LIMIT_EXCEEDED")
    return "throttle";
  if (RETRYABLE_STATUS.has(status) || RETRYABLE_CODES.has(errorCode)) return "server";
  return "no";
}

/** Builds an ApiError from a failed answer's body, which may be JSON, HTML or empty. */
export function apiErrorFrom(status: number, text: string, request?: string): ApiError {
  let code = `HTTP_${status}`;
  let message = text.trim().slice(0, 500) || `HTTP ${status}`;
  let details: unknown[] | undefined;
  try {
    const body = JSON.parse(text) as {
      error_code?: unknown;
      message?: unknown;
      error?: unknown;
      details?: unknown;
    };
    if (Array.isArray(body.details)) details = body.details;
    if (typeof body.error_code === "string") code = body.error_code;
    // The service answers a wrong token with a numeric code: `{"error_code": 403, "message": "Invalid access token."}`.
    else if (typeof body.error_code === "number" && typeof body.message === "string")
      code =
        body.error_code === 403
          ? "PERMISSION_DENIED"
          : body.error_code === 401
            ? "UNAUTHENTICATED"
            : String(body.error_code);
    if (typeof body.message === "string") message = body.message;
    else if (typeof body.error === "string") message = body.error;
  } catch {
    /* not JSON: keep the text */
  }
  const e = new ApiError(status, code, message, request);
  if (details) e.details = details;
  return e;
}

/** The caller stopped the run (SIGINT, a test): the request was not sent, or its answer was dropped. */
export class AbortedError extends Error {
  constructor(message = "the export was interrupted") {
    super(message);
    this.name = "AbortedError";
  }
}

/** What a network errno means, in words (node's own text is `connect ECONNREFUSED 10.0.0.1:443`). */
const NET_ERRNO: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  ECONNABORTED: "connection aborted",
  EPIPE: "connection closed by the server",
  ETIMEDOUT: "timed out",
  ENOTFOUND: "host name not found (DNS)",
  EAI_AGAIN: "host name lookup failed (DNS, temporary)",
  EAI_FAIL: "host name lookup failed (DNS)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENETDOWN: "network is down",
  EPROTO: "TLS handshake failed",
  ERR_INVALID_URL: "not a valid URL",
  ERR_SOCKET_BAD_PORT: "bad port",
  ERR_TLS_CERT_ALTNAME_INVALID: "the TLS certificate does not match the host name",
  CERT_HAS_EXPIRED: "the TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "a TLS certificate in the chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the TLS certificate cannot be verified",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the TLS certificate's issuer is not trusted",
};

/** What a file-system errno means, in words. */
const FS_ERRNO: Record<string, string> = {
  ENOENT: "no such file or directory",
  EEXIST: "something already exists at that path",
  ENOTDIR: "not a directory (a file is in the way)",
  EISDIR: "it is a directory",
  ENOTEMPTY: "the directory is not empty",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EBUSY: "the file is busy",
  EXDEV: "source and destination are on different file systems",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
};

/** The operation, as a person would say it. */
const SYSCALL: Record<string, string> = {
  mkdir: "create directory",
  open: "open",
  read: "read",
  write: "write",
  rename: "rename",
  rmdir: "remove directory",
  rm: "remove",
  unlink: "remove",
  scandir: "list directory",
  opendir: "list directory",
  stat: "read",
  lstat: "read",
  copyfile: "copy",
  link: "link",
  symlink: "link",
  realpath: "resolve",
  readlink: "read link",
  access: "access",
  chmod: "change mode of",
  fsync: "sync",
  utime: "set times of",
};

/** A network errno in words, or undefined when it is not one this tool knows. */
export function networkErrorText(code: string | undefined): string | undefined {
  return code ? NET_ERRNO[code] : undefined;
}

function fsLine(code: string, syscall: string, file: string, dest?: string): string {
  const op = SYSCALL[syscall] ?? syscall;
  const what =
    code === "EEXIST" && syscall === "mkdir"
      ? "a file (not a directory) is in the way"
      : (FS_ERRNO[code] ?? code);
  return dest ? `cannot ${op} ${file} to ${dest}: ${what}` : `cannot ${op} ${file}: ${what}`;
}

/**
 * The one line a person sees for a failure: node's raw errno texts (`EEXIST: file already exists, mkdir
 * '/x'`, `connect ECONNREFUSED 10.0.0.1:443`) become words naming the path, the message is one line (never a
 * stack trace), and known credential shapes are masked.
 */
export function userMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  // Not `instanceof Error`: errors from another realm (node's own under a test runner, a vm) are objects too.
  let text = typeof e?.message === "string" ? e.message : String(err);
  if (e && typeof e.code === "string" && typeof e.syscall === "string" && typeof e.path === "string")
    text = text.startsWith(`${e.code}:`)
      ? fsLine(e.code, e.syscall, e.path, (e as { dest?: string }).dest)
      : text;
  text = text
    // node's fs text: `EEXIST: file already exists, mkdir '/tmp/x'` (and `-> '/dest'` for rename, link).
    .replace(/\b(E[A-Z]+): [^,]*, (\w+) '([^']*)'(?: -> '([^']*)')?/g, (_m, code, sys, file, dest) =>
      fsLine(code, sys, file, dest),
    )
    // node's net text: `connect ECONNREFUSED 127.0.0.1:443`, `getaddrinfo ENOTFOUND host`.
    .replace(
      /\b(?:connect|getaddrinfo|read|write|socket) (E[A-Z_]+)(?: \S+?)?(?=$|[\s,;)])/g,
      (m, code: string) => NET_ERRNO[code] ?? m,
    )
    // A code kept in parentheses for programs (`connection refused (ECONNREFUSED)`) is noise to a person.
    .replace(/ \((E[A-Z_]+|ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*)\)/g, (m, code: string) =>
      NET_ERRNO[code] || FS_ERRNO[code] ? "" : m,
    )
    // Layers that each name the host: `cannot reach h: cannot reach h: ...` says it once.
    .replace(/(cannot reach \S+: )(?:\1)+/g, "$1")
    .replace(/\s*\n\s*/g, " ")
    .trim();
  return redact(text || "unknown error");
}
