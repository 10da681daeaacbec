/**
 * The tests' sample world (tests/helpers/sample-world.ts) is the exporter's snapshot of the emulator's
 * `sample` seed: checked against the emulator's own state, and a builder of it writes the same snapshot.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSeed } from "../../emulator/seeds";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { readSnapshot } from "../../snapshot/reader";
import { removeWrittenSnapshots } from "../helpers/snapshot-builder";
import { sampleWorld, sampleWorldDir, sampleWorldSources } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

const filesUnder = (root: string, rel: string): string[] =>
  fs.existsSync(path.join(root, rel))
    ? fs
        .readdirSync(path.join(root, rel), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? filesUnder(root, `${rel}/${e.name}`) : [`${rel}/${e.name}`]))
    : [];

it("holds the emulator's sample: its users, groups, notebooks, jobs and all-purpose clusters", async () => {
  const state = await loadSeed("sample");
  const snap = readSnapshot(sampleWorld().write());
  const ids = (k: keyof typeof snap.descriptors) => snap.descriptors[k].map((d) => d.id).sort();
  expect(ids("user")).toEqual([...state.users.values()].map((u) => u.userName).sort());
  expect(snap.descriptors.group.map((g) => g.displayName).sort()).toEqual(
    [...state.groups.values()].map((g) => g.displayName).sort(),
  );
  const notebooks = [...state.tree.nodes.values()]
    .filter((n) => n.object_type === "NOTEBOOK" && !n.path.startsWith("/Repos/"))
    .map((n) => n.path);
  expect(ids("notebook")).toEqual(notebooks.sort());
  expect(ids("job")).toEqual([...state.jobs.keys()].map(String).sort());
  expect(ids("cluster")).toEqual(
    [SAMPLE_IDS.sharedCluster, SAMPLE_IDS.etlApiCluster, SAMPLE_IDS.analyticsCluster].sort(),
  );
  // The Unity Catalog, SQL and pipeline parts of the seed are in it too.
  expect(ids("pipeline")).toEqual([SAMPLE_IDS.pipeline]);
  expect(snap.descriptors["uc-catalog"].length).toBeGreaterThan(0);
  expect(snap.descriptors["sql-query"].length).toBeGreaterThan(0);
});

it("writes, from a builder of it, the descriptors and content files the export wrote", () => {
  const dir = sampleWorldDir();
  const out = sampleWorld().write();
  const files = [...filesUnder(dir, "descriptors"), ...filesUnder(dir, "content")].sort();
  expect([...filesUnder(out, "descriptors"), ...filesUnder(out, "content")].sort()).toEqual(files);
  for (const f of files)
    expect({
      f,
      same: fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(dir, f))),
    }).toEqual({
      f,
      same: true,
    });
  const [a, b] = [dir, out].map((d) => JSON.parse(fs.readFileSync(path.join(d, "manifest.json"), "utf8")));
  for (const k of ["skipped", "secretsNeeded", "inventory", "filters", "counts"]) expect(b[k]).toEqual(a[k]);
});

it("is exported again when any seed part, exporter or kind changes (all are in its hash)", () => {
  const sources = sampleWorldSources();
  const seeds = fs.readdirSync(path.join(__dirname, "../../emulator/seeds"));
  expect(seeds.filter((f) => f.startsWith("sample")).length).toBeGreaterThan(3);
  for (const f of seeds) expect(sources).toContain(`emulator/seeds/${f}`);
  expect(sources).toContain("exporters/run.ts");
  expect(sources).toContain("kinds/registry.ts");
  expect(sources.some((f) => f.startsWith("tests/") && !f.startsWith("tests/helpers/sample-world"))).toBe(
    false,
  );
});
