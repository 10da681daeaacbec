import * as fs from "node:fs";
import * as path from "node:path";
import { onDisk } from "./errors";
import { readManifest } from "./reader";
import { verifySeal } from "./seal";

/**
 * Putting a finished snapshot in place of the old one, so that a kill -9 at any point leaves one complete
 * snapshot at `out` or one the next run restores before doing anything else:
 *
 *   1. the new snapshot (in the work directory) is verified against its seal         step "verified"
 *   2. commit.json names it and the name the old one will get (written whole, then renamed into place)
 *                                                                                    step "marker-written"
 *   3. the old snapshot is renamed aside, into the work directory                    step "old-moved-aside"
 *   4. the new one is renamed to `out`                                               step "new-in-place"
 *   5. commit.json is removed                                                        step "marker-removed"
 *
 * A run that finds commit.json of a dead process finishes that commit (the new snapshot was complete and
 * verified before the marker existed), or, when the new one is gone or broken, puts the old one back.
 */
export const COMMIT_MARKER = "commit.json";
export const COMMIT_STEPS = [
  "verified",
  "marker-partial",
  "marker-written",
  "old-moved-aside",
  "new-in-place",
  "marker-removed",
] as const;
export type CommitStep = (typeof COMMIT_STEPS)[number];

/**
 * Tests only: the process kills itself with SIGKILL when it reaches this step, so the crash suite hits
 * every step of the sequence on purpose instead of by timing luck.
 */
export const CRASH_ENV = "DATABRICKS_DR_TEST_CRASH_AT";

export function crashPoint(step: CommitStep): void {
  if (process.env[CRASH_ENV] !== step) return;
  process.kill(process.pid, "SIGKILL");
  // The signal is delivered before this returns on Linux; never go on past a crash point.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
}

export interface CommitMarker {
  pid: number;
  /** Names inside the work directory. */
  tmp: string;
  aside: string | null;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const exists = (p: string) =>
  fs.promises.lstat(p).then(
    () => true,
    () => false,
  );

/** A snapshot directory whose manifest parses and whose files match it (content by size). */
export function isCompleteSnapshot(dir: string): boolean {
  try {
    verifySeal(dir, readManifest(dir), { hashContent: false });
    return true;
  } catch {
    return false;
  }
}

export async function writeMarker(work: string, marker: CommitMarker): Promise<void> {
  const file = path.join(work, COMMIT_MARKER);
  const partial = `${file}.partial`;
  await onDisk(file, async () => {
    const fh = await fs.promises.open(partial, "w");
    try {
      await fh.writeFile(JSON.stringify(marker));
      crashPoint("marker-partial");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(partial, file);
  });
}

export async function removeMarker(work: string): Promise<void> {
  await fs.promises.rm(path.join(work, COMMIT_MARKER), { force: true });
}

function readMarker(work: string): CommitMarker | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(work, COMMIT_MARKER), "utf8")) as CommitMarker;
    const name = (n: unknown) => typeof n === "string" && n !== "" && !n.includes("/") && !n.includes("..");
    if (Number.isInteger(m.pid) && name(m.tmp) && (m.aside === null || name(m.aside))) return m;
  } catch {
    /* absent, or not one this tool wrote */
  }
  return undefined;
}

/**
 * Finishes (or undoes) the commit of a run that died in the middle of it. Idempotent: a crash during the
 * recovery itself is recovered by the next run the same way. Returns what it did, for the log.
 */
export async function recoverCommit(out: string, work: string): Promise<string | undefined> {
  await fs.promises.rm(path.join(work, `${COMMIT_MARKER}.partial`), { force: true });
  const m = readMarker(work);
  if (!m) {
    // Unreadable marker: nothing it names is touched here (dead runs' directories are removed as usual).
    await removeMarker(work);
    return undefined;
  }
  if (m.pid !== process.pid && alive(m.pid))
    throw new Error(
      `${out}: another export (pid ${m.pid}) is replacing this snapshot right now; wait for it`,
    );
  const tmp = path.join(work, m.tmp);
  const aside = m.aside === null ? null : path.join(work, m.aside);
  let note: string | undefined;
  if ((await exists(tmp)) && isCompleteSnapshot(tmp)) {
    if (await exists(out)) {
      // The old snapshot was not moved aside yet: do it now, as the commit would have.
      const to = aside && !(await exists(aside)) ? aside : path.join(work, `old-${process.pid}-recovered`);
      await fs.promises.rename(out, to);
    }
    await fs.promises.rename(tmp, out);
    note = `recovered: finished replacing ${out}, interrupted by the end of process ${m.pid}`;
  } else if (!(await exists(out)) && aside && (await exists(aside))) {
    await fs.promises.rename(aside, out);
    note = `recovered: put the previous snapshot back at ${out} (process ${m.pid} died replacing it)`;
  }
  await removeMarker(work);
  return note;
}
