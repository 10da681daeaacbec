/**
 * Unity Catalog resources as the databricks provider applies them (terraform-provider-databricks
 * `catalog/`): a create with the fields the create request takes, then an update (PATCH) for what only the
 * update takes (owner, isolation mode, predictive optimization); grants as the diff of current and desired
 * privileges, per securable (`PATCH permissions/{type}/{name}`, authoritative); the metastore assignment
 * as a workspace-level `PUT workspaces/{id}/metastore` (default catalog `hive_metastore` unless given);
 * bindings as `PATCH bindings/{type}/{name}`. Bodies come from api-body.ts (the provider's declarations).
 *
 * SqlTable: the provider runs `CREATE TABLE` / `CREATE VIEW` on the warehouse (or a cluster it starts); the
 * round trip sends the same definition through `POST /api/2.1/unity-catalog/tables` instead (the emulator
 * runs no SQL): it checks what the stack defines, not the SQL text the provider would write.
 */
import type { DatabricksClient } from "../client";
import { apiBody, Inputs } from "./api-body";
import type { Applied, RestMapping } from "./rest-table";

export const UC = "/api/2.1/unity-catalog";
const T = (r: string) => `databricks:index/${r[0].toLowerCase()}${r.slice(1)}:${r}`;
export const UC_TYPES = {
  catalog: T("Catalog"),
  schema: T("Schema"),
  volume: T("Volume"),
  table: T("SqlTable"),
  grants: T("Grants"),
  credential: T("StorageCredential"),
  location: T("ExternalLocation"),
  assignment: T("MetastoreAssignment"),
  catalogBinding: T("CatalogWorkspaceBinding"),
  binding: T("WorkspaceBinding"),
  defaultNamespace: T("DefaultNamespaceSetting"),
} as const;

const enc = (name: string) => name.split(".").map(encodeURIComponent).join(".");
const pick = (body: Inputs, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));

/** Fields the update request takes but the create request does not: the provider PATCHes them after. */
const UPDATE_ONLY = ["owner", "isolation_mode", "enable_predictive_optimization"];
/** Fields the update request does not take (names, parents, storage): a change replaces the resource. */
const CREATE_ONLY = [
  "name",
  "catalog_name",
  "schema_name",
  "storage_root",
  "volume_type",
  "storage_location",
];
/** Inputs of the provider alone (how it deletes or updates), never in a request body. */
const PROVIDER_ONLY = ["forceDestroy", "forceUpdate", "providerConfig", "metastoreId"];

interface Securable {
  type: string;
  /** The collection (`catalogs`, `schemas`...). */
  path: string;
  /** Fields of the create request (the rest of the body goes to the update). */
  create: readonly string[];
  /** The securable's name in its own path: `name`, or the full name of objects in a schema. */
  key(inputs: Inputs, created: Inputs): string;
}

/** Create then, when the update-only fields are set, PATCH them: the provider's Create of UC securables. */
function securable(
  s: Securable,
  after?: (c: DatabricksClient, name: string, body: Inputs) => Promise<void>,
): RestMapping {
  const patch = async (c: DatabricksClient, name: string, body: Inputs, keys: readonly string[]) => {
    const fields = pick(body, keys);
    if (Object.keys(fields).length) await c.patch(`${UC}/${s.path}/${enc(name)}`, fields);
  };
  return {
    call: `POST ${UC}/${s.path} (+ PATCH owner, isolation)`,
    async create(c, inputs): Promise<Applied> {
      const body = apiBody(s.type, inputs, { drop: PROVIDER_ONLY });
      const created = await c.post<Inputs>(`${UC}/${s.path}`, pick(body, s.create));
      const name = s.key(inputs, created);
      await after?.(c, name, body);
      await patch(c, name, body, UPDATE_ONLY);
      return { id: name, outputs: { name: inputs.name ?? name } };
    },
    async update(c, id, inputs, old): Promise<Applied> {
      const body = apiBody(s.type, inputs, { drop: PROVIDER_ONLY });
      const before = apiBody(s.type, old, { drop: PROVIDER_ONLY });
      await patch(
        c,
        id,
        body,
        Object.keys(body).filter((k) => !CREATE_ONLY.includes(k)),
      );
      // A create-only field that changed is a replacement in the provider: not modelled, and said so.
      const replaced = CREATE_ONLY.filter((k) => JSON.stringify(body[k]) !== JSON.stringify(before[k]));
      return {
        id,
        outputs: { name: inputs.name ?? id },
        ...(replaced.length
          ? {
              notApplied: `${replaced.join(", ")} changed: the provider replaces the resource (not modelled)`,
            }
          : {}),
      };
    },
  };
}

const inSchema = (i: Inputs) => `${String(i.catalogName)}.${String(i.schemaName)}.${String(i.name)}`;

