/**
 * The fault suite's truth for Unity Catalog: every securable the emulator's metastore holds when the export
 * starts (its own state objects, never exporter output), with the fields its descriptor must carry as the
 * README documents them (owner, comment, the securable's defining fields) and its direct grants as an exact
 * set. Catalogs Databricks provides (system, hive_metastore, __databricks_internal*), `information_schema`
 * and what lies in a Delta Sharing or foreign catalog are not the workspace's own: not looked for.
 */
import type { Obj } from "../emulator/state/types";
import type { WorkspaceState } from "../emulator/state/workspace-state";
import type { KindName } from "../kinds/common";

export interface UcTruth {
  kind: KindName;
  /** How the snapshot names it: the full name (metastore: its id). */
  name: string;
  /**
   * Ids a skip may carry: the name, the object's own id as the API gives it (table_id, volume_id, ...), or
   * `<parent>.*` when the parent's listing was refused.
   */
  skipIds: string[];
  /** Descriptor field → the primary's value (absent fields left out). */
  fields: Obj;
  /** `principal:PRIVILEGE`, sorted. */
  grants: string[];
}

const s = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const provided = (c: Obj) =>
  ["SYSTEM_CATALOG", "INTERNAL_CATALOG"].includes(String(c.catalog_type)) ||
  ["system", "hive_metastore"].includes(String(c.name)) ||
  String(c.name).startsWith("__databricks_internal");
const foreign = (c: Obj) => ["DELTASHARING_CATALOG", "FOREIGN_CATALOG"].includes(String(c.catalog_type));

export function captureUc(state: WorkspaceState): UcTruth[] {
  const m = state.uc.current();
  if (!m) return [];
  const grantsOf = (type: string, name: string) =>
    [...(m.grants.get(`${type}/${type === "metastore" ? name : name.toLowerCase()}`) ?? new Map())]
      .flatMap(([p, privs]: [string, string[]]) => privs.map((x) => `${p}:${x}`))
      .sort();
  const out: UcTruth[] = [];
  const add = (kind: KindName, type: string, o: Obj, name: string, parents: string[], fields: Obj) =>
    out.push({
      kind,
      name,
      skipIds: [
        name,
        ...["id", "table_id", "volume_id", "schema_id", "function_id", "connection_id", "metastore_id"]
          .map((k) => s(o[k]))
          .filter((x): x is string => !!x),
        ...parents.map((p) => `${p}.*`),
      ],
      fields: Object.fromEntries(
        Object.entries({ owner: s(o.owner), comment: s(o.comment), ...fields }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
      grants: grantsOf(type, type === "metastore" ? m.id : name),
    });
  add("uc-metastore", "metastore", m.info, m.id, [], {});
  for (const c of m.storageCredentials.values())
    add("uc-storage-credential", "storage_credential", c, String(c.name), [], {});
  for (const l of m.externalLocations.values())
    add("uc-external-location", "external_location", l, String(l.name), [], {
      url: s(l.url),
      credentialName: s(l.credential_name),
    });
  for (const c of m.connections.values()) add("uc-connection", "connection", c, String(c.name), [], {});
  const walked = new Set<string>();
  for (const c of m.catalogs.values()) {
    if (provided(c)) continue;
    if (!foreign(c)) walked.add(String(c.name));
    add("uc-catalog", "catalog", c, String(c.name), [], {
      storageRoot: s(c.storage_root),
      isolationMode: s(c.isolation_mode),
    });
  }
  const schemas = new Set<string>();
  for (const o of m.schemas.values()) {
    if (!walked.has(String(o.catalog_name)) || o.name === "information_schema") continue;
    const full = `${String(o.catalog_name)}.${String(o.name)}`;
    schemas.add(full);
    add("uc-schema", "schema", o, full, [String(o.catalog_name)], { storageRoot: s(o.storage_root) });
  }
  const children: [Map<string, Obj>, KindName, string, (o: Obj) => Obj][] = [
    [
      m.tables,
      "uc-table",
      "table",
      (o) => ({
        tableType: s(o.table_type),
        storageLocation: s(o.storage_location),
        viewDefinition: s(o.view_definition),
      }),
    ],
    [m.volumes, "uc-volume", "volume", (o) => ({ volumeType: s(o.volume_type) })],
    [m.functions, "uc-function", "function", () => ({})],
  ];
  for (const [map, kind, type, fields] of children)
    for (const o of map.values()) {
      const schema = `${String(o.catalog_name)}.${String(o.schema_name)}`;
      if (!schemas.has(schema)) continue;
      add(kind, type, o, `${schema}.${String(o.name)}`, [schema], fields(o));
    }
  return out;
}

/** What a descriptor says differently from the primary (empty: it says the same). */
export function ucDifferences(t: UcTruth, d: Obj): string[] {
  const out: string[] = [];
  for (const [k, want] of Object.entries(t.fields))
    if (d[k] !== want) out.push(`${k}: ${JSON.stringify(d[k])}, the primary has ${JSON.stringify(want)}`);
  const got = ((d.grants ?? []) as { principal: string; privileges: string[] }[])
    .flatMap((g) => g.privileges.map((p) => `${g.principal}:${p}`))
    .sort();
  const want = new Set(t.grants);
  for (const g of t.grants) if (!got.includes(g)) out.push(`grant ${g} lost`);
  for (const g of got) if (!want.has(g)) out.push(`grant ${g} not in the primary`);
  return out;
}

/** The snapshot's UC descriptors of a kind by the name UcTruth uses (the metastore by its id). */
export function ucByName(kind: KindName, descriptors: Obj[]): Map<string, Obj> {
  return new Map(
    descriptors.map((d) => [String(kind === "uc-metastore" ? d.id : (d.fullName ?? d.name)), d]),
  );
}
