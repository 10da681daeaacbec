/**
 * The runbook's flips under mocks, each applied to emulated workspaces: the passive secondary (every
 * trigger paused), cutover (`activation: true`: each job back to its ORIGINAL state, applied as a second
 * `pulumi up` that updates what exists), failback (the activated secondary exported and replicated into a
 * fresh workspace), and pausing the primary's jobs with `databricks-dr pause-jobs`.
 */
import * as path from "node:path";
import { buildProgram } from "../../cli/main";
import { pauseJobs } from "../../cli/commands/pause-jobs";
import type { RunningEmulator } from "../../emulator";
import {
  applyStack,
  clientFor,
  DEFAULT_TOKEN,
  Endpoint,
  exportWorkspace,
  RoundTripResult,
  runRoundTrip,
  StackResult,
  startWorkspace,
  verifyRoundTrip,
} from "../../roundtrip";
import { EXPORTED_AT, originalStates, pauseStates, removeWorkDirs, unexpected, workDir } from "./helpers";
import { PRIMARY_ACCOUNT, SECONDARY_ACCOUNT, sampleUcValues } from "../../roundtrip/sample-uc-values";

let dir: string;
let passive: RoundTripResult;
let secondary: RunningEmulator;
let target: Endpoint;
let activation: StackResult;

beforeAll(async () => {
  dir = workDir("flips");
  passive = await runRoundTrip({
    primary: "sample",
    dir: path.join(dir, "passive"),
    exportedAt: EXPORTED_AT,
    keepSecondary: true,
    values: sampleUcValues(),
  });
  secondary = passive.secondary!;
  target = { url: secondary.url, token: DEFAULT_TOKEN };
}, 120000);
afterAll(async () => {
  await secondary?.close();
  removeWorkDirs();
});

describe("passive", () => {
  it("every schedule, continuous run and trigger is PAUSED in the secondary", () => {
    expect(unexpected(passive.verify)).toBe("");
    const states = pauseStates(secondary);
    const triggers = Object.values(states).flatMap((t) => Object.values(t));
    expect(triggers.length).toBeGreaterThanOrEqual(4);
    expect(new Set(triggers)).toEqual(new Set(["PAUSED"]));
    // ...though the primary runs some of them.
    const original = Object.values(originalStates(passive.primarySnapshot)).flatMap((t) => Object.values(t));
    expect(original).toContain("UNPAUSED");
  });
});

describe("cutover: activation = true", () => {
  beforeAll(async () => {
    activation = await applyStack({
      snapshotPath: passive.primarySnapshot,
      target,
      values: { ...sampleUcValues(), activation: "true" },
      state: passive.stack.state,
    });
  }, 120000);

  it("updates the existing objects in place: nothing is created twice", () => {
    expect(activation.log.failures).toEqual([]);
    const ops = activation.log.applied.map((a) => a.op);
    expect(ops).not.toContain("create");
    const updated = activation.log.applied.filter((a) => a.op === "update").map((a) => a.type);
    expect(updated).toEqual(
      expect.arrayContaining([
        "pulumi-nodejs:dynamic/databricks-dr:JobBatch",
        "databricks:index/cluster:Cluster",
      ]),
    );
    expect(secondary.state.jobs.size).toBe(Object.keys(originalStates(passive.primarySnapshot)).length);
  });

  it("gives each job back its original pause state: a job paused in the primary stays paused", () => {
    const original = originalStates(passive.primarySnapshot);
    expect(pauseStates(secondary)).toEqual(original);
    expect(Object.values(original).flatMap((t) => Object.values(t))).toEqual(
      expect.arrayContaining(["PAUSED", "UNPAUSED"]),
    );
  });

  it("verifies with --active: 0 unexpected differences", async () => {
    const out = path.join(dir, "activated");
    await exportWorkspace(target, out, { exportedAt: EXPORTED_AT });
    const v = verifyRoundTrip(passive.primarySnapshot, out, activation.config, [
      ...passive.preExisting,
      ...passive.notCompared,
    ]);
    expect(v.mode).toBe("active");
    expect(unexpected(v)).toBe("");
    expect(v.objects.flatMap((o) => o.expected.map((e) => e.rule))).not.toContain("paused-while-passive");
  }, 60000);

  it("failback: the activated secondary is the source, replicated into a fresh workspace", async () => {
    const back = await runRoundTrip({
      primary: target,
      dir: path.join(dir, "failback"),
      stack: "failback",
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
      // Back the other way: the secondary's storage account becomes the primary's again.
      values: {
        ...sampleUcValues(),
        storageMap: JSON.stringify({ accounts: { [SECONDARY_ACCOUNT]: PRIMARY_ACCOUNT } }),
      },
    });
    try {
      expect(unexpected(back.verify)).toBe("");
      expect(back.stack.log.failures).toEqual([]);
      expect(back.verify.primary.host).toBe(secondary.url);
      // The failback target waits passive; the active secondary keeps running its jobs.
      const states = Object.values(pauseStates(back.secondary!)).flatMap((t) => Object.values(t));
      expect(new Set(states)).toEqual(new Set(["PAUSED"]));
      expect(pauseStates(secondary)).toEqual(originalStates(passive.primarySnapshot));
    } finally {
      await back.secondary?.close();
    }
  }, 120000);
});

describe("pausing the primary's jobs (databricks-dr pause-jobs)", () => {
  let primary: RunningEmulator;
  beforeAll(async () => {
    primary = await startWorkspace("sample");
  });
  afterAll(async () => {
    await primary.close();
  });

  it("pauses every trigger, then restores the original states from the snapshot", async () => {
    const client = clientFor({ url: primary.url, token: DEFAULT_TOKEN });
    const dry = await pauseJobs(client, { dryRun: true });
    expect(dry.changes.length).toBeGreaterThan(0);
    expect(Object.values(pauseStates(primary)).flatMap((t) => Object.values(t))).toContain("UNPAUSED");

    const paused = await pauseJobs(client);
    expect(paused.changes).toEqual(dry.changes);
    expect(new Set(Object.values(pauseStates(primary)).flatMap((t) => Object.values(t)))).toEqual(
      new Set(["PAUSED"]),
    );
    expect((await pauseJobs(client)).changes).toEqual([]);

    const resumed = await pauseJobs(client, { resumeFrom: passive.primarySnapshot });
    expect(resumed.unmatched).toEqual([]);
    expect(pauseStates(primary)).toEqual(originalStates(passive.primarySnapshot));
  });

  it("is a databricks-dr command", async () => {
    const before = process.env.DATABRICKS_TOKEN;
    process.env.DATABRICKS_TOKEN = DEFAULT_TOKEN;
    const log = jest.spyOn(console, "log").mockImplementation(() => {});
    try {
      await buildProgram().parseAsync([
        "node",
        "databricks-dr",
        "pause-jobs",
        "--host",
        primary.url,
        "--json",
      ]);
      const out = JSON.parse(String(log.mock.calls[0][0]));
      expect(out.mode).toBe("pause");
      expect(out.changes.length).toBeGreaterThan(0);
    } finally {
      log.mockRestore();
      if (before === undefined) delete process.env.DATABRICKS_TOKEN;
      else process.env.DATABRICKS_TOKEN = before;
    }
    expect(new Set(Object.values(pauseStates(primary)).flatMap((t) => Object.values(t)))).toEqual(
      new Set(["PAUSED"]),
    );
  });
});
