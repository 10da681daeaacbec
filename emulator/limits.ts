/**
 * The emulator's own throttling table, independent of the client's pacing table (client/families.ts):
 * the client must reach the service's limits without knowing them from the emulator.
 *
 * Source of the published figures: "Resource limits" → "API rate limits", Azure Databricks documentation,
 * https://learn.microsoft.com/en-us/azure/databricks/resources/limits (per workspace, requests per second),
 * as summarized in ../shared/reference/databricks-rest-api-notes.md. Figures without a published source are
 * in ASSUMED_LIMITS and listed as assumptions in emulator/README.md.
 */

/** Published per-workspace limits, requests per second. */
export const PUBLISHED_RATE_LIMITS = {
  "workspace-export": 60, // Workspace API export
  "workspace-import": 30, // Workspace API import
  dbfs: 30, // DBFS API
  "permissions-get": 100, // Permissions API GET
  "permissions-update": 30, // Permissions API PUT/PATCH
  "scim-get": 255, // workspace SCIM API GET
  "jobs-create": 20, // Jobs API create
  "jobs-run-now": 20, // Jobs API run-now
  "jobs-runs-get": 100, // Jobs API runs/get
  "token-management": 40, // Token Management API
  secrets: 1100, // Secrets API
} as const;

/** No published figure: the emulator's assumptions (see README "Assumptions"). */
export const ASSUMED_LIMITS = {
  "workspace-read": 100,
  "workspace-write": 30,
  "scim-write": 30,
  "jobs-read": 100,
  "jobs-write": 30,
  "clusters-read": 100,
  "clusters-write": 30,
  "policies-pools": 100,
  libraries: 100,
  "init-scripts": 100,
  repos: 100,
  sql: 100,
  "workspace-conf": 30,
  "disaster-recovery": 10,
  "unity-catalog-read": 100,
  "unity-catalog-write": 30,
  other: 50,
} as const;

export type Family = keyof typeof PUBLISHED_RATE_LIMITS | keyof typeof ASSUMED_LIMITS;
export const RATE_LIMITS: Record<Family, number> = { ...PUBLISHED_RATE_LIMITS, ...ASSUMED_LIMITS };

