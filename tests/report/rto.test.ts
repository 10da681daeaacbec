/**
 * RTO, computed (report/rto.ts). Expected values are derived here by hand from the published
 * per-workspace limits of ../shared/reference/databricks-rest-api-notes.md (workspace import 30/s,
 * permissions GET 100/s and PUT 30/s, jobs create 20/s, at most 10,000 jobs created per hour) and from
 * what the provider sends per object (a notebook: one import; a job: one create; an ACL: a GET and a PUT),
 * never from the module's own tables.
 */
import { buildReport, parseStackSettings, renderHtml, renderMarkdown } from "../../report";
import { esc } from "../../report/charts";
import { estimateRto, rtoInputOf } from "../../report/rto";
import { readSnapshot } from "../../snapshot/reader";
import { removeWrittenSnapshots } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { directory } from "../helpers/descriptor-factories";

afterAll(removeWrittenSnapshots);

const PUBLISHED = {
  import: 30,
  permissionsGet: 100,
  permissionsPut: 30,
  jobsCreate: 20,
  jobsPerHour: 10_000,
};
/** Every threshold at its default but the tree's: 0, so the notebooks go in folder-tree syncs (one import each). */
const GRANULARITY = {
  notebooksPerObjectMax: 0,
  treeSize: 500,
  usersPerObjectMax: 1000,
  userBatchSize: 500,
  groupsPerObjectMax: 200,
  groupBatchSize: 250,
  jobsPerObjectMax: 500,
  jobBatchSize: 250,
  aclsPerObjectMax: 200,
  aclBatchSize: 500,
};

describe("the estimate for a small snapshot, by hand", () => {
  // 60 notebooks in 2 folders, 40 jobs, 90 notebook ACLs (one Permissions resource each: 90 < 200).
  const r = estimateRto({
    counts: { notebook: 60, directory: 2, job: 40, permissions: 90 },
    aclsByType: { notebooks: 90 },
    activation: { job: 30 },
    granularity: GRANULARITY,
  });
  const tree = 60 / PUBLISHED.import; // 2 s: the folders' two mkdirs at 30/s fit beside it
  const jobs = 40 / PUBLISHED.jobsCreate; // 2 s
  const acls = Math.max(90 / PUBLISHED.permissionsPut, 90 / PUBLISHED.permissionsGet); // 3 s

  it("adds the stages, each bound by its slowest family at the published limit", () => {
    expect(r.cold.objectsSeconds).toBeCloseTo(tree + jobs + acls, 6);
    expect(r.cold.objectsSeconds).toBeCloseTo(7, 6);
    const bound = Object.fromEntries(r.cold.stages.map((s) => [s.name, s.bound]));
    expect(bound).toMatchObject({
      "workspace tree": "workspace-import",
      jobs: "jobs-create",
      permissions: "permissions-update",
    });
  });

  it("gives the floor (no stage waiting for another) as the slowest family overall", () => {
    expect(r.cold.floorSeconds).toBeCloseTo(90 / PUBLISHED.permissionsPut, 6);
  });

  it("puts infrastructure and the start of pulumi up on top, and shows them as assumptions", () => {
    expect(r.cold.totalSeconds).toBeCloseTo(r.cold.infraSeconds + r.cold.startSeconds + 7, 6);
    expect(r.cold.infraSeconds).toBeGreaterThan(0);
    expect(r.assumptions.join("\n")).toMatch(/Infrastructure \(assumed, not measured\)/);
    expect(r.assumptions.join("\n")).toMatch(new RegExp(`starts in ${r.cold.startSeconds} s`));
  });

  it("estimates activation from what it changes: a jobs/reset per job to unpause", () => {
    // Jobs writes have no published figure: the client's default, 30/s.
    expect(r.activation.objectsSeconds).toBeCloseTo(30 / 30, 6);
    expect(r.activation.totalSeconds).toBeCloseTo(r.activation.startSeconds + 1, 6);
  });

  it("with an existing workspace, no infrastructure", () => {
    const e = estimateRto({ counts: { job: 40 }, activation: {}, infrastructure: false });
    expect(e.cold.infraSeconds).toBe(0);
    expect(e.cold.totalSeconds).toBeCloseTo(e.cold.startSeconds + 40 / PUBLISHED.jobsCreate, 6);
  });
});

it("waits for the next hour past 10,000 jobs created", () => {
  const e = estimateRto({ counts: { job: 25_000 }, activation: {}, infrastructure: false });
  const jobs = e.cold.stages.find((s) => s.name === "jobs")!;
  // 25,000 at 20/s would be 1,250 s; the hourly cap makes it two full hours before the last 5,000.
  expect(jobs.seconds).toBe(2 * 3600);
  expect(25_000 / PUBLISHED.jobsCreate).toBeLessThan(jobs.seconds);
});

// Which types the stack batches (kinds/permissions/provisioner.ts): jobs' ACLs in batches above the threshold,
// an MLflow experiment's one Permissions resource each (read back), a notebook's with its folder-tree sync.
it("counts ACLs above the threshold with the batched rate (no GET) only for the types the stack batches", () => {
  const batched = estimateRto({
    counts: { permissions: 600 },
    aclsByType: { jobs: 600 },
    activation: {},
    infrastructure: false,
  });
  const perms = batched.cold.stages.find((s) => s.name === "permissions")!;
  expect(perms.families.find((f) => f.family === "permissions-get")).toBeUndefined();
  expect(perms.seconds).toBeCloseTo(600 / PUBLISHED.permissionsPut, 6);
  expect(batched.batched).toContain("permissions (jobs)");

  const perObject = estimateRto({
    counts: { permissions: 600 },
    aclsByType: { experiments: 600 },
    activation: {},
    infrastructure: false,
  });
  const get = perObject.cold.stages
    .find((s) => s.name === "permissions")!
    .families.find((f) => f.family === "permissions-get");
  expect(get?.requests).toBe(600);
  expect(perObject.batched).not.toContain("permissions (experiments)");
});

