/**
 * The Unity Catalog part of the bench's floor (bench/floor.ts): the fewest `unity-catalog-read` requests
 * a full export needs, counted from the emulator's metastore: every listing at the largest page the API
 * serves (tables 50, volumes 10,000, the rest 1,000; UC_PAGE), one `permissions/{type}/{name}` read per
 * securable the export replicates (its direct grants: there is no bulk grants API), one bindings read per
 * ISOLATED catalog, credential or location. Nothing here asks the exporter what it sends.
 */
import { UC_PAGE } from "../emulator/routes/uc-common";
import type { Obj } from "../emulator/state/types";
import type { WorkspaceState } from "../emulator/state/workspace-state";

const s = (v: unknown) => (typeof v === "string" ? v : "");

/** Catalogs Databricks provides (system, the legacy Hive metastore, its own internal ones): not replicated. */
function provided(c: Obj): boolean {
  const type = s(c.catalog_type);
  const name = s(c.name);
  return (
    type === "SYSTEM_CATALOG" ||
    type === "INTERNAL_CATALOG" ||
    name === "system" ||
    name === "hive_metastore" ||
    name.startsWith("__databricks_internal")
  );
}

/** Catalogs whose schemas are the metastore's own (a share's or a foreign database's are not listed). */
const walkable = (c: Obj) =>
  !provided(c) && s(c.catalog_type) !== "DELTASHARING_CATALOG" && s(c.catalog_type) !== "FOREIGN_CATALOG";

const isolated = (o: Obj) => s(o.isolation_mode).includes("ISOLATED");

export function ucCensus(state: WorkspaceState): number {
  const m = state.uc.current();
  if (!m) return 1; // metastore_summary, answered 404: every UC kind is then unavailable
  // A listing spanning pages answers one empty page first when the emulator is set to (as the API may).
  const pages = (n: number, size: number) =>
    Math.max(1, Math.ceil(n / size)) + (state.uc.emptyPages && n > size ? 1 : 0);
  // metastore_summary, current-metastore-assignment (its default catalog), the metastore's grants.
  let n = 3;
  const creds = [...m.storageCredentials.values()];
  const locations = [...m.externalLocations.values()];
  const connections = [...m.connections.values()];
  n += pages(creds.length, UC_PAGE.default) + creds.length + creds.filter(isolated).length;
  n += pages(locations.length, UC_PAGE.default) + locations.length + locations.filter(isolated).length;
  n += pages(connections.length, UC_PAGE.default) + connections.length;
  const catalogs = [...m.catalogs.values()];
  n += pages(catalogs.length, UC_PAGE.default);
  const replicated = catalogs.filter((c) => !provided(c));
  n += replicated.length + replicated.filter(isolated).length;
  const walked = new Set(catalogs.filter(walkable).map((c) => s(c.name)));
  const count = (map: Map<string, Obj>, key: (o: Obj) => string) => {
    const by = new Map<string, number>();
    for (const o of map.values()) by.set(key(o), (by.get(key(o)) ?? 0) + 1);
    return by;
  };
  const schemasOf = count(m.schemas, (o) => s(o.catalog_name));
  const schemas = [...m.schemas.values()].filter(
    (o) => walked.has(s(o.catalog_name)) && s(o.name) !== "information_schema",
  );
  for (const c of walked) n += pages(schemasOf.get(c) ?? 0, UC_PAGE.default);
  n += schemas.length;
  const inSchema = (o: Obj) => `${s(o.catalog_name)}.${s(o.schema_name)}`;
  const children: [Map<string, Obj>, number][] = [
    [m.tables, UC_PAGE.tables],
    [m.volumes, UC_PAGE.volumes],
    [m.functions, UC_PAGE.default],
  ];
  for (const [map, size] of children) {
    const by = count(map, inSchema);
    for (const sch of schemas) {
      const k = `${s(sch.catalog_name)}.${s(sch.name)}`;
      n += pages(by.get(k) ?? 0, size) + (by.get(k) ?? 0);
    }
  }
  return n;
}
