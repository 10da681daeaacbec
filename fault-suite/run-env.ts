import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveAuth } from "../client/auth";
import { NotAWorkspaceError } from "../client/host";
import { COMMIT_STEPS, CRASH_ENV } from "../snapshot/commit";
import { DiskError } from "../snapshot/errors";
import { workDirOf } from "../snapshot/layout";
import { readSnapshot } from "../snapshot/reader";
import { SnapshotWriter } from "../snapshot/writer";
import { CHILD_TOKEN_ENV } from "./crash-child";
import { EnvFault, FakeServer, gitVisible, NotWorkspaceAnswer, notWorkspaceServer } from "./env-faults";
import type { SeedResult } from "./run-seed";

/** What the checks of one environment fault found; each list feeds a figure that must be 0. */
export interface EnvVerdict {
  /** The fault really happened (the server was asked, a write refused, the child killed). */
  injected: boolean;
  /** Wrong outcomes: the wrong error, an unnamed path, partial work git would see, a recovery unlogged. */
  violations: string[];
  /** The previous snapshot changed or is gone, or no complete snapshot is at --out after a crash. */
  damaged: string[];
  /** Success where there was nothing to export from: a snapshot that vouches for a workspace it never saw. */
  silent: string[];
}

export const emptyVerdict = (): EnvVerdict => ({ injected: false, violations: [], damaged: [], silent: [] });

/** A failed run must leave the previous snapshot as it was (digest `before`), or nothing when there was none. */
export function previousIntact(
  out: string,
  before: string | undefined,
  digest: (d: string) => string,
): string[] {
  if (before) {
    if (!fs.existsSync(out)) return ["previous snapshot is gone"];
    return digest(out) === before ? [] : ["previous snapshot changed"];
  }
  return fs.existsSync(out) ? ["a failed run left a snapshot directory behind"] : [];
}

const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The export was pointed at a web server that is not a workspace (`run` is the export against it). */
export async function checkNotWorkspace(
  server: FakeServer,
  run: () => Promise<unknown>,
  out: string,
  before: string | undefined,
  digest: (d: string) => string,
): Promise<EnvVerdict> {
  const v = emptyVerdict();
  const err = await run().then(
    () => undefined,
    (e: unknown) => e ?? new Error("rejected without a reason"),
  );
  v.injected = server.seen.length > 0;
  if (!v.injected) v.violations.push("the export never asked the server anything");
  if (err === undefined) v.silent.push(`an export from ${server.url}, which is no workspace, succeeded`);
  else if (!(err instanceof NotAWorkspaceError))
    v.violations.push(
      `refused with ${(err as Error)?.name ?? typeof err} "${oneLine(err)}", not NotAWorkspaceError`,
    );
  else if (oneLine(err).includes("\n")) v.violations.push("the refusal is more than one line");
  const read = server.seen.filter((p) => !/\/scim\/v2\/Me$|\/workspace\/get-status$/.test(p));
  if (read.length) v.violations.push(`read beyond the workspace proof: ${read.slice(0, 3).join(", ")}`);
  v.damaged.push(...previousIntact(out, before, digest));
  return v;
}

/**
 * The disk filled up during the export (`refused` writes failed) and the run ended with `err`: a
 * DiskError naming a path inside the seed's directory, the previous snapshot whole, no partial work that
 * `git status` in a repository holding the snapshot would show.
 */
export function checkDiskFull(
  err: unknown,
  refused: number,
  dir: string,
  out: string,
  before: string | undefined,
  digest: (d: string) => string,
): EnvVerdict {
  const v = emptyVerdict();
  v.injected = refused > 0;
  if (!v.injected) return v;
  if (err === undefined) v.violations.push(`${refused} writes failed with ENOSPC and the export succeeded`);
  else if (!(err instanceof DiskError))
    v.violations.push(`a full disk ended the run with "${oneLine(err)}", not a DiskError`);
  else if (!path.isAbsolute(err.path) || !path.resolve(err.path).startsWith(dir + path.sep))
    v.violations.push(`the DiskError names "${err.path}", not a path the export writes`);
  else if (!err.message.includes(err.path) || /ENOSPC/.test(err.message) || err.message.includes("\n"))
    v.violations.push(`the DiskError's line does not name the path in words: "${err.message}"`);
  if (err !== undefined) v.damaged.push(...previousIntact(out, before, digest));
  const visible = gitVisible(dir, out, workDirOf(out));
  if (visible.length) v.violations.push(`partial work git would see: ${visible.slice(0, 3).join(", ")}`);
  return v;
}

export interface ChildRun {
  /** The child died of SIGKILL (the crash point was reached). */
  killed: boolean;
  code: number | null;
  lines: string[];
}

const ROOT = path.resolve(__dirname, "..");

