/**
 * Endpoint families: the Databricks service throttles per workspace and per family of calls. This is the
 * client's own table (the emulator keeps its own, emulator/limits.ts, and shares nothing with it). Figures
 * are the published per-workspace limits in requests per second; the rest get a default. Each is a ceiling
 * and starting rate: the pacer lowers a family's rate when the server throttles it (client/pacer.ts).
 */
export const PUBLISHED_LIMITS = {
  "workspace-export": 60,
  "workspace-import": 30,
  dbfs: 30,
  "permissions-get": 100,
  "permissions-update": 30,
  "scim-get": 255,
  "jobs-create": 20,
  "jobs-run-now": 20,
  "jobs-runs-get": 100,
  "token-management": 40,
  secrets: 1100,
} as const;

/** Families with no published figure. */
export const DEFAULT_LIMITS = {
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
  // Unity Catalog 2.1 (catalogs, schemas, tables, grants, ...): no published per-workspace figure.
  "unity-catalog-read": 100,
  "unity-catalog-write": 30,
  other: 50,
} as const;

export const FAMILY_LIMITS: Record<Family, number> = { ...PUBLISHED_LIMITS, ...DEFAULT_LIMITS };
export type Family = keyof typeof PUBLISHED_LIMITS | keyof typeof DEFAULT_LIMITS;
export const FAMILIES = Object.keys(FAMILY_LIMITS) as Family[];

/** Which family a request belongs to, from its method and path (query string ignored). */
export function familyOf(method: string, rawPath: string): Family {
  const p = rawPath.split("?")[0];
  const m = method.toUpperCase();
  const read = m === "GET" || m === "HEAD";
  if (p.startsWith("/api/2.0/workspace/export")) return "workspace-export";
  if (p.startsWith("/api/2.0/workspace/import")) return "workspace-import";
  if (p.startsWith("/api/2.0/workspace/")) return read ? "workspace-read" : "workspace-write";
  if (p.startsWith("/api/2.0/dbfs/")) return "dbfs";
  if (p.startsWith("/api/2.0/permissions/")) return read ? "permissions-get" : "permissions-update";
  if (p.startsWith("/api/2.0/preview/scim/") || p.startsWith("/api/2.0/account/scim/"))
    return read ? "scim-get" : "scim-write";
  if (/^\/api\/2\.[12]\/jobs\/create/.test(p)) return "jobs-create";
  if (/^\/api\/2\.[12]\/jobs\/run-now/.test(p)) return "jobs-run-now";
  if (/^\/api\/2\.[12]\/jobs\/runs\/get/.test(p)) return "jobs-runs-get";
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
  if (p.startsWith("/api/2.1/unity-catalog/")) return read ? "unity-catalog-read" : "unity-catalog-write";
  return "other";
}
