import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { canonicalJson } from "../../snapshot/canonical-json";
import { readSnapshot } from "../../snapshot/reader";
import { SnapshotError } from "../../snapshot/errors";
import { SCHEMA_VERSION } from "../../kinds/common";

function writeSnapshot(items: unknown[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snap-"));
  fs.mkdirSync(path.join(dir, "descriptors"));
  fs.writeFileSync(
    path.join(dir, "manifest.json"),
    canonicalJson({
      schemaVersion: SCHEMA_VERSION,
      tool: { name: "databricks-dr", version: "0.0.0" },
      source: { host: "https://adb-1.azuredatabricks.net" },
      exportedAt: "2026-11-25T00:00:00.000Z",
      counts: { job: items.length },
      skipped: [],
      secretsNeeded: [],
      filters: {},
      hashes: {},
    }),
  );
  fs.writeFileSync(
    path.join(dir, "descriptors", "job.json"),
    canonicalJson({ kind: "job", schemaVersion: 1, items }),
  );
  return dir;
}

const goodJob = {
  id: "14",
  name: "Demo",
  settings: { name: "Demo" },
  originalPause: { schedule: "UNPAUSED" },
};

describe("snapshot reader", () => {
  it("loads valid descriptors", () => {
    const snap = readSnapshot(writeSnapshot([goodJob]));
    expect(snap.descriptors.job).toEqual([goodJob]);
    expect(snap.descriptors.cluster).toEqual([]);
  });

  it("rejects a corrupt descriptor naming file, object and field", () => {
    const dir = writeSnapshot([goodJob, { ...goodJob, id: "15", originalPause: { schedule: "SOMETIMES" } }]);
    expect(() => readSnapshot(dir)).toThrow(SnapshotError);
    expect(() => readSnapshot(dir)).toThrow(
      /descriptors\/job\.json, object "15", field originalPause\.schedule/,
    );
  });

  it("rejects a manifest from a newer schema", () => {
    const dir = writeSnapshot([goodJob]);
    const m = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
    fs.writeFileSync(
      path.join(dir, "manifest.json"),
      JSON.stringify({ ...m, schemaVersion: SCHEMA_VERSION + 1 }),
    );
    expect(() => readSnapshot(dir)).toThrow(/manifest\.json, field schemaVersion/);
  });
});