/** The export in a child process that kills itself at `step` of the commit. */
export function exportInChild(
  host: string,
  token: string,
  out: string,
  exportedAt: string,
  step: string,
  timeoutMs: number,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--require", "tsx/cjs", path.join(ROOT, "fault-suite/crash-child.ts"), host, out, exportedAt],
      {
        cwd: ROOT,
        env: { ...process.env, [CRASH_ENV]: step, [CHILD_TOKEN_ENV]: token, FAULT_SUITE_WORKER: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let text = "";
    child.stdout.on("data", (c: Buffer) => (text += c.toString()));
    child.stderr.on("data", (c: Buffer) => (text += c.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the crash child did not finish within ${timeoutMs} ms (hang)`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === "SIGKILL", code, lines: text.split("\n").filter(Boolean) });
    });
  });
}

/** A complete snapshot at `out` (manifest, seal, every descriptor valid), or why not. */
function incomplete(out: string): string | undefined {
  try {
    readSnapshot(out);
    return undefined;
  } catch (e) {
    return oneLine(e);
  }
}

/** What the next run's start does after a crash; tests pass a broken one. */
export type Recovery = (out: string) => Promise<string | undefined>;

export const writerRecovery: Recovery = async (out) => {
  const w = await SnapshotWriter.begin(out);
  const note = w.recovered;
  await w.abort();
  return note;
};

/**
 * Right after the kill: at `out` a complete snapshot or none. `explicit`: then only the recovery (the
 * writer's start) runs, and a complete snapshot must be at `out` when there was one before or the kill
 * came once the new one was committed to (the marker written). Otherwise the next full run recovers, and
 * must say so in its log when the crash left no snapshot at `out`; `needsRecoveryLog` says so.
 */
export async function checkAfterCrash(
  child: ChildRun,
  out: string,
  hadPrevious: boolean,
  rolledForward: boolean,
  recovery: Recovery | undefined,
): Promise<EnvVerdict & { needsRecoveryLog: boolean }> {
  const v = { ...emptyVerdict(), needsRecoveryLog: false };
  v.injected = child.killed;
  if (fs.existsSync(out)) {
    const why = incomplete(out);
    if (why) v.damaged.push(`right after the crash, --out holds an incomplete snapshot: ${why}`);
  }
  if (!recovery) {
    v.needsRecoveryLog = hadPrevious && !fs.existsSync(out);
    return v;
  }
  const moved = hadPrevious && !fs.existsSync(out);
  const note = await recovery(out);
  if (moved && !note)
    v.violations.push("the crash left nothing at --out and the recovery gave no note of it");
  const mustHave = hadPrevious || (child.killed && rolledForward) || (!child.killed && child.code === 0);
  if (!fs.existsSync(out)) {
    if (mustHave) v.damaged.push("no snapshot at --out after the recovery");
  } else {
    const why = incomplete(out);
    if (why) v.damaged.push(`after the recovery, --out holds an incomplete snapshot: ${why}`);
  }
  return v;
}

export interface Surroundings {
  /** The host the export's client uses (normalized as the CLI does, for a host with a path). */
  host: string;
  /** The previous snapshot's digest, as the run to check finds it (after a crash: what the recovery left). */
  before: string | undefined;
  needsRecoveryLog: boolean;
  verdicts: EnvVerdict[];
}

/**
 * What happens before the export the seed checks: for a host with a path, the client's host as the CLI
 * makes it (through resolveAuth, where --host enters); for a commit crash, a first export in a child that
 * is killed at the step, then the recovery (even seeds: the writer's start alone; odd ones: the next run).
 */
export async function beforeExport(
  env: EnvFault | undefined,
  p: {
    url: string;
    token: string;
    out: string;
    before: string | undefined;
    seed: number;
    recovery?: Recovery;
    ms: number;
    exportedAt: string;
    log: (l: string) => void;
    digest: (d: string) => string;
  },
): Promise<Surroundings> {
  const s: Surroundings = { host: p.url, before: p.before, needsRecoveryLog: false, verdicts: [] };
  if (env?.kind === "host-path") {
    const auth = resolveAuth({ host: p.url + env.suffix, env: { DATABRICKS_TOKEN: p.token } });
    if (auth.hostNote) p.log(auth.hostNote);
    s.host = auth.host;
    const v = { ...emptyVerdict(), injected: true };
    if (s.host !== p.url) v.violations.push(`--host ${p.url}${env.suffix} became ${s.host}, not ${p.url}`);
    s.verdicts.push(v);
  }
  if (env?.kind === "commit-crash") {
    const child = await exportInChild(p.url, p.token, p.out, p.exportedAt, env.step, p.ms);
    child.lines.forEach((l) => p.log(`child: ${l}`));
    const rolled = COMMIT_STEPS.indexOf(env.step) >= COMMIT_STEPS.indexOf("marker-written");
    const recovery = p.recovery ?? (p.seed % 2 ? undefined : writerRecovery);
    const v = await checkAfterCrash(child, p.out, p.before !== undefined, rolled, recovery);
    s.needsRecoveryLog = v.needsRecoveryLog;
    s.verdicts.push(v);
    if (fs.existsSync(p.out)) s.before = p.digest(p.out);
  }
  return s;
}

/** The export (`run`, given the host) against a local web server that is not a workspace. */
export async function againstNotWorkspace(
  answer: NotWorkspaceAnswer,
  run: (host: string) => Promise<unknown>,
  out: string,
  before: string | undefined,
  digest: (d: string) => string,
): Promise<EnvVerdict> {
  const server = await notWorkspaceServer(answer);
  try {
    return await checkNotWorkspace(server, () => run(server.url), out, before, digest);
  } finally {
    await server.close();
  }
}

/** Wrong outcomes, damage and silent successes go to the seed's figures (all of them must be 0). */
export function applyVerdicts(result: SeedResult, verdicts: EnvVerdict[], out: string): void {
  for (const v of verdicts) {
    result.envInjected ||= v.injected;
    result.envViolations.push(...v.violations);
    result.previousDamaged.push(...v.damaged);
    result.losses.push(...v.silent.map((what) => ({ kind: "snapshot" as const, id: out, what })));
  }
}
