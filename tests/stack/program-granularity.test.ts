/**
 * Above the granularity thresholds (set to their minimum here) the same snapshot becomes folder-tree syncs,
 * user/group/job/ACL batches: every object is still in exactly one resource, named in its inputs (so a
 * preview names it), with the same remapping, pause policy and principal ordering. Existing-workspace mode
 * adopts a workspace without creating infrastructure.
 */
import { readSnapshot } from "../../snapshot/reader";
import { StackOutputs } from "../../components/program";
import { buildStack, secondaryValues } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { ALICE, BOB, CLUSTER_1, GHOST, SP_OK, writeSampleSnapshot } from "./helpers/sample-snapshot";

import { SOURCE_TAG } from "../../components/dynamic/job-batch-impl";

const D = "pulumi-nodejs:dynamic/databricks-dr:";
const EXISTING = {
  url: "https://adb-9999999999999999.9.azuredatabricks.net",
  resourceId: "/subscriptions/s/resourceGroups/dr/providers/Microsoft.Databricks/workspaces/dr-ws",
};

let world: MockWorld;
let outputs: StackOutputs;
let snapshotDir: string;

beforeAll(async () => {
  snapshotDir = writeSampleSnapshot();
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

it("puts every directory, notebook and file in exactly one folder-tree unit, by path with its hash", () => {
  const snap = readSnapshot(snapshotDir);
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
  const ingest = units.find((u) => "/Shared/etl/ingest" in (u.inputs.objects as object))!;
  const sha = snap.descriptors.notebook.find((n) => n.path === "/Shared/etl/ingest")!.content.sha256;
  expect((ingest.inputs.objects as Record<string, unknown>)["/Shared/etl/ingest"]).toBe(
    `NOTEBOOK PYTHON ${sha} content/workspace/Shared/etl/ingest.py`,
  );
  expect(ingest.inputs.snapshotRoot).toBe(snap.root);
  // Contents are read by path when the provider runs: never in the inputs.
  expect(JSON.stringify(units.map((u) => u.inputs))).not.toContain("print(1)");
  expect(world.byType("databricks:index/notebook:Notebook")).toHaveLength(0);
});

it("carries workspace ACLs in the units, after their principals", () => {
  const units = world.byType(`${D}WorkspaceTreeSync`);
  const acls = Object.assign({}, ...units.map((u) => u.inputs.acls as object)) as Record<string, string>;
  expect(acls).toEqual({
    "/Shared/etl": `group:data-eng=CAN_MANAGE;user:${BOB}=CAN_EDIT`,
    "/Shared/etl/config.yaml": "group:data-eng=CAN_READ",
    "/Shared/etl/ingest": "group:analysts=CAN_RUN",
  });
  const etl = units.find((u) => "/Shared/etl" in (u.inputs.acls as object))!;
  const dataEng = world.byType(`${D}GroupBatch`).find((b) => "data-eng" in (b.inputs.principals as object))!;
  const bob = world.byType(`${D}UserBatch`).find((b) => BOB in (b.inputs.principals as object))!;
  expect(etl.dependencies).toEqual(expect.arrayContaining([dataEng.urn, bob.urn]));
});

it("batches users and groups, leaving missing identities out and membership per group", () => {
  const users = world.byType(`${D}UserBatch`).flatMap((b) => Object.keys(b.inputs.principals as object));
  expect(users.sort()).toEqual([ALICE, BOB]);
  expect(world.byType("databricks:index/user:User")).toHaveLength(0);
  const groups = world.byType(`${D}GroupBatch`).flatMap((b) => Object.keys(b.inputs.principals as object));
  expect(groups.sort()).toEqual(["analysts", "data-eng"]);
  // Membership is still held per group: one entry per group in the membership batch.
  expect(world.byType(`${D}GroupMembers`)).toHaveLength(0);
  const [batch] = world.byType(`${D}MembershipBatch`);
  const groupsIn = batch.inputs.groups as Record<
    string,
    { groupId: string; members: Record<string, string> }
  >;
  expect(Object.keys(groupsIn).sort()).toEqual(["admins", "analysts", "data-eng"]);
  expect(Object.keys(groupsIn["data-eng"].members).sort()).toEqual([
    `group:analysts`,
    `service-principal:${SP_OK}`,
    `user:${BOB}`,
  ]);
  expect(groupsIn.admins.groupId).toBe("sec-builtin-admins");
  const groupBatch = world
    .byType(`${D}GroupBatch`)
    .find((b) => "data-eng" in (b.inputs.principals as object))!;
  expect(groupsIn["data-eng"].groupId).toBe((groupBatch.state!.ids as Record<string, string>)["data-eng"]);
  const userBatch = world.byType(`${D}UserBatch`).find((b) => BOB in (b.inputs.principals as object))!;
  expect(batch.dependencies).toEqual(expect.arrayContaining([groupBatch.urn, userBatch.urn]));
  expect(JSON.stringify(world.registrations.map((r) => r.inputs))).not.toContain(GHOST);
});

/** Batched jobs by name: source id (the key the batch holds them by) and settings. */
function batchedJobs() {
  const batches = world.byType(`${D}JobBatch`);
  const byName: Record<string, { src: string; s: Record<string, unknown>; batch: (typeof batches)[number] }> =
    {};
  for (const b of batches)
    for (const [src, s] of Object.entries(b.inputs.jobs as Record<string, Record<string, unknown>>))
      byName[String(s.name)] = { src, s, batch: b };
  return byName;
}

it("batches jobs by source id with run_job references inside the batch, paused, remapped, tagged", () => {
  const all = batchedJobs();
  expect(Object.keys(all).sort()).toEqual(["alerts", "legacy", "nightly-etl", "on-arrival", "stream"]);
  for (const { src, s } of Object.values(all)) {
    expect(src).toMatch(/^\d+$/);
    expect((s.tags as Record<string, string>)[SOURCE_TAG]).toBe(src);
  }
  const holder = all["on-arrival"].batch;
  expect(all["nightly-etl"].batch).toBe(holder);
  const order = holder.inputs.order as string[];
  expect(order.indexOf(all["nightly-etl"].src)).toBeLessThan(order.indexOf(all["on-arrival"].src));
  expect((all["on-arrival"].s.tasks as { run_job_task: unknown }[])[0].run_job_task).toEqual({
    job_id: `{{job:${all["nightly-etl"].src}}}`,
  });
  const cluster = world.one("databricks:index/cluster:Cluster", `cluster:${CLUSTER_1}`).id;
  expect((all["legacy"].s.tasks as { existing_cluster_id: string }[])[0].existing_cluster_id).toBe(cluster);
  expect((all["nightly-etl"].s.schedule as { pause_status: string }).pause_status).toBe("PAUSED");
  expect((all["stream"].s.continuous as { pause_status: string }).pause_status).toBe("PAUSED");
  expect(all["nightly-etl"].s.run_as).toEqual({ service_principal_name: SP_OK });
});

it("batches ACLs per object type, keyed by source id and pointing at the secondary's ids", () => {
  const batches = world.byType(`${D}AclBatch`);
  const jobs = batches.find((b) => b.inputs.objectType === "jobs")!;
  const nightly = batchedJobs()["nightly-etl"];
  expect(jobs.inputs.objects).toEqual({
    [`jobs:${nightly.src}`]: {
      id: (nightly.batch.state!.ids as Record<string, string>)[nightly.src],
      acl: `group:data-eng=CAN_MANAGE_RUN;service-principal:${SP_OK}=CAN_VIEW;user:${ALICE}=IS_OWNER`,
    },
  });
  expect(jobs.dependencies).toContain(nightly.batch.urn);
  const clusters = batches.find((b) => b.inputs.objectType === "clusters")!;
  const cluster = world.one("databricks:index/cluster:Cluster", `cluster:${CLUSTER_1}`);
  expect(clusters.inputs.objects).toEqual({
    [`clusters:${CLUSTER_1}`]: { id: cluster.id, acl: "group:data-eng=CAN_RESTART" },
  });
  // Repos and workspace-wide objects stay one resource each (their API ids are not what the registry holds).
  expect(
    world
      .byType("databricks:index/permissions:Permissions")
      .map((p) => p.name)
      .sort(),
  ).toEqual(["permissions:authorization/tokens:tokens", `permissions:repos:/Repos/${ALICE}/etl-repo`]);
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
