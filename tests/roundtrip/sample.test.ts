/**
 * The round trip on the emulator's `sample` workspace: export, the stack applied to an empty secondary
 * through the REST table, export of the secondary, verify. And the same with a deliberately broken
 * mapping, which verify must catch (so these tests can fail).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KIND_NAMES } from "../../kinds/common";
import { readSnapshot } from "../../snapshot/reader";
import { appliedByType, REST_TABLE, RoundTripResult, runRoundTrip } from "../../roundtrip";
import { countsOf, EXPORTED_AT, removeWorkDirs, unexpected, workDir } from "./helpers";
import { tamperJobs } from "./job-tamper";
import { sampleUcValues as ucValues } from "../../roundtrip/sample-uc-values";
import { UC_KIND_NAMES } from "../../kinds/unity-catalog/names";
import { VIEW_COLUMNS_NOT_APPLIED } from "../../roundtrip/rest-uc";

let r: RoundTripResult;
beforeAll(async () => {
  // With Unity Catalog configured (its metastore, connector and the storage map), as the README shows.
  r = await runRoundTrip({
    primary: "sample",
    dir: workDir("sample"),
    exportedAt: EXPORTED_AT,
    values: ucValues(),
  });
}, 120000);
afterAll(removeWorkDirs);

it("leaves 0 unexpected differences between the primary and the secondary it built", () => {
  expect(unexpected(r.verify)).toBe("");
  expect(r.verify.unexpected).toBe(0);
  // The expected ones are there, apart: new ids, paused triggers, shorter auto-termination...
  const rules = new Set(r.verify.objects.flatMap((o) => o.expected.map((e) => e.rule)));
  expect([...rules]).toEqual(
    expect.arrayContaining(["assigned-id", "paused-while-passive", "start-policy-autotermination"]),
  );
  expect(r.preExisting).toEqual([]);
});

it("applies every resource through the REST API, none failing or left out", () => {
  expect(r.stack.log.failures).toEqual([]);
  // Only the view's columns, which CREATE VIEW derives by running SQL (roundtrip/README.md).
  expect(r.stack.log.notApplied.map((n) => n.reason)).toEqual([VIEW_COLUMNS_NOT_APPLIED]);
  expect(r.notCompared).toEqual(["uc-table:analytics.reports.daily_revenue"]);
  const applied = appliedByType(r.stack.log);
  for (const t of [
    "User",
    "Group",
    "Directory",
    "Notebook",
    "Cluster",
    "JobBatch",
    "Permissions",
    "GroupMembers",
  ])
    expect(applied[t]).toBeGreaterThan(0);
  // Every Databricks type the stack registered went through the table.
  for (const a of r.stack.log.applied.filter((x) => x.type.startsWith("databricks:")))
    expect(REST_TABLE[a.type]).toBeDefined();
});

it("really wrote the objects: the secondary holds every kind the primary has, beyond what it started with", () => {
  const p = countsOf(r.primarySnapshot);
  const s = countsOf(r.secondarySnapshot);
  const baseline = countsOf(path.join(path.dirname(r.primarySnapshot), "baseline"));
  // Unity Catalog has manual actions and stack additions by design: its own test checks it object by object.
  for (const k of KIND_NAMES.filter((x) => !(UC_KIND_NAMES as readonly string[]).includes(x))) {
    if (!p[k]) continue;
    // Objects verify finds missing or extra by design (a notebook's own MLflow experiment: its notebook
    // makes it; a disabled IP access list is not created, the stack's own ALLOW list is added).
    const byDesign = (status: string) =>
      r.verify.objects.filter((o) => o.kind === k && o.status === status && !o.unexpected).length;
    expect({ kind: k, count: s[k] }).toEqual({
      kind: k,
      count: p[k] - byDesign("missing") + byDesign("extra"),
    });
    if (k !== "workspace-conf")
      expect({ kind: k, grew: s[k] > baseline[k] }).toEqual({ kind: k, grew: true });
  }
  const conf = (dir: string) => readSnapshot(dir).descriptors["workspace-conf"][0].values;
  expect(conf(r.secondarySnapshot)).toEqual(conf(r.primarySnapshot));
  expect(conf(path.join(path.dirname(r.primarySnapshot), "baseline"))).not.toEqual(conf(r.primarySnapshot));
});

it("builds Unity Catalog: every primary securable is in the secondary but the documented manual actions", () => {
  const uc = r.verify.objects.filter((o) => o.kind.startsWith("uc-"));
  const missing = uc.filter((o) => o.status === "missing").map((o) => `${o.kind}:${o.key}`);
  // README, Unity Catalog: functions and connections are manual actions, managed tables data to replicate.
  expect(missing.sort()).toEqual([
    "uc-connection:crm-postgres",
    "uc-function:sales.curated.mask_email",
    "uc-table:sales.curated.customers",
  ]);
  expect(uc.filter((o) => o.unexpected)).toEqual([]);
  const s = countsOf(r.secondarySnapshot);
  for (const k of ["uc-catalog", "uc-schema", "uc-volume", "uc-external-location"] as const)
    expect({ kind: k, count: s[k] }).toEqual({ kind: k, count: countsOf(r.primarySnapshot)[k] });
});

it("replicates notebook and file contents byte for byte", () => {
  const p = readSnapshot(r.primarySnapshot);
  const s = readSnapshot(r.secondarySnapshot);
  for (const kind of ["notebook", "workspace-file", "dbfs-file", "global-init-script"] as const)
    for (const d of p.descriptors[kind]) {
      const twin = (s.descriptors[kind] as { id: string; content: { file: string } }[]).find(
        (x) => x.id === d.id || ("name" in d && (x as unknown as { name: string }).name === d.name),
      );
      expect(twin).toBeDefined();
      expect(fs.readFileSync(path.join(s.root, twin!.content.file))).toEqual(
        fs.readFileSync(path.join(p.root, d.content.file)),
      );
    }
});

it("fails when the mapping drops a job or loses a field", async () => {
  const broken = await runRoundTrip({
    primary: "sample",
    dir: workDir("broken"),
    exportedAt: EXPORTED_AT,
    tamper: tamperJobs((settings) => {
      if (settings.name === "Nightly ETL") return "drop";
      if (settings.name === "Hourly report refresh") return { ...settings, max_concurrent_runs: 3 };
      return settings;
    }),
  });
  expect(broken.verify.ok).toBe(false);
  const found = broken.verify.objects
    .filter((o) => o.unexpected)
    .map((o) => `${o.kind}:${o.key}:${o.status}`);
  expect(found).toEqual(
    expect.arrayContaining(["job:Nightly ETL:missing", "job:Hourly report refresh:different"]),
  );
  const field = broken.verify.objects.find((o) => o.key === "Hourly report refresh")!.differences;
  expect(field.map((d) => d.path)).toEqual(["settings.max_concurrent_runs"]);
  // The dropped job's ACL has nowhere to go: the apply log says so.
  expect(broken.stack.log.failures.map((f) => f.name)).toContain("permissions:jobs:311111111111101");
}, 120000);

it("at scale granularity, every batch and folder-tree resource is applied by its own provider: 0 unexpected", async () => {
  const granularity = {
    notebooksPerObjectMax: 0,
    treeSize: 5,
    usersPerObjectMax: 0,
    userBatchSize: 2,
    groupsPerObjectMax: 0,
    groupBatchSize: 2,
    jobsPerObjectMax: 0,
    jobBatchSize: 2,
    aclsPerObjectMax: 0,
    aclBatchSize: 2,
  };
  const batched = await runRoundTrip({
    primary: "sample",
    dir: workDir("batched"),
    exportedAt: EXPORTED_AT,
    values: { granularity: JSON.stringify(granularity), ...ucValues() },
  });
  expect(unexpected(batched.verify)).toBe("");
  expect(batched.stack.log.failures).toEqual([]);
  const applied = appliedByType(batched.stack.log);
  for (const t of ["UserBatch", "GroupBatch", "MembershipBatch", "JobBatch", "AclBatch", "WorkspaceTreeSync"])
    expect({ type: t, applied: (applied[t] ?? 0) > 0 }).toEqual({ type: t, applied: true });
  for (const t of ["Job", "Notebook", "User"]) expect(applied[t]).toBeUndefined();
}, 120000);
