/**
 * The fault suite's truth covers Unity Catalog (fault-suite/truth-uc.ts): every securable of the emulator's
 * metastore (read from its state, not from the export) must be in the snapshot with the same owner, comment,
 * defining fields and exactly its grants, or skipped with a reason. Each edit below makes an export lossy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import type { Obj } from "../../emulator/state/types";
import { runExport } from "../../exporters/run";
import { checkInvariant } from "../../fault-suite/invariant";
import { capturePrimary, Primary } from "../../fault-suite/primary";
import { client, editSnapshot, removeTmpDirs, tmpDir, TOKEN } from "./helpers";

afterAll(() => removeTmpDirs());

let emu: RunningEmulator;
let primary: Primary;
let clean: string;
/** A table and a catalog of the emulator's metastore, by their full names (from its state). */
let table: string;
let catalog: Obj;

beforeAll(async () => {
  emu = await startEmulator({ workspace: "sample", rateLimits: false, token: TOKEN });
  primary = capturePrimary(emu.state);
  const m = emu.state.uc.current()!;
  table = String([...m.tables.values()][0].full_name);
  catalog = [...m.catalogs.values()].find((c) => c.catalog_type !== "SYSTEM_CATALOG")!;
  clean = path.join(tmpDir(), "snap");
  await runExport({ client: client(emu), out: clean, exportedAt: "2026-01-01T00:00:00Z" });
});
afterAll(() => emu.close());

const copy = () => {
  const dir = path.join(tmpDir(), "snap");
  fs.cpSync(clean, dir, { recursive: true });
  return dir;
};
const ucLosses = (dir: string) => checkInvariant(primary, dir).losses.filter((l) => l.kind.startsWith("uc-"));

it("a complete export passes, every securable of the metastore looked for", () => {
  expect(primary.uc.length).toBeGreaterThan(10);
  expect(ucLosses(clean)).toEqual([]);
});

it("a table missing from the snapshot is a loss; skipped with a reason it is not", () => {
  const dir = copy();
  editSnapshot(dir, "uc-table", (items) => items.filter((i) => i.fullName !== table));
  expect(ucLosses(dir)).toEqual([
    { kind: "uc-table", id: table, what: "neither in the snapshot nor skipped" },
  ]);
  editSnapshot(
    dir,
    "uc-table",
    (i) => i,
    (m) => {
      (m.skipped as unknown[]).push({ kind: "uc-table", id: table, reason: "test: could not be read" });
    },
  );
  expect(ucLosses(dir)).toEqual([]);
});

it("a grant lost, a grant added and a changed comment are each a loss", () => {
  const dir = copy();
  const name = String(catalog.name);
  editSnapshot(dir, "uc-catalog", (items) =>
    items.map((i) => {
      if (i.name !== name) return i;
      const grants = i.grants as { principal: string; privileges: string[] }[];
      return {
        ...i,
        comment: "edited",
        grants: [...grants.slice(1), { principal: "intruder@example.com", privileges: ["ALL_PRIVILEGES"] }],
      };
    }),
  );
  const what = ucLosses(dir)
    .filter((l) => l.id === name)
    .map((l) => l.what);
  expect(what).toContain('comment: "edited", the primary has ' + JSON.stringify(catalog.comment));
  expect(what).toContain("grant intruder@example.com:ALL_PRIVILEGES not in the primary");
  expect(what.filter((w) => /^grant .* lost$/.test(w))).toHaveLength(1);
});
