/**
 * The requests per object the RTO estimate assumes (report/rto-rates.ts) against what the round trip
 * sends: the stack under Pulumi's mocks applied to an empty emulator, requests counted per family by the
 * EMULATOR (its own stats), for a cold `pulumi up` and then an activation. Three workspaces: `sample`,
 * `large` at 1/50 with one resource per object, and the same in batches (every threshold 0).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { applyStack, DEFAULT_TOKEN, exportWorkspace } from "../../roundtrip/harness";
import { estimateRto, rtoInputOf } from "../../report/rto";
import { readSnapshot } from "../../snapshot/reader";
import { CONFIG_KEYS, Granularity } from "../../components/config/schema";

jest.setTimeout(240_000);

/** The families a cold apply or an activation is bound by (writes), and the read-backs beside them. */
const CHECKED = [
  "scim-write",
  "workspace-write",
  "workspace-import",
  "permissions-update",
  "permissions-get",
  "jobs-create",
  "jobs-write",
  "clusters-write",
  "policies-pools",
  "sql",
  "secrets",
  "dbfs",
];

const LARGE = { notebooks: 200, folders: 20, jobs: 40, clusters: 6, users: 100, groups: 10 };
const BATCHED = {
  notebooksPerObjectMax: 0,
  usersPerObjectMax: 0,
  groupsPerObjectMax: 0,
  jobsPerObjectMax: 0,
  aclsPerObjectMax: 0,
  treeSize: 100,
  userBatchSize: 50,
  groupBatchSize: 5,
  jobBatchSize: 20,
  aclBatchSize: 50,
};

const sumByFamily = (families: { family: string; requests: number }[]) => {
  const out: Record<string, number> = {};
  for (const f of families) out[f.family] = (out[f.family] ?? 0) + f.requests;
  return out;
};

/** Within 20% or 3 requests: the rates are averages over the objects measured. */
function expectClose(measured: Record<string, number>, predicted: Record<string, number>) {
  const off = CHECKED.filter((f) => {
    const m = measured[f] ?? 0;
    const p = predicted[f] ?? 0;
    return Math.abs(m - p) > Math.max(3, 0.2 * Math.max(m, p));
  }).map((f) => `${f}: measured ${measured[f] ?? 0}, estimated ${(predicted[f] ?? 0).toFixed(1)}`);
  expect(off).toEqual([]);
}

const cases: [string, "sample" | "large", Record<string, number> | undefined][] = [
  ["sample", "sample", undefined],
  ["large at 1/50, one resource per object", "large", undefined],
  ["large at 1/50, in batches", "large", BATCHED],
];

it.each(cases)("%s: the requests per family the round trip sends are the estimate's", async (_, ws, gran) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-rto-"));
  const primary = await startEmulator({
    workspace: ws,
    large: LARGE,
    token: DEFAULT_TOKEN,
    rateLimits: false,
  });
  const secondary = await startEmulator({ workspace: "empty", token: DEFAULT_TOKEN, rateLimits: false });
  try {
    await exportWorkspace({ url: primary.url, token: DEFAULT_TOKEN }, dir);
    const target = { url: secondary.url, token: DEFAULT_TOKEN };
    const values: Record<string, string> = gran ? { granularity: JSON.stringify(gran) } : {};
    secondary.resetStats();
    const cold = await applyStack({ snapshotPath: dir, target, values });
    expect(cold.log.failures).toEqual([]);
    const coldMeasured = secondary.stats().byFamily;

    const granularity = CONFIG_KEYS.granularity.schema.parse(gran ?? {}) as Granularity;
    const estimate = estimateRto(rtoInputOf(readSnapshot(dir), { granularity }));
    expectClose(coldMeasured, sumByFamily(estimate.cold.stages.flatMap((s) => s.families)));

    secondary.resetStats();
    const act = await applyStack({
      snapshotPath: dir,
      target,
      values: { ...values, activation: "true" },
      state: cold.state,
    });
    expect(act.log.failures).toEqual([]);
    expectClose(secondary.stats().byFamily, sumByFamily(estimate.activation.families));
  } finally {
    await primary.close();
    await secondary.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
