/**
 * The round trip on the workspace built from the shared fixtures (tests/fixtures/databricks-api, verbatim,
 * plus the objects they name that the recording left out), and on the bare recording, whose gaps the stack
 * must report rather than hide.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SHARED_FIXTURES_DIR } from "../../emulator/seeds/shared-fixtures";
import { readSnapshot } from "../../snapshot/reader";
import { appliedByType, RoundTripResult, runRoundTrip, writeFixturesWorkspace } from "../../roundtrip";
import { countsOf, EXPORTED_AT, removeWorkDirs, unexpected, workDir } from "./helpers";

// The recordings' AWS cluster and job name AWS node types: an Azure secondary takes them mapped.
const NODE_TYPE_MAP = {
  "i3.xlarge": "Standard_DS3_v2",
  "i3.2xlarge": "Standard_DS4_v2",
  "i3.4xlarge": "Standard_DS5_v2",
};

let r: RoundTripResult;
beforeAll(async () => {
  r = await runRoundTrip({
    primary: "fixtures",
    dir: workDir("fixtures"),
    exportedAt: EXPORTED_AT,
    values: { nodeTypeMap: JSON.stringify(NODE_TYPE_MAP) },
  });
}, 120000);
afterAll(removeWorkDirs);

it("leaves 0 unexpected differences, every object of the fixtures replicated", () => {
  expect(unexpected(r.verify)).toBe("");
  expect(r.stack.log.failures).toEqual([]);
  expect(r.stack.outputs.skipped).toEqual([]);
  const p = countsOf(r.primarySnapshot);
  const s = countsOf(r.secondarySnapshot);
  for (const k of [
    "cluster",
    "job",
    "cluster-policy",
    "instance-pool",
    "sql-warehouse",
    "secret-scope",
  ] as const) {
    expect(p[k]).toBeGreaterThan(0);
    expect({ kind: k, count: s[k] }).toEqual({ kind: k, count: p[k] });
  }
  expect(appliedByType(r.stack.log)).toMatchObject({ Cluster: 4, InstancePool: 2, Pipeline: 1 });
  // Every job of the fixtures is held by exactly one applied job batch (the secondary's job in its ids).
  const held = [...r.stack.state.values()]
    .filter((x) => x.type.endsWith(":JobBatch"))
    .flatMap((x) => Object.keys(x.outputs.ids as object));
  const primaryJobs = readSnapshot(r.primarySnapshot).descriptors.job.map((j) => j.id);
  expect(primaryJobs).toHaveLength(4);
  expect(held.sort()).toEqual(primaryJobs.sort());
});

it("carries the fixtures' quirks through: the legacy single-task job and the AWS cluster", () => {
  const keys = r.verify.objects.filter((o) => o.kind === "job").map((o) => o.key);
  expect(keys).toContain("SparkR Test");
  const sparkR = r.verify.objects.find((o) => o.key === "SparkR Test")!;
  expect(sparkR.differences).toEqual([]);
  expect(sparkR.expected.map((e) => e.path)).toContain("settings.format");
  expect(sparkR.expected.map((e) => `${e.rule} ${e.path}`)).toEqual(
    expect.arrayContaining([
      "node-type-mapped settings.tasks[task_key=main].new_cluster.node_type_id",
      "other-cloud-dropped settings.tasks[task_key=main].new_cluster.aws_attributes",
    ]),
  );
  const aws = r.verify.objects.find((o) => o.kind === "cluster" && o.key === "AWS cluster")!;
  expect(aws.differences).toEqual([]);
  expect(aws.expected.map((e) => e.rule)).toContain("assigned-id");
  // Sent to the Azure secondary with the mapped node types and without its AWS attributes (each named).
  expect(aws.expected.map((e) => `${e.rule} ${e.path} ${String(e.secondary)}`)).toEqual(
    expect.arrayContaining([
      "node-type-mapped spec.node_type_id Standard_DS4_v2",
      "node-type-mapped spec.driver_node_type_id Standard_DS5_v2",
      "other-cloud-dropped spec.aws_attributes undefined",
    ]),
  );
  const actions = r.stack.outputs.manualActions.filter((a) => a.kind === "cluster" && a.id === "awscluster");
  expect(actions.map((a) => a.action)).toContainEqual(
    expect.stringMatching(/^spec\.aws_attributes .* dropped/),
  );
});

it("shows apart what the fresh secondary held before the stack ran", () => {
  expect(r.preExisting).toEqual(
    expect.arrayContaining(["directory:/Shared", "directory:/Repos", "directory:/Users/admin@example.com"]),
  );
  expect(r.preExisting.some((k) => k.startsWith("job:") || k.startsWith("cluster:"))).toBe(false);
});

it("adds companions beside the fixtures, never over them", () => {
  const dir = workDir("companions");
  const written = writeFixturesWorkspace(dir);
  expect(written.length).toBeGreaterThan(5);
  for (const f of fs.readdirSync(SHARED_FIXTURES_DIR).filter((x) => x.endsWith(".json")))
    expect(written.map((w) => path.basename(w))).not.toContain(f);
  expect(() => writeFixturesWorkspace(dir)).toThrow(/would replace a fixture/);
});

it("on the bare recording, reports every object it cannot replicate instead of hiding it", async () => {
  const raw = await runRoundTrip({ primary: "fixtures-raw", dir: workDir("raw"), exportedAt: EXPORTED_AT });
  expect(raw.verify.ok).toBe(false);
  const skipped = new Set((raw.stack.outputs.skipped ?? []).map((s) => `${s.kind}:${s.id}`));
  const missing = raw.verify.objects.filter((o) => o.status === "missing");
  expect(missing.map((o) => o.key)).toEqual(expect.arrayContaining(["terraform-abc", "Scala Project"]));
  for (const o of missing) expect(skipped).toContain(`${o.kind}:${o.primaryId}`);
}, 120000);
