import { invalid } from "../errors";
import { boolParam, ok, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";
import {
  byName,
  cur,
  ownerOf,
  dropSecurable,
  inUse,
  locationOf,
  missing,
  securable,
  stamp,
  touched,
  UC,
  ucExists,
  ucName,
  ucPage,
  uuid,
} from "./uc-common";

/** Storage credentials, external locations and connections: what UC reaches storage and other systems by. */
const CONNECTOR =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Databricks\/accessConnectors\/[^/]+$/i;
const ISOLATION = ["ISOLATION_MODE_OPEN", "ISOLATION_MODE_ISOLATED"];
/** Connection options that are credentials: stored, never answered (as the service leaves them out). */
export const SECRET_OPTIONS = [
  "password",
  "client_secret",
  "pem_private_key",
  "pem_private_key_password",
  "personalAccessToken",
  "access_token",
  "refresh_token",
];
const CONNECTION_TYPES = [
  "MYSQL",
  "POSTGRESQL",
  "SNOWFLAKE",
  "REDSHIFT",
  "SQLDW",
  "SQLSERVER",
  "DATABRICKS",
  "BIGQUERY",
  "GLUE",
  "HIVE_METASTORE",
  "HTTP",
  "ORACLE",
  "SALESFORCE",
  "TERADATA",
];

/** Write-only parts of stored objects (a service principal's client secret, connection passwords). */
const hidden = new WeakMap<Obj, Obj>();
export function secretsOf(o: Obj): Obj | undefined {
  return hidden.get(o);
}

function managedIdentity(v: unknown): Obj {
  const mi = v as Obj;
  if (typeof mi?.access_connector_id !== "string" || !CONNECTOR.test(mi.access_connector_id))
    throw invalid(
      "azure_managed_identity.access_connector_id must be /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Databricks/accessConnectors/<name>.",
    );
  const out: Obj = { access_connector_id: mi.access_connector_id };
  if (mi.managed_identity_id) out.managed_identity_id = mi.managed_identity_id;
  return out;
}

export function createStorageCredential(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const name = ucName(body.name, "name");
  if (m.storageCredentials.has(name))
    throw ucExists("STORAGE_CREDENTIAL_ALREADY_EXISTS", `Storage Credential '${name}' already exists.`);
  const c: Obj = { name, full_name: name, id: uuid(state), metastore_id: m.id };
  if (body.azure_managed_identity) {
    c.azure_managed_identity = {
      ...managedIdentity(body.azure_managed_identity),
      credential_id: uuid(state),
    };
  } else if (body.azure_service_principal) {
    const sp = body.azure_service_principal as Obj;
    if (!sp.directory_id || !sp.application_id || !sp.client_secret)
      throw invalid("azure_service_principal needs directory_id, application_id and client_secret.");
    c.azure_service_principal = { directory_id: sp.directory_id, application_id: sp.application_id };
    hidden.set(c, { client_secret: sp.client_secret });
  } else throw invalid("A storage credential needs azure_managed_identity or azure_service_principal.");
  if (body.comment !== undefined) c.comment = String(body.comment);
  Object.assign(c, stamp(state, body.owner), {
    read_only: !!body.read_only,
    used_for_managed_storage: false,
    isolation_mode: "ISOLATION_MODE_OPEN",
  });
  m.storageCredentials.set(name, c);
  return c;
}

export function createExternalLocation(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const name = ucName(body.name, "name");
  if (m.externalLocations.has(name))
    throw ucExists("EXTERNAL_LOCATION_ALREADY_EXISTS", `External Location '${name}' already exists.`);
  const url = String(body.url ?? "").replace(/\/+$/, "");
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.test(url)) throw invalid(`Invalid url: '${body.url ?? ""}'.`);
  const credName = String(body.credential_name ?? "").toLowerCase();
  if (!credName) throw invalid("Missing required field: credential_name");
  const cred = m.storageCredentials.get(credName);
  if (!cred) throw missing("storage_credential", String(body.credential_name));
  const overlap = [...m.externalLocations.values()].find((l) => {
    const a = String(l.url);
    return a === url || url.startsWith(`${a}/`) || a.startsWith(`${url}/`);
  });
  if (overlap)
    throw invalid(`URL ${url} overlaps with an existing external location ${overlap.name} (${overlap.url}).`);
  const l: Obj = { name, url, credential_name: credName, credential_id: cred.id, metastore_id: m.id };
  if (body.comment !== undefined) l.comment = String(body.comment);
  Object.assign(l, stamp(state, body.owner), {
    read_only: !!body.read_only,
    fallback: !!body.fallback,
    isolation_mode: "ISOLATION_MODE_OPEN",
    browse_only: false,
  });
  m.externalLocations.set(name, l);
  return l;
}

