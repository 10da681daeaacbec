/**
 * Granularity at scale with the default thresholds: a workspace past every threshold (generated like the
 * emulator's `large`, smaller) builds into a bounded number of resources, each object still accounted for.
 * Time and memory are measured by bench/stack-build.ts, never here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateLargeSnapshot } from "../../bench/stack-build";
import { StackOutputs } from "../../components/program";
import { buildStack } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";

const SIZES = { notebooks: 520, folders: 40, jobs: 505, clusters: 10, users: 1005, groups: 205 };
let world: MockWorld;
let outputs: StackOutputs;

beforeAll(async () => {
  const dir = generateLargeSnapshot(fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-scale-")), SIZES);
  ({ world, outputs } = await buildStack(
    { role: "secondary", location: "westus", snapshotPath: dir },
    { missingUsers: [], missingServicePrincipals: [] },
  ));
}, 120000);

const count = (type: string) => world.byType(type).length;
const D = "pulumi-nodejs:dynamic/databricks-dr:";

it("switches to folder-tree, user, group, job and ACL batches past the thresholds", () => {
  expect(count("databricks:index/notebook:Notebook")).toBe(0);
  expect(count(`${D}WorkspaceTreeSync`)).toBeGreaterThanOrEqual(2);
  expect(count(`${D}WorkspaceTreeSync`)).toBeLessThanOrEqual(16);
  expect(count("databricks:index/user:User")).toBe(0);
  // Batches per kind are fixed by config (2 x usersPerObjectMax / userBatchSize = 4), never by the count.
  expect(count(`${D}UserBatch`)).toBe(4);
  expect(count("databricks:index/group:Group")).toBe(0);
  expect(count(`${D}GroupMembers`)).toBe(0);
  expect(count(`${D}MembershipBatch`)).toBeLessThanOrEqual(2);
  expect(count("databricks:index/job:Job")).toBe(0);
  expect(count(`${D}JobBatch`)).toBeLessThanOrEqual(4);
  expect(count("databricks:index/cluster:Cluster")).toBe(10);
  // One resource per object would be about 2,900 here.
  expect(world.registrations.length).toBeLessThan(150);
});

it("accounts for every object in some resource", () => {
  const counts = outputs.counts as Record<
    string,
    { inSnapshot: number; replicated: number; skipped: number }
  >;
  for (const [kind, c] of Object.entries(counts))
    expect([kind, c.replicated + c.skipped]).toEqual([kind, c.inSnapshot]);
  const inTrees = world
    .byType(`${D}WorkspaceTreeSync`)
    .reduce((a, r) => a + Object.keys(r.inputs.objects as object).length, 0);
  expect(inTrees).toBe(SIZES.notebooks + SIZES.folders + 1);
  const jobs = world
    .byType(`${D}JobBatch`)
    .reduce((a, r) => a + Object.keys(r.inputs.jobs as object).length, 0);
  expect(jobs).toBe(SIZES.jobs);
  const jobAcls = world.byType(`${D}AclBatch`).filter((r) => r.inputs.objectType === "jobs");
  expect(jobAcls.reduce((a, r) => a + Object.keys(r.inputs.objects as object).length, 0)).toBe(SIZES.jobs);
});
