/**
 * Managed DR with Unity Catalog replication, under Pulumi's mocks: the catalogs the failover group
 * replicates (and everything in them: schemas, tables, volumes, functions, their grants) are left to
 * Databricks and recorded with the reason; other catalogs and the metastore-level objects (credentials,
 * external locations, connections) are still replicated by the stack, exactly as without Managed DR.
 */
import { KIND_NAMES } from "../../kinds/common";
import { buildStack, secondaryValues } from "./helpers/build";
import {
  KEPT_ACCOUNT,
  PRIMARY_ACCOUNT,
  SECONDARY_ACCOUNT,
  SECONDARY_METASTORE,
  ucDescriptors,
} from "./helpers/uc-descriptors";
import { writeUcWorld } from "./helpers/uc-world";
import { sampleWorld } from "../helpers/sample-world";

const MANAGED = {
  accountId: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
  failoverGroup: "sales-dr",
  workspaceSet: {
    name: "sales",
    primary: { workspaceId: "1111111111111111", region: "eastus2" },
    secondary: { workspaceId: "2222222222222222", region: "westus" },
  },
  unityCatalog: { catalogs: ["sales"] },
};
type Counts = Record<string, { inSnapshot: number; replicated: number; skipped: number; excluded: number }>;
type Desc = { id: string; name?: string; catalogName?: string };

async function build(managed?: object) {
  const snap = writeUcWorld(undefined, sampleWorld());
  return buildStack(
    secondaryValues(snap, {
      storageAccountName: SECONDARY_ACCOUNT,
      storageMap: JSON.stringify({
        accounts: { [PRIMARY_ACCOUNT]: SECONDARY_ACCOUNT, [KEPT_ACCOUNT]: "keep" },
      }),
      unityCatalog: JSON.stringify({ metastore: { mode: "existing", metastoreId: SECONDARY_METASTORE } }),
      ...(managed ? { managedDr: JSON.stringify(managed) } : {}),
    }),
  );
}

let mine: Awaited<ReturnType<typeof build>>;
let plain: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  plain = await build();
  mine = await build(MANAGED);
}, 120_000);

const inSales = (kind: string, d: Desc) =>
  kind.startsWith("uc-") && (kind === "uc-catalog" ? d.name === "sales" : d.catalogName === "sales");

it("leaves every object of the group's catalogs to Databricks, recorded with the reason", () => {
  const uc = ucDescriptors() as Record<string, Desc[]>;
  const expected = Object.entries(uc).flatMap(([kind, ds]) =>
    ds.filter((d) => inSales(kind, d)).map((d) => ({ kind, id: d.id })),
  );
  // The fixture holds the catalog and objects inside it, so the check can fail.
  expect(expected.map((e) => e.kind)).toEqual(
    expect.arrayContaining(["uc-catalog", "uc-schema", "uc-table"]),
  );
  const skipped = mine.outputs.skipped ?? [];
  for (const e of expected)
    expect(skipped).toContainEqual({
      ...e,
      reason: "replicated by Databricks Managed DR (failover group sales-dr, catalog sales)",
    });
  const counts = mine.outputs.counts as Counts;
  for (const kind of KIND_NAMES)
    expect(counts[kind].replicated + counts[kind].skipped + counts[kind].excluded).toBe(
      counts[kind].inSnapshot,
    );
});

it("registers no resource for them, and the same resources as without Managed DR for the rest", () => {
  const names = (w: typeof mine.world) =>
    w.registrations.filter((r) => r.type.startsWith("databricks:index/")).map((r) => `${r.type} ${r.name}`);
  const without = new Set(names(plain.world));
  const withMdr = new Set(names(mine.world));
  const gone = [...without].filter((n) => !withMdr.has(n));
  expect(gone.length).toBeGreaterThan(0);
  // Only what lives in the sales catalog went: its catalog, schemas, tables, volumes, functions, grants.
  const uc = ucDescriptors() as Record<string, Desc[]>;
  const ids = Object.entries(uc).flatMap(([kind, ds]) => ds.filter((d) => inSales(kind, d)).map((d) => d.id));
  for (const n of gone)
    expect([n, ids.some((id) => n.endsWith(`:${id}`) || n.includes(`:${id}:`))]).toEqual([n, true]);
  const added = [...withMdr].filter((n) => !without.has(n)).map((n) => n.split(" ")[0]);
  expect([...new Set(added)].sort()).toEqual([
    "databricks:index/disasterRecoveryFailoverGroup:DisasterRecoveryFailoverGroup",
  ]);
  const counts = mine.outputs.counts as Counts;
  const before = plain.outputs.counts as Counts;
  for (const kind of ["uc-metastore", "uc-storage-credential", "uc-external-location", "uc-connection"])
    expect([kind, counts[kind]]).toEqual([kind, before[kind]]);
  expect(counts["uc-catalog"].replicated).toBe(before["uc-catalog"].replicated - 1);
});

it("keeps serving endpoints whose UC models live in a catalog left to Databricks, the catalog found by name", () => {
  // The world's endpoints serving `sales.*` models (the catalog Managed DR replicates here).
  const world = sampleWorld();
  const inSalesModels = world
    .list("serving-endpoint")
    .filter((e) => JSON.stringify(e).includes('"sales.'))
    .map((e) => e.id);
  expect(inSalesModels.length).toBeGreaterThan(0);
  const skipped = (mine.outputs.skipped ?? []) as { kind: string; id: string }[];
  for (const id of inSalesModels)
    expect(skipped.filter((s) => s.kind === "serving-endpoint" && s.id === id)).toEqual([]);
  const counts = mine.outputs.counts as Counts;
  const before = plain.outputs.counts as Counts;
  expect(counts["serving-endpoint"]).toEqual(before["serving-endpoint"]);
  expect(JSON.stringify(mine.outputs.manualActions)).toContain(
    'resolved by name \\"sales\\" in the secondary: left to Managed DR',
  );
});

it("names the catalogs in the managedDr output and the failover group's UC assets", () => {
  expect(mine.outputs.managedDr).toMatchObject({ catalogs: ["sales"], workspaceAssetKinds: [] });
  const [group] = mine.world.byType(
    "databricks:index/disasterRecoveryFailoverGroup:DisasterRecoveryFailoverGroup",
  );
  expect(group.inputs.unityCatalogAssets).toEqual({
    catalogs: [{ name: "sales" }],
    dataReplicationWorkspaceSet: "sales",
  });
});
