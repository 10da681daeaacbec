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
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown; error?: unknown };
    if (typeof body.error_code === "string") code = body.error_code;
    if (typeof body.message === "string") message = body.message;
    else if (typeof body.error === "string") message = body.error;
  } catch {
    /* not JSON: keep the text */
  }
  return new ApiError(status, code, message, request);
}

/** The caller stopped the run (SIGINT, a test): the request was not sent, or its answer was dropped. */
export class AbortedError extends Error {
  constructor(message = "the export was interrupted") {
    super(message);
    this.name = "AbortedError";
  }
}