/** Grants: the argument naming the securable -> the API's securable type. */
const GRANT_TARGETS: Record<string, string> = {
  catalog: "catalog",
  schema: "schema",
  table: "table",
  volume: "volume",
  function: "function",
  storageCredential: "storage_credential",
  externalLocation: "external_location",
  metastore: "metastore",
  foreignConnection: "connection",
};

export function grantTarget(inputs: Inputs): { type: string; name: string } {
  const arg = Object.keys(GRANT_TARGETS).find((k) => typeof inputs[k] === "string");
  if (!arg) throw new Error(`Grants without a securable (${Object.keys(inputs).join(", ")})`);
  return { type: GRANT_TARGETS[arg], name: String(inputs[arg]) };
}

interface Assignment {
  principal: string;
  privileges?: string[];
}

/** The provider's replacePermissions: what the securable has, diffed against what is wanted, PATCHed. */
export async function replaceGrants(
  c: DatabricksClient,
  type: string,
  name: string,
  wanted: Assignment[],
): Promise<void> {
  const url = `${UC}/permissions/${type}/${enc(name)}`;
  const have = (await c.get<{ privilege_assignments?: Assignment[] }>(url)).privilege_assignments ?? [];
  const want = new Map(wanted.map((a) => [a.principal, new Set(a.privileges ?? [])]));
  const now = new Map(have.map((a) => [a.principal, new Set(a.privileges ?? [])]));
  const changes: { principal: string; add?: string[]; remove?: string[] }[] = [];
  for (const principal of [...new Set([...want.keys(), ...now.keys()])].sort()) {
    const w = want.get(principal) ?? new Set<string>();
    const h = now.get(principal) ?? new Set<string>();
    const add = [...w].filter((p) => !h.has(p)).sort();
    const remove = [...h].filter((p) => !w.has(p)).sort();
    if (add.length || remove.length)
      changes.push({ principal, ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) });
  }
  if (changes.length) await c.patch(url, { changes });
}

async function putGrants(c: DatabricksClient, inputs: Inputs): Promise<Applied> {
  const { type, name } = grantTarget(inputs);
  const body = apiBody(UC_TYPES.grants, inputs);
  await replaceGrants(c, type, name, (body.grants as Assignment[] | undefined) ?? []);
  return { id: `${type}/${name}` };
}

/** A binding of a securable to a workspace: `PATCH bindings/{type}/{name}` adding it. */
async function bind(c: DatabricksClient, inputs: Inputs, defaultType: string): Promise<Applied> {
  const type = String(inputs.securableType ?? defaultType);
  const name = String(inputs.securableName ?? inputs.catalogName ?? inputs.name);
  const workspace_id = Number(inputs.workspaceId);
  await c.patch(`${UC}/bindings/${type}/${enc(name)}`, {
    add: [{ workspace_id, binding_type: inputs.bindingType ?? "BINDING_TYPE_READ_WRITE" }],
  });
  return { id: `${workspace_id}|${type}|${name}` };
}

/** The workspace-level assignment (the stack's existing-metastore mode; an account provider's is not modelled). */
async function assign(c: DatabricksClient, inputs: Inputs): Promise<Applied> {
  const body = apiBody(UC_TYPES.assignment, inputs, { drop: ["providerConfig"] });
  const workspaceId = String(inputs.workspaceId);
  await c.put(`${UC}/workspaces/${workspaceId}/metastore`, {
    metastore_id: body.metastore_id,
    default_catalog_name: body.default_catalog_name ?? "hive_metastore",
  });
  return { id: `${workspaceId}|${String(inputs.metastoreId)}` };
}

/** SqlTable's definition as a TableInfo: columns in order, partition columns by their index. */
function tableBody(inputs: Inputs): Inputs {
  const body = apiBody(UC_TYPES.table, inputs, {
    drop: ["warehouseId", "clusterId", "partitions", "clusterKeys"],
  });
  const partitions = (inputs.partitions as string[] | undefined) ?? [];
  const columns = ((inputs.columns as Inputs[] | undefined) ?? []).map((col, i) => ({
    name: col.name,
    type_text: col.type,
    position: i,
    ...(col.comment !== undefined ? { comment: col.comment } : {}),
    ...(col.nullable !== undefined ? { nullable: col.nullable } : {}),
    ...(partitions.includes(String(col.name))
      ? { partition_index: partitions.indexOf(String(col.name)) }
      : {}),
  }));
  return { ...body, ...(columns.length ? { columns } : {}) };
}

/** What the stand-in cannot do for a view: its columns come from running its definition. */
export const VIEW_COLUMNS_NOT_APPLIED =
  "columns: CREATE VIEW derives a view's columns from its definition, which the emulator does not run (definition applied, columns not compared)";
const viewColumns = (inputs: Inputs) => (inputs.tableType === "VIEW" ? VIEW_COLUMNS_NOT_APPLIED : undefined);

export const DEFAULT_NAMESPACE = "/api/2.0/settings/types/default_namespace_ws/names/default";

