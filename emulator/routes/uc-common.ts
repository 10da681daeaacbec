import { EmulatorError, invalid } from "../errors";
import { RequestContext } from "../http";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";

/** Shared pieces of the Unity Catalog 2.1 routes: errors, names, paging, ownership stamps, securables. */
export const UC = "/api/2.1/unity-catalog";

/** UC's own error codes (databricks-sdk-go ErrorCode): `*_DOES_NOT_EXIST` 404, `*_ALREADY_EXISTS` 409. */
export const ucNotFound = (code: string, message: string) => new EmulatorError(404, code, message);
export const ucExists = (code: string, message: string) => new EmulatorError(409, code, message);
export const notEmpty = (code: string, message: string) => new EmulatorError(400, code, message);
export const inUse = (message: string) => new EmulatorError(400, "INVALID_STATE", message);

export const noMetastore = () =>
  ucNotFound("METASTORE_DOES_NOT_EXIST", "No metastore assigned for the current workspace.");

/** The metastore assigned to this workspace: every UC call but the metastore ones needs it. */
export function cur(ctx: RequestContext): Metastore {
  const m = ctx.state.uc.current();
  if (!m) throw noMetastore();
  return m;
}

/** UC stores names in lower case; a name may not hold dots, slashes, spaces or control characters. */
export function ucName(v: unknown, what: string): string {
  if (typeof v !== "string" || !v) throw invalid(`Missing required field: ${what}`);
  const control = [...v].some((ch) => ch.charCodeAt(0) < 0x20);
  if (control || /[./\s]/.test(v) || v.length > 255) throw invalid(`Invalid name for ${what}: '${v}'.`);
  return v.toLowerCase();
}

