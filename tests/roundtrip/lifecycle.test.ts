/**
 * The lifecycle suite's seeded part (npm run lifecycle-suite runs many more): sequences of primary changes,
 * threshold crossings, config changes and moved checkouts through the round trip, 0 violations; and the
 * suite catches a broken adoption (jobs without their source tag cannot be found again).
 */
import { SOURCE_TAG } from "../../components/dynamic/job-batch-impl";
import type { Inputs } from "../../roundtrip/api-body";
import { runSequence } from "../../lifecycle-suite/sequence";

const PER_OBJECT = {
  jobsPerObjectMax: 50,
  usersPerObjectMax: 50,
  groupsPerObjectMax: 50,
  aclsPerObjectMax: 50,
};
const BATCHED = {
  jobsPerObjectMax: 2,
  jobBatchSize: 2,
  usersPerObjectMax: 2,
  groupsPerObjectMax: 1,
  aclsPerObjectMax: 1,
};

it.each([1, 2])(
  "seed %i: every step leaves the secondary equal to the primary, idempotent",
  async (seed) => {
    const r = await runSequence({ seed, steps: 3 });
    expect(r.violations).toEqual([]);
    expect(r.steps).toBe(4);
  },
  60000,
);

it("crossing every threshold up and back down, renaming on the way, with prune on, keeps every object once", async () => {
  const r = await runSequence({
    seed: 100,
    initial: { granularity: PER_OBJECT, prune: true, activation: false },
    script: [
      { granularity: BATCHED },
      { mutation: "renameJob" },
      { mutation: "addUsers" },
      { mutation: "addNotebooks" },
      // Every batch leaves the program in the step the checkout moves: deleted with providers whose path is gone.
      { moveCheckout: true, granularity: PER_OBJECT },
    ],
  });
  expect(r.violations).toEqual([]);
}, 60000);

it("ACLs crossing into batches, re-batched and back, with prune on, keep every grant", async () => {
  const r = await runSequence({
    seed: 102,
    initial: { granularity: { aclsPerObjectMax: 50 }, prune: true, activation: false },
    script: [
      { granularity: { aclsPerObjectMax: 1, aclBatchSize: 1 } },
      { granularity: { aclsPerObjectMax: 1, aclBatchSize: 3 } },
      { granularity: { aclsPerObjectMax: 50 } },
    ],
  });
  expect(r.violations).toEqual([]);
}, 60000);

it.each([
  ["per object", { aclsPerObjectMax: 50, notebooksPerObjectMax: 50 }],
  ["in folder-tree sync", { aclsPerObjectMax: 50, notebooksPerObjectMax: 2, treeSize: 4 }],
])(
  "grants removed in the primary are removed in the secondary (%s)",
  async (_how, granularity) => {
    const r = await runSequence({
      seed: 300,
      initial: { granularity, prune: true, activation: false },
      script: [{ mutation: "removeAcl" }, { mutation: "removeAcl" }],
    });
    expect(r.violations).toEqual([]);
  },
  60000,
);

it.each([true, false])(
  "jobs crossing down from batches to resources of their own keep their job ids (prune %s)",
  async (prune) => {
    // The checks compare each primary job's secondary job id (by its source tag) with the step before.
    const r = await runSequence({
      seed: 103,
      initial: { granularity: BATCHED, prune, activation: false },
      script: [{ granularity: PER_OBJECT }, { mutation: "renameJob" }, { granularity: BATCHED }],
    });
    expect(r.violations).toEqual([]);
  },
  60000,
);

/**
 * Broken on purpose: the hashed batches (`jobs:<b>-of-<n>`) key their jobs by something else than the source
 * id (as the name-keyed batches did), so a batch cannot find the job a per-object resource held and makes a
 * second one.
 */
function rekeyedBatches(type: string, name: string, inputs: Inputs): Inputs {
  if (!type.endsWith(":JobBatch") || !name.startsWith("jobs:")) return inputs;
  const text = JSON.stringify({ jobs: inputs.jobs, order: inputs.order })
    .replace(/\{\{job:(\d+)\}\}/g, "{{job:x$1}}")
    .replace(new RegExp(`"${SOURCE_TAG}":"(\\d+)"`, "g"), `"${SOURCE_TAG}":"x$1"`);
  const { jobs, order } = JSON.parse(text) as { jobs: Record<string, unknown>; order: string[] };
  return {
    ...inputs,
    jobs: Object.fromEntries(Object.entries(jobs).map(([k, v]) => [`x${k}`, v])),
    order: order.map((k) => `x${k}`),
  };
}

it("catches a broken adoption: jobs crossing into batches are copied", async () => {
  const r = await runSequence({
    seed: 101,
    initial: { granularity: PER_OBJECT, prune: false, activation: false },
    script: [{ granularity: BATCHED }],
    tamper: rekeyedBatches,
  });
  expect(r.log[0]).toMatch(/^step 0: first sync \([^)]*\)$/);
  expect(r.violations.join("\n")).toMatch(/step 1 .*extra job/);
}, 60000);
