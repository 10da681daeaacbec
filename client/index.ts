export { DatabricksClient } from "./client";
export type { ClientOptions, ClientStats, HttpMethod, Query } from "./client";
export { AbortedError, ApiError, TransportError, isThrottleMessage } from "./errors";
export { Redactor, redact } from "./redact";
export { parseRetryAfter } from "./retry";
export * from "./paging";
export { familyOf, FAMILY_LIMITS } from "./families";
export type { Family } from "./families";
