import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { SAMPLE_UC_SECRET_VALUES } from "../../emulator/seeds/sample-uc";
import { UC_KIND_NAMES } from "../../kinds/unity-catalog/names";
import { readSnapshot } from "../../snapshot/reader";
import { descriptors, emulator, exportOnce, manifest, readTree, tmpDir } from "./helpers";

type Obj = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();

// Every expected value comes from the emulator's own state (its Unity Catalog metastore), never from
// the exporter.
describe("export of the sample workspace's Unity Catalog", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    // As the service soon will: a listing without max_results is refused, so every call must page.
    emu.state.uc.requirePaging = true;
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());
  const m = () => emu.state.uc.current()!;
  const values = (map: Map<string, Obj>, field: string) => [...map.values()].map((o) => String(o[field]));

  it("holds every securable of the metastore, by the API's ids (names where UC has none)", () => {
    expect(descriptors(out, "uc-metastore").map((d) => d.id)).toEqual([m().id]);
    expect(sorted(descriptors(out, "uc-storage-credential").map((d) => d.id))).toEqual(
      sorted(values(m().storageCredentials, "id")),
    );
    expect(sorted(descriptors(out, "uc-external-location").map((d) => d.id))).toEqual(
      sorted(values(m().externalLocations, "name")),
    );
    expect(sorted(descriptors(out, "uc-connection").map((d) => d.id))).toEqual(
      sorted(values(m().connections, "connection_id")),
    );
    // The system catalog is Databricks' own (skipped with the reason), and so is every information_schema.
    const system = new Set(
      [...m().catalogs.values()]
        .filter((c) => c.catalog_type === "SYSTEM_CATALOG")
        .map((c) => String(c.name)),
    );
    expect(system.size).toBeGreaterThan(0);
    expect(sorted(descriptors(out, "uc-catalog").map((d) => d.id))).toEqual(
      sorted(values(m().catalogs, "name").filter((n) => !system.has(n))),
    );
    expect(manifest(out).skipped).toEqual(
      expect.arrayContaining([...system].map((id) => expect.objectContaining({ kind: "uc-catalog", id }))),
    );
    const schemas = [...m().schemas.values()].filter(
      (s) => s.name !== "information_schema" && !system.has(String(s.catalog_name)),
    );
    expect(sorted(descriptors(out, "uc-schema").map((d) => d.id))).toEqual(
      sorted(schemas.map((s) => String(s.schema_id))),
    );
    expect(sorted(descriptors(out, "uc-table").map((d) => d.id))).toEqual(
      sorted(values(m().tables, "table_id")),
    );
    expect(sorted(descriptors(out, "uc-volume").map((d) => d.id))).toEqual(
      sorted(values(m().volumes, "volume_id")),
    );
    expect(sorted(descriptors(out, "uc-function").map((d) => d.id))).toEqual(
      sorted(values(m().functions, "function_id")),
    );
    for (const k of UC_KIND_NAMES) expect([k, manifest(out).counts[k] > 0]).toEqual([k, true]);
    // The snapshot reads back: every descriptor valid, every reference to a schema is one exported.
    const snap = readSnapshot(out);
    const schemaIds = new Set(snap.descriptors["uc-schema"].map((s) => s.id));
    for (const t of snap.descriptors["uc-table"])
      expect([t.fullName, schemaIds.has(t.schemaId!)]).toEqual([t.fullName, true]);
  });

  it("managed, external and view tables as the state holds them", () => {
    for (const t of [...m().tables.values()].filter((x) => x.catalog_name !== "system")) {
      const d = descriptors(out, "uc-table").find((x) => x.id === t.table_id);
      expect([t.full_name, d.tableType]).toEqual([t.full_name, t.table_type]);
      if (t.table_type === "MANAGED") expect(d.managedData.remedy).toMatch(/DEEP CLONE/);
      if (t.table_type === "EXTERNAL") expect(d.storageLocation).toBe(t.storage_location);
      if (t.table_type === "VIEW") expect(d.viewDefinition).toBe(t.view_definition);
    }
  });

  it("direct grants of every securable, as the metastore holds them", () => {
    const grantsOf = (type: string, name: string) =>
      [...(m().grants.get(`${type}/${name.toLowerCase()}`) ?? new Map<string, string[]>())]
        .filter(([, privileges]) => privileges.length)
        .map(([principal, privileges]) => ({ principal, privileges: sorted(privileges) }))
        .sort((a, b) => (a.principal < b.principal ? -1 : 1));
    for (const c of descriptors(out, "uc-catalog"))
      expect([c.id, c.grants]).toEqual([c.id, grantsOf("catalog", c.name)]);
    for (const t of descriptors(out, "uc-table"))
      expect([t.id, t.grants]).toEqual([t.id, grantsOf("table", t.fullName)]);
    for (const l of descriptors(out, "uc-external-location"))
      expect([l.id, l.grants]).toEqual([l.id, grantsOf("external_location", l.name)]);
    expect(descriptors(out, "uc-catalog").some((c) => c.grants.length > 0)).toBe(true);
  });

  it("never writes the connection's password", () => {
    const everything = [...readTree(out).values()].map((b) => b.toString("latin1")).join("\n");
    for (const secret of SAMPLE_UC_SECRET_VALUES) expect(everything).not.toContain(secret);
  });

  it("with the metastore unassigned, every UC kind is unknown, never 0", async () => {
    const emu2 = await emulator();
    try {
      emu2.state.uc.assignments.clear();
      const out2 = path.join(tmpDir(), "snap");
      await exportOnce(emu2, out2);
      const inv = manifest(out2).inventory as Obj[];
      for (const k of UC_KIND_NAMES) {
        expect([k, manifest(out2).counts[k]]).toEqual([k, undefined]);
        expect(inv.find((e) => e.family === k)).toMatchObject({ count: null, status: "unknown" });
      }
    } finally {
      await emu2.close();
    }
  });
});
