/**
 * Above the granularity thresholds (set to their minimum here) the same snapshot becomes folder-tree syncs,
 * user/group/job/ACL batches: every object is still in exactly one resource, named in its inputs (so a
 * preview names it), with the same remapping, pause policy and principal ordering. Existing-workspace mode
 * adopts a workspace without creating infrastructure.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readSnapshot } from "../../snapshot/reader";
import { StackOutputs } from "../../components/program";
import { buildStack, secondaryValues } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { SAMPLE_IDS } from "../../emulator/seeds/sample-ids";
import { sampleWorld } from "../helpers/sample-world";
import { grant, job, user } from "../helpers/descriptor-factories";
import { Descriptor } from "../../kinds/registry";

import { SOURCE_TAG } from "../../components/dynamic/job-batch-impl";

const D = "pulumi-nodejs:dynamic/databricks-dr:";
const EXISTING = {
  url: "https://adb-9999999999999999.9.azuredatabricks.net",
  resourceId: "/subscriptions/s/resourceGroups/dr/providers/Microsoft.Databricks/workspaces/dr-ws",
};

/** Not in Entra ID in the mocks (tests/stack/helpers/build.ts): added to the seed's world by this test. */
const GHOST = "ghost@contoso.com";
const SP = SAMPLE_IDS.spApplicationId;
/** The seed's data-engineers group, by its source id (emulator/seeds/sample-people.ts). */
const DATA_ENG = "7000000000000008";
const ADMINS = "7000000000000001";
const SHARED = SAMPLE_IDS.sharedCluster;
const NIGHTLY = String(SAMPLE_IDS.jobs.nightlyEtl);
const INGEST = "/Shared/etl/bronze_to_silver";
/** A job the seed lacks, added here: one that runs the nightly ETL (a run_job reference). */
const RUNS_NIGHTLY = "190";
const TREE_ACL_TYPES = new Set(["directories", "notebooks", "files"]);

let world: MockWorld;
/** The world the stack is built from: what every expectation below is taken from. */
let snap: ReturnType<typeof readSnapshot>;
let outputs: StackOutputs;
let snapshotDir: string;

beforeAll(async () => {
  const w = sampleWorld();
  // A user Entra ID does not know, a member of a group and granted on a cluster: left out everywhere.
  w.add("user", user(GHOST));
  w.update("group", DATA_ENG, (g) => void g.members.push({ kind: "user", id: GHOST }));
  w.update(
    "permissions",
    `clusters:${SHARED}`,
    (p) => void p.acl.push(grant("user", GHOST, "CAN_ATTACH_TO")),
  );
  w.add(
    "job",
    job(RUNS_NIGHTLY, "runs-nightly", {
      tasks: [{ task_key: "t", run_job_task: { job_id: Number(NIGHTLY) } }],
    }),
  );
  snapshotDir = w.write();
  snap = readSnapshot(snapshotDir);
  ({ world, outputs } = await buildStack(
    secondaryValues(snapshotDir, {
      existingWorkspace: JSON.stringify(EXISTING),
      granularity: JSON.stringify({
        notebooksPerObjectMax: 0,
        treeSize: 1,
        usersPerObjectMax: 0,
        userBatchSize: 1,
        groupsPerObjectMax: 0,
        jobsPerObjectMax: 0,
        aclsPerObjectMax: 0,
      }),
    }),
  ));
});

it("adopts the existing workspace: no infrastructure, provider and syncs on its URL", () => {
  expect(world.registrations.filter((r) => r.type.startsWith("azure-native:"))).toHaveLength(0);
  const provider = world.byType("pulumi:providers:databricks")[0];
  expect(provider.inputs).toMatchObject({
    host: EXISTING.url,
    azureWorkspaceResourceId: EXISTING.resourceId,
  });
  for (const r of world.registrations.filter((x) => x.type.startsWith(D)))
    expect(r.inputs.host).toBe(EXISTING.url);
  expect(outputs.workspaceUrl).toBe(EXISTING.url);
});

/** A grant as the batches spell it: `kind:name=LEVEL`, groups by display name. */
function grantText(g: Descriptor<"permissions">["acl"][number]): string {
  const name =
    g.principal.kind === "group"
      ? snap.descriptors.group.find((x) => x.id === g.principal.id)!.displayName
      : g.principal.id;
  return `${g.principal.kind}:${name}=${g.level}`;
}
/** The world's ACL of one object, as the batches carry it: sorted, missing principals left out. */
function aclText(id: string): string {
  const p = snap.descriptors.permissions.find((x) => x.id === id)!;
  return p.acl
    .filter((g) => g.principal.id !== GHOST)
    .map(grantText)
    .sort()
    .join(";");
}

