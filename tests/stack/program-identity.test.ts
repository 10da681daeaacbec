/**
 * The program keys batch members by source id, in batches fixed by config: a workspace that grows by one
 * user keeps every other user in its batch, and a renamed job stays the same member of the same batch
 * (the name-keyed program renamed every batch, and made a renamed job a new member).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateLargeSnapshot } from "../../bench/stack-build";
import { resealSnapshot } from "../../snapshot/seal";
import { buildStack } from "./helpers/build";

const D = "pulumi-nodejs:dynamic/databricks-dr:";
const SIZES = { notebooks: 4, folders: 2, jobs: 12, clusters: 1, users: 12, groups: 4 };
const GRANULARITY = JSON.stringify({
  usersPerObjectMax: 5,
  userBatchSize: 4,
  jobsPerObjectMax: 5,
  jobBatchSize: 4,
});

async function membership(users: number, editJobs?: (file: string) => void) {
  const dir = generateLargeSnapshot(fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-id-")), { ...SIZES, users });
  if (editJobs) editJobs(dir);
  const { world } = await buildStack(
    { role: "secondary", location: "westus", snapshotPath: dir, granularity: GRANULARITY },
    { missingUsers: [], missingServicePrincipals: [] },
  );
  const of = (type: string, field: string) =>
    new Map(
      world
        .byType(`${D}${type}`)
        .flatMap((b) =>
          Object.entries(b.inputs[field] as object).map(([k, v]) => [k, { batch: b.name, v }] as const),
        ),
    );
  return { users: of("UserBatch", "principals"), jobs: of("JobBatch", "jobs") };
}

it("a user added moves no other user to another batch", async () => {
  const before = await membership(12);
  const after = await membership(13);
  expect(after.users.size).toBe(13);
  for (const [id, m] of before.users) expect(after.users.get(id)?.batch).toBe(m.batch);
}, 60000);

it("a renamed job keeps its key and its batch", async () => {
  const before = await membership(12);
  const [id] = [...before.jobs.keys()];
  const after = await membership(12, (dir) => {
    const file = path.join(dir, "descriptors", "job.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const j = doc.items.find((x: { id: string }) => x.id === id);
    j.name = j.settings.name = `${j.name} renamed`;
    fs.writeFileSync(file, JSON.stringify(doc));
    resealSnapshot(dir);
  });
  expect(after.jobs.get(id)?.batch).toBe(before.jobs.get(id)!.batch);
  expect((after.jobs.get(id)!.v as { name: string }).name).toMatch(/ renamed$/);
  expect([...after.jobs.keys()].sort()).toEqual([...before.jobs.keys()].sort());
}, 60000);
