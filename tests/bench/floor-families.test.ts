/**
 * The floor counts every family an export sends to: an export of `sample` and of a small `large` (its
 * Unity Catalog tables spanning pages) through an unthrottled emulator, and what the emulator served per
 * family (its own stats, not the exporter's). Each family served must have a floor count above 0, and the
 * floor is never more than a working export sent (it is the fewest requests needed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { census, neededRequests } from "../../bench/floor";
import { DatabricksClient } from "../../client";
import { startEmulator } from "../../emulator";
import { runExport } from "../../exporters/run";

jest.setTimeout(120_000);

const LARGE = {
  notebooks: 12,
  folders: 3,
  jobs: 4,
  clusters: 2,
  users: 6,
  groups: 3,
  ucCatalogs: 2,
  ucSchemas: 2,
  ucTables: 120,
  ucVolumes: 3,
  ucFunctions: 2,
};

async function servedAndNeeded(workspace: "sample" | "large") {
  const emu = await startEmulator({ workspace, large: LARGE, rateLimits: false });
  const dir = mkdtempSync(join(tmpdir(), "floor-families-"));
  try {
    const client = new DatabricksClient({ host: emu.url, auth: { token: emu.token ?? "" } });
    await runExport({ client, out: join(dir, "snap"), exportedAt: "2026-01-01T00:00:00.000Z" });
    const served = emu.stats().byFamily;
    return { served, needed: neededRequests(census(emu.state), true) as Record<string, number> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emu.close();
  }
}

it.each(["sample", "large"] as const)(
  "%s: every family the export sent to is counted, never above what it sent",
  async (ws) => {
    const { served, needed } = await servedAndNeeded(ws);
    expect(served["unity-catalog-read"]).toBeGreaterThan(0);
    const uncounted = Object.keys(served).filter((f) => served[f] > 0 && !(needed[f] > 0));
    expect(uncounted).toEqual([]);
    const above = Object.keys(needed).filter((f) => needed[f] > (served[f] ?? 0));
    expect(above).toEqual([]);
  },
);

it("large: the Unity Catalog reads are the metastore's listings and one grants read per securable", async () => {
  const { served, needed } = await servedAndNeeded("large");
  // Counted by hand from the seed's sizes: metastore 1, credential 1, locations 2, catalogs 2, schemas 2
  // + each catalog's `default` 2, tables 120, volumes 3, functions 2: one grants read each.
  const grants = 1 + 1 + 2 + 2 + 4 + 120 + 3 + 2;
  // metastore_summary, current-metastore-assignment; credentials, locations, connections, catalogs: a page
  // each; schemas: one page per catalog (2).
  const lists = 2 + 4 + 2;
  // Tables, volumes, functions of the 4 schemas: a page each, but the two schemas of 60 tables take 2
  // pages of 50 plus the empty page the emulator answers between them (2 × 2 more).
  const children = 3 * 4 + 2 * 2;
  const inventory = 1; // Delta Sharing shares, counted (not replicated) by the inventory
  expect(needed["unity-catalog-read"]).toBe(grants + lists + children + inventory);
  expect(served["unity-catalog-read"]).toBe(needed["unity-catalog-read"]);
});