it("puts every directory, notebook and file in exactly one folder-tree unit, by path with its hash", () => {
  const units = world.byType(`${D}WorkspaceTreeSync`);
  // 2 x max(1, notebooksPerObjectMax) / treeSize buckets, from config alone; a tree root shares one.
  for (const u of units) expect(u.inputs.unit).toMatch(/^[01]-of-2$/);
  const rootUnit = new Map<string, unknown>();
  for (const u of units)
    for (const p of Object.keys(u.inputs.objects as object)) {
      const root = p.split("/").slice(0, 3).join("/");
      expect(rootUnit.get(root) ?? u.inputs.unit).toBe(u.inputs.unit);
      rootUnit.set(root, u.inputs.unit);
    }
  const where = new Map<string, number>();
  for (const u of units)
    for (const p of Object.keys(u.inputs.objects as object)) where.set(p, (where.get(p) ?? 0) + 1);
  const expected = [
    ...snap.descriptors.directory,
    ...snap.descriptors.notebook,
    ...snap.descriptors["workspace-file"],
  ];
  expect([...where.keys()].sort()).toEqual(expected.map((d) => d.path).sort());
  expect([...where.values()].every((n) => n === 1)).toBe(true);
  const ingest = units.find((u) => INGEST in (u.inputs.objects as object))!;
  const nb = snap.descriptors.notebook.find((n) => n.path === INGEST)!;
  expect((ingest.inputs.objects as Record<string, unknown>)[INGEST]).toBe(
    `NOTEBOOK ${nb.language} ${nb.content.sha256} ${nb.content.file}`,
  );
  expect(ingest.inputs.snapshotRoot).toBe(snap.root);
  // Contents are read by path when the provider runs: never in the inputs.
  const source = fs.readFileSync(path.join(snap.root, nb.content.file), "utf8").split("\n")[1];
  expect(source.length).toBeGreaterThan(5);
  expect(JSON.stringify(units.map((u) => u.inputs))).not.toContain(source);
  expect(world.byType("databricks:index/notebook:Notebook")).toHaveLength(0);
});

it("carries workspace ACLs in the units, after their principals", () => {
  const units = world.byType(`${D}WorkspaceTreeSync`);
  const acls = Object.assign({}, ...units.map((u) => u.inputs.acls as object)) as Record<string, string>;
  const tree = snap.descriptors.permissions.filter((p) => TREE_ACL_TYPES.has(p.objectType));
  expect(acls).toEqual(Object.fromEntries(tree.map((p) => [p.objectId, aclText(p.id)])));
  const etl = units.find((u) => "/Shared/etl" in (u.inputs.acls as object))!;
  const dataEng = world.byType(`${D}GroupBatch`).find((b) => DATA_ENG in (b.inputs.principals as object))!;
  expect(etl.dependencies).toEqual(expect.arrayContaining([dataEng.urn]));
});

it("batches users and groups, leaving missing identities out and membership per group", () => {
  const users = world.byType(`${D}UserBatch`).flatMap((b) => Object.keys(b.inputs.principals as object));
  expect(users.sort()).toEqual(
    snap.descriptors.user
      .map((u) => u.userName)
      .filter((u) => u !== GHOST)
      .sort(),
  );
  expect(world.byType("databricks:index/user:User")).toHaveLength(0);
  const groups = world.byType(`${D}GroupBatch`).flatMap((b) => Object.keys(b.inputs.principals as object));
  const BUILTIN = ["admins", "users"];
  expect(groups.sort()).toEqual(
    snap.descriptors.group
      .filter((g) => !BUILTIN.includes(g.displayName))
      .map((g) => g.id)
      .sort(),
  );
  // Membership is still held per group: one entry per group in the membership batch.
  expect(world.byType(`${D}GroupMembers`)).toHaveLength(0);
  const [batch] = world.byType(`${D}MembershipBatch`);
  const groupsIn = batch.inputs.groups as Record<
    string,
    { groupId: string; members: Record<string, string> }
  >;
  const withMembers = snap.descriptors.group.filter((g) => g.members.length > 0);
  expect(Object.keys(groupsIn).sort()).toEqual(withMembers.map((g) => g.id).sort());
  for (const g of withMembers)
    expect([g.displayName, Object.keys(groupsIn[g.id].members).sort()]).toEqual([
      g.displayName,
      g.members
        .filter((m) => m.id !== GHOST)
        .map((m) => `${m.kind}:${m.id}`)
        .sort(),
    ]);
  expect(groupsIn[ADMINS].groupId).toBe("sec-builtin-admins");
  const groupBatch = world.byType(`${D}GroupBatch`).find((b) => DATA_ENG in (b.inputs.principals as object))!;
  expect(groupsIn[DATA_ENG].groupId).toBe((groupBatch.state!.ids as Record<string, string>)[DATA_ENG]);
  expect(batch.dependencies).toEqual(expect.arrayContaining([groupBatch.urn]));
  expect(JSON.stringify(world.registrations.map((r) => r.inputs))).not.toContain(GHOST);
});

