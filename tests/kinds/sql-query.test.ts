/**
 * The `sql-query` kind on the recorded sql/queries bodies (tests/fixtures/databricks-api/get-query.json,
 * get-queries.json) and on the emulator's sample: it validates, names its warehouse and owner, maps to the
 * provider's `Query` args (checked against its .d.ts), and the export holds every query the emulator has.
 * Expected values are read off the fixtures, the provider's argument names and the emulator's state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KINDS } from "../../kinds/registry";
import { normalizeSqlQuery } from "../../kinds/sql-query/exporter";
import { sqlQueryArgs } from "../../kinds/sql-query/mapping";
import { queriesInDependencyOrder } from "../../kinds/sql-query/provisioner";
import { SqlQueryDescriptor, sqlQueryReferences, sqlQuerySchema } from "../../kinds/sql-query/schema";
import { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { readSnapshot } from "../../snapshot/reader";
import { RunningEmulator } from "../../emulator";
import { emulator, exportOnce, tmpDir } from "../exporter/helpers";

const FIXTURES = path.join(__dirname, "../fixtures/databricks-api");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8"));
const raw = load("get-query.json");
const QUERY = "databricks:index/query:Query";

const secondary: Record<string, string> = {
  "sql-warehouse:f562046bc1272886": "wh-secondary",
  "user:user@domain.com": "user@domain.com",
};
const resolve: Resolver = (ref) => {
  const v = secondary[`${ref.kind}:${ref.id}`];
  return v === undefined ? { missing: "not replicated" } : { value: v };
};
const fixture = (): SqlQueryDescriptor => sqlQuerySchema.parse(normalizeSqlQuery(raw));

describe("the recorded query", () => {
  it("validates with the query id as its stable id, read-only fields left out", () => {
    const d = fixture();
    expect(d.id).toBe("16c4f969-eea0-4aad-8f82-03d79b078dcc");
    expect(d.name).toBe(raw.display_name);
    expect(d.settings.query_text).toBe(raw.query_text);
    for (const k of ["id", "create_time", "update_time", "lifecycle_state", "last_modifier_user_name"])
      expect(d.settings[k]).toBeUndefined();
    expect(KINDS["sql-query"].schema.safeParse(d).success).toBe(true);
    // The list entry and the get body are the same query.
    expect(normalizeSqlQuery(load("get-queries.json").results[0])).toEqual(d);
  });

  it("is validated deeply, naming the field", () => {
    const bad = structuredClone(fixture());
    bad.settings.run_as_mode = "SOMEONE";
    const r = sqlQuerySchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["settings", "run_as_mode"]);
    const two = structuredClone(fixture());
    two.settings.parameters = [{ name: "p", text_value: { value: "a" }, numeric_value: { value: 1 } }];
    expect(sqlQuerySchema.safeParse(two).success).toBe(false);
    const noWh = structuredClone(fixture());
    delete noWh.settings.warehouse_id;
    expect(sqlQuerySchema.safeParse(noWh).success).toBe(false);
  });

  it("references its warehouse and owner", () => {
    expect(sqlQueryReferences(fixture())).toEqual([
      { kind: "sql-warehouse", id: "f562046bc1272886", field: "settings.warehouse_id" },
      { kind: "user", id: "user@domain.com", field: "settings.owner_user_name" },
    ]);
  });

  it("maps to Query args the provider declares, on the secondary's warehouse", () => {
    const m = sqlQueryArgs(fixture(), { resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(checkResourceInputs(QUERY, m.args as unknown as Record<string, unknown>)).toEqual([]);
    expect(m.args).toMatchObject({
      displayName: raw.display_name,
      queryText: raw.query_text,
      warehouseId: "wh-secondary",
      ownerUserName: "user@domain.com",
      runAsMode: "OWNER",
    });
  });

  it("is skipped, saying why, when its warehouse is not in the secondary", () => {
    const m = sqlQueryArgs(fixture(), { resolve: () => ({ missing: "not replicated" }) });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.skip).toContain("f562046bc1272886");
  });
});

describe("the sample's queries", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  it("are all exported, each as the emulator holds it", () => {
    const state = [...(emu.state.sqlObjects.get("sql/queries")?.values() ?? [])];
    expect(state.length).toBeGreaterThan(1);
    const got = readSnapshot(out).descriptors["sql-query"];
    expect(got.map((d) => d.id).sort()).toEqual(state.map((q) => String(q.id)).sort());
    for (const q of state) {
      const d = got.find((x) => x.id === q.id)!;
      expect(d.name).toBe(q.display_name);
      expect(d.settings.query_text).toBe(q.query_text);
      expect(d.settings.warehouse_id).toBe(q.warehouse_id);
      expect(d.settings.parameters).toEqual(q.parameters);
    }
  });

  it("map with query-backed parameters on the secondary's queries, sources first", () => {
    const got = readSnapshot(out).descriptors["sql-query"];
    const backed = got.find((d) => sqlQueryReferences(d).some((r) => r.kind === "sql-query"))!;
    const source = sqlQueryReferences(backed).find((r) => r.kind === "sql-query")!;
    const order = queriesInDependencyOrder([...got].reverse()).map((d) => d.id);
    expect(order.indexOf(source.id)).toBeLessThan(order.indexOf(backed.id));
    const m = sqlQueryArgs(backed, {
      resolve: (r) => ({ value: r.kind === "sql-query" ? `secondary-${r.id}` : r.id }),
    });
    if (!m.ok) throw new Error(m.skip);
    expect(checkResourceInputs(QUERY, m.args as unknown as Record<string, unknown>)).toEqual([]);
    const params = m.args.parameters as { queryBackedValue?: { queryId: string } }[];
    expect(params.find((p) => p.queryBackedValue)!.queryBackedValue!.queryId).toBe(`secondary-${source.id}`);
  });
});