it("counts a tree object's ACLs as batched when its tree is (the folder-tree sync writes them)", () => {
  const tree = (notebooks: number) =>
    estimateRto({
      counts: { notebook: notebooks, permissions: 600 },
      aclsByType: { notebooks: 600 },
      activation: {},
      infrastructure: false,
      granularity: { ...GRANULARITY, notebooksPerObjectMax: 100, aclsPerObjectMax: 0 },
    }).batched;
  expect(tree(600)).toContain("permissions (notebooks)");
  expect(tree(50)).not.toContain("permissions (notebooks)");
});

it("counts a legacy SQL object's ACLs at the legacy SQL permissions API, not the Permissions API", () => {
  const e = estimateRto({
    counts: { permissions: 50 },
    aclsByType: { "sql-dashboards": 50 },
    activation: {},
    infrastructure: false,
  });
  const families = e.cold.stages.find((s) => s.name === "permissions")!.families.map((f) => f.family);
  expect(families).toEqual(["other"]);
});

describe("the report", () => {
  const snap = readSnapshot(sampleWorld().write());
  const model = buildReport({ snapshot: snap, now: new Date("2026-11-25T09:30:00.000Z") });

  it("estimates from the snapshot's counts and what activation changes", () => {
    const input = rtoInputOf(snap);
    expect(input.counts.job).toBe(snap.descriptors.job.length);
    const unpaused = snap.descriptors.job.filter((j) =>
      Object.values(j.originalPause).includes("UNPAUSED"),
    ).length;
    expect(input.activation.job).toBe(unpaused);
    expect(model.rto.cold.totalSeconds).toBeGreaterThan(model.rto.cold.objectsSeconds);
  });

  it("shows the estimate and every assumption in Markdown and HTML", () => {
    const md = renderMarkdown(model);
    const html = renderHtml(model);
    expect(md).toMatch(/## Recovery time \(RTO\), computed/);
    expect(md).toMatch(/- \*\*Cold `pulumi up` of the secondary:\*\* about \*\*\d+ min/);
    expect(html).toMatch(/<h2 id="rto">Recovery time \(RTO\), computed<\/h2>/);
    for (const a of model.rto.assumptions) {
      expect(md).toContain(`- ${a}`);
      expect(html).toContain(`<li>${esc(a)}</li>`);
    }
    expect(md).toMatch(/workspace import 30\/s, permissions PUT 30\/s, jobs create 20\/s/);
    expect(md).toMatch(/VNet-injected premium Databricks workspace \(Azure: several minutes\) 10 min/);
  });
});

describe("with the stack's settings file", () => {
  const snap = readSnapshot(sampleWorld().write());
  const now = new Date("2026-11-25T09:30:00.000Z");
  const yaml = (extra: string) =>
    `config:\n  databricks-dr:role: secondary\n  databricks-dr:snapshotPath: dr-snapshot/primary\n${extra}`;

  it("an adopted workspace (existingWorkspace) has no infrastructure to create", () => {
    const settings = parseStackSettings(
      yaml(
        "  databricks-dr:existingWorkspace:\n    url: https://adb-1.1.azuredatabricks.net\n    resourceId: /x\n",
      ),
      "Pulumi.secondary.yaml",
    );
    expect(buildReport({ snapshot: snap, now, settings }).rto.cold.infraSeconds).toBe(0);
    const fresh = parseStackSettings(yaml(""), "Pulumi.secondary.yaml");
    expect(buildReport({ snapshot: snap, now, settings: fresh }).rto.cold.infraSeconds).toBeGreaterThan(0);
  });

  it("uses the stack's granularity: every threshold at 0 batches the tree", () => {
    const settings = parseStackSettings(
      yaml("  databricks-dr:granularity:\n    notebooksPerObjectMax: 0\n"),
      "Pulumi.secondary.yaml",
    );
    expect(buildReport({ snapshot: snap, now, settings }).rto.batched).toContain("notebook");
    expect(buildReport({ snapshot: snap, now }).rto.batched).not.toContain("notebook");
  });

  it("refuses a bad granularity naming the file and the key", () => {
    expect(() =>
      parseStackSettings(yaml("  databricks-dr:granularity:\n    treeSize: -1\n"), "Pulumi.secondary.yaml"),
    ).toThrow(/^Pulumi\.secondary\.yaml: databricks-dr:granularity\.treeSize: /);
  });
});

it("a batched tree's mkdirs are its leaf folders: one per folder holding no folder", () => {
  const w = sampleWorld();
  for (const k of ["directory", "notebook", "workspace-file"] as const)
    for (const d of w.list(k)) w.remove(k, d.id);
  // By hand: /a/b and /c are leaves (/a holds /a/b); /d/e holds only a notebook, so it is a leaf too.
  w.add("directory", directory("/a"), directory("/a/b"), directory("/c"));
  w.notebook("/d/e/nb", "print(1)");
  const input = rtoInputOf(readSnapshot(w.write()), { granularity: GRANULARITY });
  expect(input.treeLeafFolders).toBe(3);
  const write = (i: typeof input) =>
    estimateRto(i)
      .cold.stages.flatMap((s) => s.families)
      .filter((f) => f.family === "workspace-write")
      .reduce((n, f) => n + f.requests, 0);
  // The tree is batched (notebooksPerObjectMax 0): one mkdirs per leaf, whatever the directory count.
  expect(write({ ...input, treeLeafFolders: 7 }) - write(input)).toBe(4);
});