/** Batched jobs by source id: settings and the batch holding them. */
function batchedJobs() {
  const batches = world.byType(`${D}JobBatch`);
  const bySrc: Record<string, { s: Record<string, unknown>; batch: (typeof batches)[number] }> = {};
  for (const b of batches)
    for (const [src, s] of Object.entries(b.inputs.jobs as Record<string, Record<string, unknown>>))
      bySrc[src] = { s, batch: b };
  return bySrc;
}

it("batches jobs by source id with run_job references inside the batch, paused, remapped, tagged", () => {
  const all = batchedJobs();
  expect(Object.keys(all).sort()).toEqual(snap.descriptors.job.map((j) => j.id).sort());
  for (const [src, { s }] of Object.entries(all)) {
    expect((s.tags as Record<string, string>)[SOURCE_TAG]).toBe(src);
    expect(s.name).toBe(snap.descriptors.job.find((j) => j.id === src)!.name);
  }
  const holder = all[RUNS_NIGHTLY].batch;
  expect(all[NIGHTLY].batch).toBe(holder);
  const order = holder.inputs.order as string[];
  expect(order.indexOf(NIGHTLY)).toBeLessThan(order.indexOf(RUNS_NIGHTLY));
  expect((all[RUNS_NIGHTLY].s.tasks as { run_job_task: unknown }[])[0].run_job_task).toEqual({
    job_id: `{{job:${NIGHTLY}}}`,
  });
  const cluster = world.one("databricks:index/cluster:Cluster", `cluster:${SHARED}`).id;
  const streaming = String(SAMPLE_IDS.jobs.streaming);
  expect((all[streaming].s.tasks as { existing_cluster_id: string }[])[0].existing_cluster_id).toBe(cluster);
  expect((all[NIGHTLY].s.schedule as { pause_status: string }).pause_status).toBe("PAUSED");
  expect(all[NIGHTLY].s.run_as).toEqual({ service_principal_name: SP });
});

it("batches ACLs per object type, keyed by source id and pointing at the secondary's ids", () => {
  const batches = world.byType(`${D}AclBatch`);
  const jobs = batches.find((b) => b.inputs.objectType === "jobs")!;
  const all = batchedJobs();
  const jobAcls = snap.descriptors.permissions.filter((p) => p.objectType === "jobs");
  expect(jobAcls.length).toBeGreaterThan(1);
  expect(jobs.inputs.objects).toEqual(
    Object.fromEntries(
      jobAcls.map((p) => [
        p.id,
        { id: (all[p.objectId].batch.state!.ids as Record<string, string>)[p.objectId], acl: aclText(p.id) },
      ]),
    ),
  );
  expect(jobs.dependencies).toContain(all[NIGHTLY].batch.urn);
  const clusters = batches.find((b) => b.inputs.objectType === "clusters")!;
  const clusterAcls = snap.descriptors.permissions.filter((p) => p.objectType === "clusters");
  expect(clusters.inputs.objects).toEqual(
    Object.fromEntries(
      clusterAcls.map((p) => [
        p.id,
        { id: world.one("databricks:index/cluster:Cluster", `cluster:${p.objectId}`).id, acl: aclText(p.id) },
      ]),
    ),
  );
  // Repos and workspace-wide objects stay one resource each (their API ids are not what the registry holds);
  // no object type of a batch has a resource of its own.
  const own = world.byType("databricks:index/permissions:Permissions").map((p) => p.name);
  expect(own).toEqual(
    expect.arrayContaining([
      "permissions:authorization/tokens:tokens",
      ...snap.descriptors.permissions
        .filter((p) => p.objectType === "repos")
        .map((p) => `permissions:${p.id}`),
    ]),
  );
  const batchedTypes = new Set([...batches.map((b) => String(b.inputs.objectType)), ...TREE_ACL_TYPES]);
  expect(batchedTypes.has("jobs") && batchedTypes.has("clusters")).toBe(true);
  for (const n of own) expect([n, batchedTypes.has(n.split(":")[1])]).toEqual([n, false]);
});

it("still accounts for every descriptor", () => {
  for (const c of Object.values(
    outputs.counts as Record<
      string,
      { inSnapshot: number; replicated: number; skipped: number; excluded: number }
    >,
  ))
    expect(c.replicated + c.skipped + c.excluded).toBe(c.inSnapshot);
});