/** Which throttling family a request counts against, from its method and path (query string ignored). */
export function familyOf(method: string, rawPath: string): Family {
  const p = rawPath.split("?")[0];
  const read = method.toUpperCase() === "GET" || method.toUpperCase() === "HEAD";
  if (p.startsWith("/api/2.0/workspace/export")) return "workspace-export";
  if (p.startsWith("/api/2.0/workspace/import")) return "workspace-import";
  if (p.startsWith("/api/2.0/workspace/")) return read ? "workspace-read" : "workspace-write";
  if (p.startsWith("/api/2.0/dbfs/")) return "dbfs";
  if (p.startsWith("/api/2.0/permissions/")) return read ? "permissions-get" : "permissions-update";
  if (p.startsWith("/api/2.0/preview/scim/") || p.startsWith("/api/2.0/account/scim/"))
    return read ? "scim-get" : "scim-write";
  if (/^\/api\/2\.[012]\/jobs\/create/.test(p)) return "jobs-create";
  if (/^\/api\/2\.[012]\/jobs\/run-now/.test(p)) return "jobs-run-now";
  if (/^\/api\/2\.[012]\/jobs\/runs\/get/.test(p)) return "jobs-runs-get";
  if (/^\/api\/2\.[012]\/jobs\//.test(p)) return read ? "jobs-read" : "jobs-write";
  if (/^\/api\/2\.[01]\/clusters\//.test(p)) return read ? "clusters-read" : "clusters-write";
  if (p.startsWith("/api/2.0/policies/") || p.startsWith("/api/2.0/instance-pools/")) return "policies-pools";
  if (p.startsWith("/api/2.0/libraries/")) return "libraries";
  if (p.startsWith("/api/2.0/global-init-scripts")) return "init-scripts";
  if (p.startsWith("/api/2.0/repos")) return "repos";
  if (p.startsWith("/api/2.0/sql/")) return "sql";
  if (p.startsWith("/api/2.0/secrets/")) return "secrets";
  if (p.startsWith("/api/2.0/token-management/") || p.startsWith("/api/2.0/token/"))
    return "token-management";
  if (p.startsWith("/api/2.0/workspace-conf")) return "workspace-conf";
  if (p.startsWith("/api/disaster-recovery/")) return "disaster-recovery";
  if (
    p.startsWith("/api/2.1/unity-catalog/") ||
    /^\/api\/2\.0\/accounts\/[^/]+\/(metastores|workspaces\/[^/]+\/metastore)/.test(p)
  )
    return read ? "unity-catalog-read" : "unity-catalog-write";
  return "other";
}

/**
 * Request body limits, in bytes of the body as sent (checked while it streams in, never buffered past them).
 * Workspace import: `content` "has a limit of 10 MB" (MAX_NOTEBOOK_SIZE_EXCEEDED), base64 in a JSON body.
 * DBFS put/add-block: 1 MB of data per call (MAX_BLOCK_SIZE_EXCEEDED); a multipart put (the file as a form
 * part, as the legacy databricks-cli sends files < 2 GB) up to 2 GB. Anything else: 10 MB (the Jobs API's
 * documented request limit, assumed for the other families).
 */
export const MB = 1024 * 1024;
export const IMPORT_CONTENT_LIMIT = 10 * MB;
export const DBFS_BLOCK_LIMIT = 1 * MB;
export const MULTIPART_PUT_LIMIT = 2 * 1024 * MB;
export const DEFAULT_BODY_LIMIT = 10 * MB;
/** JSON envelope allowed around a base64 payload (path, flags, field names). */
const ENVELOPE = 64 * 1024;
const b64Len = (n: number) => Math.ceil(n / 3) * 4;

export interface BodyLimit {
  bytes: number;
  status: number;
  errorCode: string;
  message: (sent: number | undefined) => string;
}

export function bodyLimitOf(method: string, path: string, contentType: string | undefined): BodyLimit {
  const p = path.replace(/\/+$/, "");
  const multipart = /^multipart\/form-data/i.test(contentType ?? "");
  if (p === "/api/2.0/workspace/import")
    return {
      bytes: (multipart ? IMPORT_CONTENT_LIMIT : b64Len(IMPORT_CONTENT_LIMIT)) + ENVELOPE,
      status: 400,
      errorCode: "MAX_NOTEBOOK_SIZE_EXCEEDED",
      message: (n) =>
        `File size imported is ${n ?? "more than " + IMPORT_CONTENT_LIMIT} bytes), exceeded max size (${IMPORT_CONTENT_LIMIT} bytes)`,
    };
  if (p === "/api/2.0/dbfs/put" && multipart)
    return {
      bytes: MULTIPART_PUT_LIMIT + ENVELOPE,
      status: 400,
      errorCode: "MAX_BLOCK_SIZE_EXCEEDED",
      message: () =>
        `File uploaded in a form is limited to ${MULTIPART_PUT_LIMIT} bytes; use create/add-block.`,
    };
  if (p === "/api/2.0/dbfs/put" || p === "/api/2.0/dbfs/add-block")
    return {
      bytes: b64Len(DBFS_BLOCK_LIMIT) + ENVELOPE,
      status: 400,
      errorCode: "MAX_BLOCK_SIZE_EXCEEDED",
      message: () => `The contents exceed ${DBFS_BLOCK_LIMIT} bytes; use create/add-block.`,
    };
  return {
    bytes: DEFAULT_BODY_LIMIT,
    status: 413,
    errorCode: "REQUEST_ENTITY_TOO_LARGE",
    message: (n) =>
      `${method} ${p}: the request body (${n ?? "more than " + DEFAULT_BODY_LIMIT} bytes) exceeds the maximum of ${DEFAULT_BODY_LIMIT} bytes.`,
  };
}
