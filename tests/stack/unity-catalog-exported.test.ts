/**
 * The contract between the halves for Unity Catalog: the exporter's snapshot of the emulator's `sample`
 * workspace (its metastore, catalogs, schemas, tables, volumes, grants) builds with unityCatalog and the
 * storage map the sample's storage needs: every UC descriptor is a resource or a reported skip, the
 * provider takes every argument, and nothing points at the primary's storage account.
 */
import { readSnapshot } from "../../snapshot/reader";
import { UC_KIND_NAMES } from "../../kinds/unity-catalog/names";
import { checkResourceInputs, formatFinding } from "../../roundtrip/provider-shape";
import { StackOutputs } from "../../components/program";
import { sampleWorldDir } from "../helpers/sample-world";
import { buildStack } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { takeRawArgs, undeclaredTopLevel } from "../provider-shape/raw-args";

jest.mock("@pulumi/databricks", () =>
  jest
    .requireActual("../provider-shape/raw-args")
    .recordingProvider(jest.requireActual("@pulumi/databricks")),
);

/** The sample's storage account (emulator/seeds/sample-uc.ts) and the secondary's, as in the README. */
const PRIMARY = "stdrprimary";
const SECONDARY = "stdrsecondary";

let world: MockWorld;
let outputs: StackOutputs;
let dir: string;
let raw: ReturnType<typeof takeRawArgs>;

beforeAll(async () => {
  // The tests' one sample world: the exporter's snapshot of the emulator's sample, exported once per source.
  dir = sampleWorldDir();
  takeRawArgs();
  ({ world, outputs } = await buildStack(
    {
      role: "secondary",
      location: "westus",
      snapshotPath: dir,
      checkEntraId: "false",
      storageAccountName: SECONDARY,
      storageMap: JSON.stringify({ accounts: { [PRIMARY]: SECONDARY } }),
      unityCatalog: JSON.stringify({
        metastore: { mode: "existing", metastoreId: "bbbbbbbb-0000-4000-8000-000000000002" },
      }),
    },
    { missingUsers: [], missingServicePrincipals: [] },
  ));
  raw = takeRawArgs();
}, 120000);

it("the sample has Unity Catalog objects, each replicated or skipped with a reason", () => {
  const snap = readSnapshot(dir);
  const counts = outputs.counts as Record<
    string,
    { inSnapshot: number; replicated: number; skipped: number }
  >;
  let total = 0;
  for (const kind of UC_KIND_NAMES) {
    const n = snap.descriptors[kind].length;
    total += n;
    expect(counts[kind].inSnapshot).toBe(n);
    expect(counts[kind].replicated + counts[kind].skipped).toBe(n);
  }
  expect(total).toBeGreaterThan(5);
  expect(counts["uc-catalog"].replicated).toBeGreaterThan(0);
  expect(counts["uc-schema"].replicated).toBeGreaterThan(0);
  for (const s of outputs.skipped ?? []) expect(s.reason.length).toBeGreaterThan(10);
});

it("every Databricks resource's arguments are the provider's, and none names the primary's storage", () => {
  const dbx = world.registrations.filter((r) => r.custom && r.type.startsWith("databricks:"));
  expect(dbx.flatMap((r) => checkResourceInputs(r.type, r.inputs).map(formatFinding))).toEqual([]);
  expect(raw.flatMap(undeclaredTopLevel)).toEqual([]);
  const uc = dbx.filter((r) => /^uc-|metastore|credential/.test(r.name));
  expect(uc.length).toBeGreaterThan(5);
  expect(JSON.stringify(uc.map((r) => r.inputs))).not.toContain(PRIMARY);
});
