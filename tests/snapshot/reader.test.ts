import * as fs from "node:fs";
import * as path from "node:path";
import { canonicalJson } from "../../snapshot/canonical-json";
import { readSnapshot } from "../../snapshot/reader";
import { SnapshotError } from "../../snapshot/errors";
import { resealSnapshot } from "../../snapshot/seal";
import { SCHEMA_VERSION } from "../../kinds/common";
import { Descriptor } from "../../kinds/registry";
import { removeWrittenSnapshots, SnapshotBuilder } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

const goodJob: Descriptor<"job"> = {
  id: "14",
  name: "Demo",
  settings: { name: "Demo" },
  originalPause: { schedule: "UNPAUSED" },
};

const jobsOnly = (...jobs: object[]) => {
  const b = new SnapshotBuilder().add("job", goodJob).write();
  // Written by hand (not through add(), which validates): what a corrupt or hand-edited file holds.
  fs.writeFileSync(
    path.join(b, "descriptors/job.json"),
    canonicalJson({ kind: "job", schemaVersion: SCHEMA_VERSION, items: jobs }),
  );
  resealSnapshot(b, (m) => ((m.counts as Record<string, number>).job = jobs.length));
  return b;
};

const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));

describe("snapshot reader", () => {
  it("loads valid descriptors", () => {
    const snap = readSnapshot(jobsOnly(goodJob));
    expect(snap.descriptors.job).toEqual([goodJob]);
    expect(snap.descriptors.cluster).toEqual([]);
  });

  it("rejects a corrupt descriptor naming file, object and field", () => {
    const dir = jobsOnly(goodJob, { ...goodJob, id: "15", originalPause: { schedule: "SOMETIMES" } });
    expect(() => readSnapshot(dir)).toThrow(SnapshotError);
    expect(() => readSnapshot(dir)).toThrow(
      /descriptors\/job\.json, object "15", field originalPause\.schedule/,
    );
  });

  it("rejects a manifest from a newer schema", () => {
    const dir = jobsOnly(goodJob);
    resealSnapshot(dir, (m) => (m.schemaVersion = SCHEMA_VERSION + 1));
    expect(() => readSnapshot(dir)).toThrow(/manifest\.json, field schemaVersion/);
  });

  it("rejects a snapshot of an older schema (no seal), saying to export again", () => {
    const dir = jobsOnly(goodJob);
    const m = manifestOf(dir);
    delete m.files;
    m.schemaVersion = 1;
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(m));
    expect(() => readSnapshot(dir)).toThrow(
      /manifest\.json, field schemaVersion: schemaVersion 1 is older .*export/,
    );
  });

  it("refuses a snapshot written before group ids were SCIM ids (schema 2, groups by name) in one line", () => {
    const dir = sampleWorld().write();
    for (const rel of fs.readdirSync(path.join(dir, "descriptors"))) {
      const file = path.join(dir, "descriptors", rel);
      const doc = JSON.parse(fs.readFileSync(file, "utf8"));
      doc.schemaVersion = 2;
      fs.writeFileSync(file, canonicalJson(doc));
    }
    resealSnapshot(dir, (m) => (m.schemaVersion = 2));
    let message = "";
    try {
      readSnapshot(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^manifest\.json, field schemaVersion: schemaVersion 2 is older than this tool reads \(3\): its groups are keyed by displayName, now by the primary's SCIM id; export the snapshot again$/,
    );
  });

  it("rejects a descriptor file whose own schemaVersion differs from the snapshot's", () => {
    const dir = sampleWorld().write();
    const file = path.join(dir, "descriptors/cluster.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.schemaVersion = 99;
    fs.writeFileSync(file, canonicalJson(doc));
    resealSnapshot(dir);
    expect(() => readSnapshot(dir)).toThrow(
      /^descriptors\/cluster\.json, field schemaVersion: schemaVersion 99 differs/,
    );
  });

  it("rejects a descriptor file holding another number of objects than the manifest counts", () => {
    const dir = sampleWorld().write();
    resealSnapshot(dir, (m) => ((m.counts as Record<string, number>).job += 1));
    expect(() => readSnapshot(dir)).toThrow(/^descriptors\/job\.json, field items: holds \d+ objects/);
  });
});