/** The fresh etag a Settings API refusal carries in its details (google.rpc.ErrorInfo metadata). */
export function freshEtag(e: unknown): string | undefined {
  const details = (e as { details?: { metadata?: { etag?: unknown } }[] }).details ?? [];
  const etag = details.find((d) => typeof d?.metadata?.etag === "string")?.metadata?.etag;
  return typeof etag === "string" ? etag : undefined;
}

/**
 * A workspace setting as the provider writes it: PATCH with the etag it holds (none on create); refused
 * with 404/409, it retries once with the fresh etag the refusal carries.
 */
async function putDefaultNamespace(c: DatabricksClient, inputs: Inputs, etag?: string): Promise<Applied> {
  const body = apiBody(UC_TYPES.defaultNamespace, inputs);
  const send = (tag?: string) =>
    c.patch<{ etag: string }>(DEFAULT_NAMESPACE, {
      allow_missing: true,
      field_mask: "namespace.value",
      setting: { ...body, setting_name: "default", ...(tag ? { etag: tag } : {}) },
    });
  let r: { etag: string };
  try {
    r = await send(etag);
  } catch (e) {
    const fresh = freshEtag(e);
    const status = (e as { status?: number }).status;
    if (!fresh || (status !== 404 && status !== 409)) throw e;
    r = await send(fresh);
  }
  return { id: "default", outputs: { etag: r.etag } };
}

export const UC_TABLE: Readonly<Record<string, RestMapping>> = {
  [UC_TYPES.defaultNamespace]: {
    call: `PATCH ${DEFAULT_NAMESPACE} (etag retry)`,
    create: (c, i) => putDefaultNamespace(c, i),
    update: (c, _id, i, old) => putDefaultNamespace(c, i, old.etag as string | undefined),
  },
  [UC_TYPES.credential]: securable({
    type: UC_TYPES.credential,
    path: "storage-credentials",
    create: ["name", "azure_managed_identity", "comment", "read_only", "skip_validation"],
    key: (i) => String(i.name),
  }),
  [UC_TYPES.location]: securable({
    type: UC_TYPES.location,
    path: "external-locations",
    create: ["name", "url", "credential_name", "comment", "read_only", "skip_validation", "fallback"],
    key: (i) => String(i.name),
  }),
  [UC_TYPES.catalog]: securable(
    {
      type: UC_TYPES.catalog,
      path: "catalogs",
      create: [
        "name",
        "comment",
        "properties",
        "storage_root",
        "provider_name",
        "share_name",
        "connection_name",
        "options",
      ],
      key: (i) => String(i.name),
    },
    // The provider removes the `default` schema of every new standard catalog (not shared, not foreign).
    async (c, name, body) => {
      if (body.share_name === undefined && body.connection_name === undefined)
        await c.delete(`${UC}/schemas/${enc(`${name}.default`)}`);
    },
  ),
  [UC_TYPES.schema]: securable({
    type: UC_TYPES.schema,
    path: "schemas",
    create: ["name", "catalog_name", "comment", "properties", "storage_root"],
    key: (i) => `${String(i.catalogName)}.${String(i.name)}`,
  }),
  [UC_TYPES.volume]: securable({
    type: UC_TYPES.volume,
    path: "volumes",
    create: ["name", "catalog_name", "schema_name", "volume_type", "storage_location", "comment"],
    key: inSchema,
  }),
  [UC_TYPES.table]: {
    call: `POST ${UC}/tables (for the provider's CREATE TABLE / VIEW on the warehouse)`,
    async create(c, inputs) {
      await c.post(`${UC}/tables`, tableBody(inputs));
      return { id: inSchema(inputs), outputs: { name: inputs.name }, notApplied: viewColumns(inputs) };
    },
    async update(c, id, inputs) {
      // The provider re-creates a table whose definition changed (CREATE OR REPLACE); owner is an ALTER.
      await c.delete(`${UC}/tables/${enc(id)}`);
      await c.post(`${UC}/tables`, tableBody(inputs));
      return { id, outputs: { name: inputs.name }, notApplied: viewColumns(inputs) };
    },
  },
  [UC_TYPES.grants]: {
    call: `PATCH ${UC}/permissions/{type}/{name}`,
    create: putGrants,
    update: (c, _id, i) => putGrants(c, i),
  },
  [UC_TYPES.assignment]: {
    call: `PUT ${UC}/workspaces/{id}/metastore`,
    create: assign,
    update: (c, _id, i) => assign(c, i),
  },
  [UC_TYPES.catalogBinding]: {
    call: `PATCH ${UC}/bindings/catalog/{name}`,
    create: (c, i) => bind(c, i, "catalog"),
    update: (c, _id, i) => bind(c, i, "catalog"),
  },
  [UC_TYPES.binding]: {
    call: `PATCH ${UC}/bindings/{type}/{name}`,
    create: (c, i) => bind(c, i, "catalog"),
    update: (c, _id, i) => bind(c, i, "catalog"),
  },
};