export function createConnection(state: WorkspaceState, m: Metastore, body: Obj): Obj {
  const name = ucName(body.name, "name");
  if (m.connections.has(name)) throw ucExists("ALREADY_EXISTS", `Connection '${name}' already exists.`);
  const type = String(body.connection_type ?? "");
  if (!CONNECTION_TYPES.includes(type)) throw invalid(`Invalid connection_type: '${type}'.`);
  if (!body.options || typeof body.options !== "object") throw invalid("Missing required field: options");
  const c: Obj = {
    name,
    full_name: name,
    connection_type: type,
    connection_id: uuid(state),
    metastore_id: m.id,
  };
  setOptions(c, body.options as Obj);
  if (body.comment !== undefined) c.comment = String(body.comment);
  if (body.properties) c.properties = { ...(body.properties as Obj) };
  Object.assign(c, stamp(state, body.owner), {
    credential_type: "USERNAME_PASSWORD",
    read_only: body.read_only ?? true,
    securable_type: "CONNECTION",
    provisioning_info: { state: "ACTIVE" },
  });
  const o = c.options as Obj;
  if (o.host) c.url = `${o.host}${o.port ? `:${o.port}` : ""}`;
  m.connections.set(name, c);
  return c;
}

function setOptions(c: Obj, options: Obj): void {
  const shown: Obj = {};
  const secret: Obj = {};
  for (const [k, v] of Object.entries(options)) (SECRET_OPTIONS.includes(k) ? secret : shown)[k] = String(v);
  c.options = shown;
  hidden.set(c, { ...(hidden.get(c) ?? {}), ...secret });
}

function patchBasics(ctx: RequestContext, o: Obj): void {
  const b = ctx.body;
  if (b.new_name !== undefined && b.new_name !== o.name)
    throw invalid("Renaming (new_name) is not supported by the emulator.");
  if (typeof b.owner === "string" && b.owner) o.owner = ownerOf(ctx.state, b.owner);
  if (b.comment !== undefined) o.comment = String(b.comment);
  if (b.read_only !== undefined) o.read_only = !!b.read_only;
  if (b.isolation_mode !== undefined) {
    if (!ISOLATION.includes(String(b.isolation_mode)))
      throw invalid(`Invalid isolation_mode: ${b.isolation_mode}`);
    o.isolation_mode = b.isolation_mode;
  }
}

/** Objects whose storage lies in an external location (they keep it from being deleted without force). */
function usersOf(m: Metastore, loc: Obj): string[] {
  const inside = (u: unknown) => typeof u === "string" && locationOf(m, u)?.name === loc.name;
  return [
    ...[...m.catalogs.values()].filter((c) => inside(c.storage_root)).map((c) => `catalog ${c.name}`),
    ...[...m.schemas.values()].filter((s) => inside(s.storage_root)).map((s) => `schema ${s.full_name}`),
    ...[...m.tables.values()]
      .filter((t) => t.table_type === "EXTERNAL" && inside(t.storage_location))
      .map((t) => `table ${t.full_name}`),
    ...[...m.volumes.values()]
      .filter((v) => v.volume_type === "EXTERNAL" && inside(v.storage_location))
      .map((v) => `volume ${v.full_name}`),
  ];
}

