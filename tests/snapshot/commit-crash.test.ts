/**
 * Crash-proof commit: a run killed (SIGKILL) at ANY step of the commit sequence leaves one complete snapshot
 * at --out, old or new, or one the next run's start restores before doing anything else. The crash is
 * injected at each step by name (DATABRICKS_DR_TEST_CRASH_AT), not left to timing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SCHEMA_VERSION } from "../../kinds/common";
import { COMMIT_STEPS, CRASH_ENV } from "../../snapshot/commit";
import { workDirOf } from "../../snapshot/layout";
import { readSnapshot } from "../../snapshot/reader";
import { SnapshotWriter } from "../../snapshot/writer";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

const ROOT = path.resolve(__dirname, "../..");
const OLD = "2026-01-01T00:00:00.000Z";
const NEW = "2026-02-02T00:00:00.000Z";

/** The exportedAt of the complete snapshot at `out`, or "none" when there is none. */
function whichSnapshot(out: string): string {
  if (!fs.existsSync(out)) return "none";
  return readSnapshot(out).manifest.exportedAt;
}

function crashingCommit(out: string, step: string) {
  return spawnSync(
    process.execPath,
    ["--require", "tsx/cjs", "tests/snapshot/helpers/commit-child.ts", out, NEW],
    { cwd: ROOT, env: { ...process.env, [CRASH_ENV]: step }, encoding: "utf8" },
  );
}

/** Where the commit is once the marker exists: from there on the new snapshot wins. */
const ROLLS_FORWARD = new Set(["marker-written", "old-moved-aside", "new-in-place", "marker-removed"]);

describe.each([
  ["an old snapshot", true],
  ["no snapshot yet", false],
])("killed while replacing %s", (_what, withOld) => {
  it.each(COMMIT_STEPS)(
    "at step %s: a complete snapshot is there, or after the next run's start",
    async (step) => {
      const out = path.join(tmpDir("crash-"), "dr-snapshot");
      if (withOld) sampleWorld({ exportedAt: OLD }).write(out);
      const r = crashingCommit(out, step);
      // With nothing to replace, there is no old snapshot to move aside: that step is never reached.
      const reached = withOld || step !== "old-moved-aside";
      expect([r.signal, r.stderr]).toEqual([reached ? "SIGKILL" : null, ""]);

      // Right after the crash: the old or the new snapshot, complete, or none (the recovery puts it back).
      const now = whichSnapshot(out);
      expect([OLD, NEW, "none"]).toContain(now);

      // The next run's start recovers; it then stops without committing (nothing else changes).
      const next = await SnapshotWriter.begin(out);
      await next.abort();
      const expected = ROLLS_FORWARD.has(step) ? NEW : withOld ? OLD : "none";
      expect(whichSnapshot(out)).toBe(expected);
      // Nothing of the dead run is left behind once the recovery is over.
      expect(fs.existsSync(workDirOf(out))).toBe(false);
      expect(fs.readdirSync(path.dirname(out))).toEqual(expected === "none" ? [] : ["dr-snapshot"]);
    },
  );
});

it("without a crash, the child's commit replaces the snapshot (the crash points are off by default)", () => {
  const out = path.join(tmpDir("crash-"), "dr-snapshot");
  sampleWorld({ exportedAt: OLD }).write(out);
  const r = crashingCommit(out, "");
  expect([r.status, r.stderr]).toEqual([0, ""]);
  expect(whichSnapshot(out)).toBe(NEW);
});

it("a run killed between the two renames of an old-style commit gets its old snapshot back", async () => {
  // Before the work directory: `.dr-snapshot.old-<pid>…` and `.dr-snapshot.tmp-<pid>…` beside a missing --out.
  const parent = tmpDir("crash-");
  const out = path.join(parent, "dr-snapshot");
  const dead = 2 ** 22 + 12345;
  sampleWorld({ exportedAt: OLD }).write(path.join(parent, `.dr-snapshot.old-${dead}-abcd`));
  sampleWorld({ exportedAt: NEW }).write(path.join(parent, `.dr-snapshot.tmp-${dead}-abcd`));
  const next = await SnapshotWriter.begin(out);
  await next.abort();
  expect(whichSnapshot(out)).toBe(OLD);
  expect(fs.readdirSync(parent)).toEqual(["dr-snapshot"]);
});

it("a dead run with this run's own pid (pids repeat, in a container always) is resumed, not left behind", async () => {
  const out = path.join(tmpDir("crash-"), "dr-snapshot");
  const header = {
    journal: 1 as const,
    host: "https://h",
    filters: {},
    tool: "t",
    schemaVersion: SCHEMA_VERSION,
  };
  const first = await SnapshotWriter.begin(out, { journal: header });
  first.suspend();
  // The directory a run of the same pid left, as after a kill -9 and a restart of the container.
  expect(path.basename(first.tmp)).toMatch(new RegExp(`^tmp-${process.pid}-`));
  const next = await SnapshotWriter.begin(out, { journal: header });
  expect(next.resumeDirs).toEqual([first.tmp]);
  await next.abort();
});
