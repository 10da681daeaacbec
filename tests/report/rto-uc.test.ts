/**
 * The RTO estimate's Unity Catalog and pipeline rates (report/rto-rates.ts) against what the round trip
 * sends: the sample's metastore objects and its pipeline exported, applied by the stack under Pulumi's
 * mocks to an EMPTY emulator, requests counted per family by that emulator (its own stats). Before these
 * rates the kinds were "not estimated" and their families absent from the estimate.
 */
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { applyStack, exportWorkspace, startWorkspace } from "../../roundtrip";
import { DEFAULT_TOKEN } from "../../roundtrip/harness";
import { sampleUcValues } from "../../roundtrip/sample-uc-values";
import { estimateRto, rtoInputOf } from "../../report/rto";
import { readSnapshot } from "../../snapshot/reader";
import { removeWorkDirs, workDir } from "../roundtrip/helpers";

jest.setTimeout(240_000);
afterAll(() => removeWorkDirs());

const KINDS = [
  "user",
  "group",
  "service-principal",
  "sql-warehouse",
  "uc-metastore",
  "uc-storage-credential",
  "uc-external-location",
  "uc-connection",
  "uc-catalog",
  "uc-schema",
  "uc-volume",
  "uc-table",
  "uc-function",
  "pipeline",
];

/** `large` small: 3 catalogs, 4 schemas, 60 tables (external ones and views written, managed ones not). */
const LARGE = {
  notebooks: 4,
  folders: 2,
  jobs: 2,
  clusters: 1,
  users: 6,
  groups: 3,
  ucCatalogs: 3,
  ucSchemas: 4,
  ucTables: 60,
  ucVolumes: 3,
  ucFunctions: 2,
};

it.each(["sample", "large"] as const)(
  "%s: the Unity Catalog and pipeline requests the round trip sends are the estimate's",
  async (ws) => {
    const dir = workDir("rto-uc");
    const primary = await startEmulator({
      workspace: ws,
      large: LARGE,
      token: DEFAULT_TOKEN,
      rateLimits: false,
    });
    const secondary = await startWorkspace("empty", { token: DEFAULT_TOKEN });
    try {
      await exportWorkspace({ url: primary.url, token: DEFAULT_TOKEN }, path.join(dir, "p"));
      secondary.resetStats();
      const cold = await applyStack({
        snapshotPath: path.join(dir, "p"),
        target: { url: secondary.url, token: DEFAULT_TOKEN },
        values: {
          ...sampleUcValues(),
          // The large seed's storage account (emulator/seeds/large-uc.ts) moved too: its locations are written.
          storageMap: JSON.stringify({
            accounts: { stdrprimary: "stdrsecondary", stlargeprimary: "stlargesec" },
          }),
          includeKinds: JSON.stringify(KINDS),
        },
      });
      expect(cold.log.failures).toEqual([]);
      const measured = secondary.stats().byFamily;

      const keep = new Set(KINDS);
      const snap = readSnapshot(path.join(dir, "p"));
      const excludedKinds = (Object.keys(snap.descriptors) as (keyof typeof snap.descriptors)[]).filter(
        (k) => !keep.has(k),
      );
      const e = estimateRto(rtoInputOf(snap, { excludedKinds }));
      expect(e.notEstimated).toEqual([]);
      const est: Record<string, number> = {};
      for (const f of e.cold.stages.flatMap((s) => s.families))
        est[f.family] = (est[f.family] ?? 0) + f.requests;
      for (const f of ["unity-catalog-write", "unity-catalog-read", "other"])
        expect(`${f} ${Math.round(est[f] ?? 0)}`).toBe(`${f} ${measured[f] ?? 0}`);
      expect(e.cold.stages.find((s) => s.name === "Unity Catalog")?.bound).toBe("unity-catalog-write");
    } finally {
      await primary.close();
      await secondary.close();
    }
  },
);

it("a stack without unityCatalog writes no securable: the estimate counts none", async () => {
  const primary = await startEmulator({ workspace: "sample", token: DEFAULT_TOKEN, rateLimits: false });
  const dir = workDir("rto-uc-none");
  try {
    await exportWorkspace({ url: primary.url, token: DEFAULT_TOKEN }, path.join(dir, "p"));
    const e = estimateRto(rtoInputOf(readSnapshot(path.join(dir, "p")), { unityCatalog: false }));
    const uc = e.cold.stages.find((s) => s.name === "Unity Catalog")!;
    expect(uc.families).toEqual([]);
  } finally {
    await primary.close();
  }
});