export function registerUcStorage(r: Router): void {
  const cred = (ctx: RequestContext) => securable(cur(ctx), "storage_credential", ctx.params.name);
  r.get(`${UC}/storage-credentials`, (ctx) =>
    ok(
      ucPage(ctx, [...cur(ctx).storageCredentials.values()].sort(byName), "storage_credentials", {
        allWhenUnset: true,
      }),
    ),
  );
  r.post(`${UC}/storage-credentials`, (ctx) => ok(createStorageCredential(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/storage-credentials/{name}`, (ctx) => ok(cred(ctx)));
  r.patch(`${UC}/storage-credentials/{name}`, (ctx) => {
    const c = cred(ctx);
    patchBasics(ctx, c);
    if (ctx.body.azure_managed_identity)
      c.azure_managed_identity = {
        ...managedIdentity(ctx.body.azure_managed_identity),
        credential_id: c.azure_managed_identity?.credential_id ?? uuid(ctx.state),
      };
    return ok(touched(ctx.state, c));
  });
  r.delete(`${UC}/storage-credentials/{name}`, (ctx) => {
    const m = cur(ctx);
    const c = cred(ctx);
    const locs = [...m.externalLocations.values()]
      .filter((l) => l.credential_name === c.name)
      .map((l) => l.name);
    if (locs.length && !boolParam(ctx, "force"))
      throw inUse(
        `Storage credential '${c.name}' cannot be deleted because it is configured in external locations: ${locs.join(", ")}.`,
      );
    m.storageCredentials.delete(c.name);
    dropSecurable(m, "storage_credential", c.name);
    return ok({});
  });

  const loc = (ctx: RequestContext) => securable(cur(ctx), "external_location", ctx.params.name);
  r.get(`${UC}/external-locations`, (ctx) =>
    ok(
      ucPage(ctx, [...cur(ctx).externalLocations.values()].sort(byName), "external_locations", {
        allWhenUnset: true,
      }),
    ),
  );
  r.post(`${UC}/external-locations`, (ctx) => ok(createExternalLocation(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/external-locations/{name}`, (ctx) => ok(loc(ctx)));
  r.patch(`${UC}/external-locations/{name}`, (ctx) => {
    const m = cur(ctx);
    const l = loc(ctx);
    patchBasics(ctx, l);
    if (ctx.body.credential_name !== undefined) {
      const c = securable(m, "storage_credential", String(ctx.body.credential_name));
      Object.assign(l, { credential_name: c.name, credential_id: c.id });
    }
    if (ctx.body.url !== undefined) l.url = String(ctx.body.url).replace(/\/+$/, "");
    return ok(touched(ctx.state, l));
  });
  r.delete(`${UC}/external-locations/{name}`, (ctx) => {
    const m = cur(ctx);
    const l = loc(ctx);
    const users = usersOf(m, l);
    if (users.length && !boolParam(ctx, "force"))
      throw inUse(
        `External location '${l.name}' cannot be deleted: it holds the storage of ${users.join(", ")}.`,
      );
    m.externalLocations.delete(l.name);
    dropSecurable(m, "external_location", l.name);
    return ok({});
  });

  const conn = (ctx: RequestContext) => securable(cur(ctx), "connection", ctx.params.name);
  r.get(`${UC}/connections`, (ctx) =>
    ok(ucPage(ctx, [...cur(ctx).connections.values()].sort(byName), "connections", { allWhenUnset: true })),
  );
  r.post(`${UC}/connections`, (ctx) => ok(createConnection(ctx.state, cur(ctx), ctx.body)));
  r.get(`${UC}/connections/{name}`, (ctx) => ok(conn(ctx)));
  r.patch(`${UC}/connections/{name}`, (ctx) => {
    const c = conn(ctx);
    patchBasics(ctx, c);
    if (ctx.body.options) setOptions(c, ctx.body.options as Obj);
    return ok(touched(ctx.state, c));
  });
  r.delete(`${UC}/connections/{name}`, (ctx) => {
    const m = cur(ctx);
    const c = conn(ctx);
    const users = [...m.catalogs.values()].filter((k) => k.connection_name === c.name).map((k) => k.name);
    if (users.length) throw inUse(`Connection '${c.name}' is used by foreign catalogs: ${users.join(", ")}.`);
    m.connections.delete(c.name);
    dropSecurable(m, "connection", c.name);
    return ok({});
  });
}
