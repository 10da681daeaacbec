/**
 * verify on library and init-script paths to the primary's storage. The expected secondary paths are
 * written out here from the storageMap's documented meaning (README, Configuration: account -> account,
 * catalog -> catalog, "keep"), not computed by the stack's mapping: the rewritten path is expected, a path
 * still pointing at the primary's account is flagged, even when it equals the primary's (no difference).
 */
import { compareSnapshots } from "../../verify";
import { readSnapshot } from "../../snapshot/reader";
import { removeWrittenSnapshots, SnapshotBuilder } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";

afterAll(removeWrittenSnapshots);

const MAP = { accounts: { stprimary: "stsecondary" }, catalogs: { main: "main_dr" } };
const P = {
  jar: "abfss://libs@stprimary.dfs.core.windows.net/jars/udfs.jar",
  whl: "/Volumes/main/libs/wheels/etl-1.0-py3-none-any.whl",
  init: "abfss://scripts@stprimary.dfs.core.windows.net/init/setup.sh",
};
// The same paths as the map's documented meaning gives them in the secondary.
const S = {
  jar: "abfss://libs@stsecondary.dfs.core.windows.net/jars/udfs.jar",
  whl: "/Volumes/main_dr/libs/wheels/etl-1.0-py3-none-any.whl",
  init: "abfss://scripts@stsecondary.dfs.core.windows.net/init/setup.sh",
};
// The emulator sample's "Shared Autoscaling" cluster.
const CLUSTER = SAMPLE_IDS.sharedCluster;

function world(paths: typeof P): SnapshotBuilder {
  const b = sampleWorld();
  b.update("cluster", CLUSTER, (d) => {
    d.libraries = [
      { pypi: { package: "great-expectations==0.18.0" } },
      { jar: paths.jar },
      { whl: paths.whl },
    ];
    d.spec.init_scripts = [{ abfss: { destination: paths.init } }];
  });
  const job = b.list("job")[0];
  b.update("job", job.id, (d) => {
    const tasks = d.settings.tasks as Record<string, unknown>[];
    tasks[0] = { ...tasks[0], libraries: [{ jar: paths.jar }] };
  });
  return b;
}

/** The cluster and job results, with only the differences about storage paths (the pause rules aside). */
function verify(secondary: typeof P, map: object | null = MAP) {
  const r = compareSnapshots(readSnapshot(world(P).write()), readSnapshot(world(secondary).write()), {
    storageMap: (map ?? undefined) as never,
  });
  const storage = (path: string) => /libraries|init_scripts/.test(path);
  return r.objects
    .filter((o) => o.kind === "cluster" || o.kind === "job")
    .map((o) => {
      const differences = o.differences.filter((d) => storage(d.path));
      return { ...o, differences, unexpected: differences.length > 0 };
    });
}

it("the paths rewritten as the storageMap says are expected, not differences", () => {
  const objs = verify(S);
  expect(objs.filter((o) => o.unexpected)).toEqual([]);
  const rules = objs.flatMap((o) => o.expected.map((e) => e.rule));
  expect(rules).toEqual(expect.arrayContaining(["library-path-rewritten", "storage-path-rewritten"]));
});

it("a library or init script still pointing at the primary's account is flagged, even when equal to the primary's", () => {
  const objs = verify(P);
  const cluster = objs.find((o) => o.key === "Shared Autoscaling")!;
  expect(cluster.unexpected).toBe(true);
  const notes = cluster.differences.map((d) => [d.path, d.note]);
  expect(notes).toEqual(
    expect.arrayContaining([
      [expect.stringMatching(/^libraries\[\d\]\.jar$/), expect.stringContaining(S.jar)],
      [expect.stringMatching(/^libraries\[\d\]\.whl$/), expect.stringContaining(S.whl)],
      ["spec.init_scripts[0].abfss.destination", expect.stringContaining(S.init)],
    ]),
  );
  const job = objs.find((o) => o.kind === "job" && o.differences.length)!;
  expect(job.unexpected).toBe(true);
  expect(job.differences.some((d) => /libraries\[0\]\.jar$/.test(d.path) && d.note?.includes(S.jar))).toBe(
    true,
  );
});

it("a rewrite the map does not give (another account) is a difference", () => {
  const wrong = { ...S, jar: "abfss://libs@stother.dfs.core.windows.net/jars/udfs.jar" };
  const cluster = verify(wrong).find((o) => o.key === "Shared Autoscaling")!;
  expect(cluster.unexpected).toBe(true);
});

it("without a storageMap nothing is explained or flagged by these rules", () => {
  const objs = verify(P, null);
  expect(objs.filter((o) => o.unexpected)).toEqual([]);
  const rewrittenS = verify(S, null).find((o) => o.key === "Shared Autoscaling")!;
  expect(rewrittenS.unexpected).toBe(true);
});

it("a library the map rewrites but the secondary lacks is a difference (the rewrite explains nothing alone)", () => {
  const b = world(S);
  b.update("cluster", CLUSTER, (d) => {
    d.libraries = (d.libraries as Record<string, unknown>[]).filter((l) => l.jar === undefined);
  });
  const r = compareSnapshots(readSnapshot(world(P).write()), readSnapshot(b.write()), {
    storageMap: MAP as never,
  });
  const cluster = r.objects.find((o) => o.key === "Shared Autoscaling")!;
  expect(cluster.differences.map((d) => d.note)).toContainEqual(expect.stringContaining(`${S.jar}`));
  expect(cluster.unexpected).toBe(true);
});