export function uuid(state: WorkspaceState): string {
  const h = state.uc.rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A principal: a workspace user (userName), group (displayName) or service principal (applicationId). */
export function principalExists(state: WorkspaceState, p: string): boolean {
  if (p === "account users") return true;
  return (
    [...state.users.values()].some((u) => u.userName === p) ||
    [...state.groups.values()].some((g) => g.displayName === p) ||
    [...state.servicePrincipals.values()].some((s) => s.applicationId === p)
  );
}

/** An owner as given, checked like a grantee (`404 PRINCIPAL_DOES_NOT_EXIST` for nobody). */
export function ownerOf(state: WorkspaceState, v: unknown): string {
  const p = String(v);
  // "System user" owns what the service creates (the system catalog, information schemas).
  if (p !== "System user" && !principalExists(state, p))
    throw ucNotFound("PRINCIPAL_DOES_NOT_EXIST", `Could not find principal with name ${p}`);
  return p;
}

/** created_at/by, updated_at/by and the owner (the caller unless given), as every UC object carries them. */
export function stamp(state: WorkspaceState, owner?: unknown): Obj {
  const t = state.uc.clock?.() ?? state.now();
  const who = state.currentUser;
  return {
    owner: typeof owner === "string" && owner ? ownerOf(state, owner) : who,
    created_at: t,
    created_by: who,
    updated_at: t,
    updated_by: who,
  };
}

export function touched(state: WorkspaceState, o: Obj): Obj {
  o.updated_at = state.now();
  o.updated_by = state.currentUser;
  return o;
}

/** Server page bounds per list (the reference: "the minimum of this value and a server configured value"). */
export const UC_PAGE = { tables: 50, default: 1000, volumes: 10000 } as const;

/**
 * UC paging: `max_results` < 0 is refused; 0 means the server's page; unset answers everything where the
 * reference says "If not set, all ... are returned" (`allWhenUnset`), else the server's page. Tokens are
 * opaque; with `uc.emptyPages` a listing that spans pages answers one empty page (token only) before its
 * second page, as the reference says pages may be empty.
 */
export function ucPage(
  ctx: RequestContext,
  items: Obj[],
  key: string,
  opts: { cap?: number; allWhenUnset?: boolean } = {},
): Obj {
  const raw = ctx.query.get("max_results");
  const max = raw === null || raw === "" ? undefined : Number(raw);
  if (max !== undefined && (!Number.isInteger(max) || max < 0))
    throw invalid(`max_results must be a non-negative integer (got ${raw}).`);
  const cap = opts.cap ?? UC_PAGE.default;
  if (max === undefined && opts.allWhenUnset) {
    if (ctx.state.uc.requirePaging)
      throw invalid(
        `Unpaginated requests to ${ctx.path} are not supported: set max_results (0 lets the server choose).`,
      );
    return items.length ? { [key]: items } : {};
  }
  const n = max === undefined || max === 0 ? cap : Math.min(max, cap);
  const { off, emptied } = readToken(ctx.query.get("page_token"));
  if (ctx.state.uc.emptyPages && off > 0 && off < items.length && !emptied)
    return { next_page_token: makeToken(off, true) };
  const slice = items.slice(off, off + n);
  const out: Obj = {};
  if (slice.length) out[key] = slice;
  if (off + n < items.length) out.next_page_token = makeToken(off + n, emptied);
  return out;
}

function makeToken(off: number, emptied: boolean): string {
  return Buffer.from(`uc:${off}:${emptied ? 1 : 0}`).toString("base64url");
}
function readToken(t: string | null): { off: number; emptied: boolean } {
  if (!t) return { off: 0, emptied: false };
  const [tag, n, e] = Buffer.from(t, "base64url").toString().split(":");
  const off = Number(n);
  if (tag !== "uc" || !Number.isInteger(off) || off < 0) throw invalid(`Invalid page token: ${t}`);
  return { off, emptied: e === "1" };
}

export const byName = (a: Obj, b: Obj) =>
  String(a.full_name ?? a.name).localeCompare(String(b.full_name ?? b.name));

/** Securable types as the permissions and bindings paths spell them (lower case; upper case taken too). */
export const SECURABLE_TYPES = [
  "metastore",
  "catalog",
  "schema",
  "table",
  "volume",
  "function",
  "storage_credential",
  "external_location",
  "connection",
] as const;
export type SecurableType = (typeof SECURABLE_TYPES)[number];

export function securableType(v: string): SecurableType {
  const t = v.toLowerCase() as SecurableType;
  if (!SECURABLE_TYPES.includes(t)) throw invalid(`Invalid securable type: ${v}`);
  return t;
}

const NOT_FOUND_CODE: Record<SecurableType, string> = {
  metastore: "METASTORE_DOES_NOT_EXIST",
  catalog: "CATALOG_DOES_NOT_EXIST",
  schema: "SCHEMA_DOES_NOT_EXIST",
  table: "TABLE_DOES_NOT_EXIST",
  volume: "RESOURCE_DOES_NOT_EXIST",
  function: "RESOURCE_DOES_NOT_EXIST",
  storage_credential: "STORAGE_CREDENTIAL_DOES_NOT_EXIST",
  external_location: "EXTERNAL_LOCATION_DOES_NOT_EXIST",
  connection: "RESOURCE_DOES_NOT_EXIST",
};
const LABEL: Record<SecurableType, string> = {
  metastore: "Metastore",
  catalog: "Catalog",
  schema: "Schema",
  table: "Table",
  volume: "Volume",
  function: "Function",
  storage_credential: "Storage Credential",
  external_location: "External Location",
  connection: "Connection",
};

export function missing(type: SecurableType, name: string): EmulatorError {
  return ucNotFound(NOT_FOUND_CODE[type], `${LABEL[type]} '${name}' does not exist.`);
}

/** The stored object of a securable, or the API's 404 for its type. */
export function securable(m: Metastore, type: SecurableType, fullName: string): Obj {
  const key = fullName.toLowerCase();
  const map: Record<SecurableType, Map<string, Obj> | undefined> = {
    metastore: undefined,
    catalog: m.catalogs,
    schema: m.schemas,
    table: m.tables,
    volume: m.volumes,
    function: m.functions,
    storage_credential: m.storageCredentials,
    external_location: m.externalLocations,
    connection: m.connections,
  };
  const found = type === "metastore" ? (key === m.id ? m.info : undefined) : map[type]!.get(key);
  if (!found) throw missing(type, fullName);
  return found;
}

/** Parent securables, nearest first (a table's schema, catalog, metastore), for inherited privileges. */
export function ancestors(m: Metastore, type: SecurableType, fullName: string): [SecurableType, string][] {
  const parts = fullName.toLowerCase().split(".");
  const out: [SecurableType, string][] = [];
  if (["table", "volume", "function"].includes(type)) out.push(["schema", parts.slice(0, 2).join(".")]);
  if (["table", "volume", "function", "schema"].includes(type)) out.push(["catalog", parts[0]]);
  if (type !== "metastore") out.push(["metastore", m.id]);
  return out;
}

/**
 * Where a storage URL lies: the external location whose url is a prefix of it (path-wise), if any.
 * UC refuses managed and external storage outside every external location.
 */
export function locationOf(m: Metastore, url: string): Obj | undefined {
  const norm = (u: string) => u.replace(/\/+$/, "");
  const u = norm(url);
  return [...m.externalLocations.values()].find((l) => {
    const base = norm(String(l.url));
    return u === base || u.startsWith(`${base}/`);
  });
}

export function requireUnderLocation(m: Metastore, url: unknown, what: string): string {
  if (typeof url !== "string" || !/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.test(url))
    throw invalid(`${what} must be a storage URL (abfss://container@account.dfs.core.windows.net/path).`);
  if (!locationOf(m, url))
    throw invalid(`${what} ${url} is not inside any external location of the metastore.`);
  return url.replace(/\/+$/, "");
}

/** Removes every grant and binding of a securable and its children (delete). */
export function dropSecurable(m: Metastore, type: SecurableType, fullName: string): void {
  const key = fullName.toLowerCase();
  for (const k of [...m.grants.keys()]) {
    const [t, n] = [k.slice(0, k.indexOf("/")), k.slice(k.indexOf("/") + 1)];
    const child = (type === "catalog" || type === "schema") && n.startsWith(`${key}.`);
    if ((t === type && n === key) || child) m.grants.delete(k);
  }
  m.bindings.delete(`${type}/${key}`);
}
