/**
 * Partial work stays out of git: after an interrupted export (Ctrl-C, or kill -9 in the middle of the
 * commit), `git status` in the repository holding the snapshot shows nothing new, and the README's
 * `git add dr-snapshot` stages nothing of it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ExportInterrupted } from "../../exporters/run";
import { CRASH_ENV } from "../../snapshot/commit";
import { workDirOf } from "../../snapshot/layout";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { emulator, exportOnce, tmpDir } from "../exporter/helpers";

const ROOT = path.resolve(__dirname, "../..");
const h = useEmulator(() => emulator({ latencyMs: 2 }));

function git(repo: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
    cwd: repo,
    encoding: "utf8",
  });
}

/** A repository holding a committed snapshot at dr-snapshot/primary, as the README sets it up. */
async function repoWithSnapshot(): Promise<{ repo: string; out: string }> {
  const repo = tmpDir("repo-");
  git(repo, "init", "-q");
  const out = path.join(repo, "dr-snapshot", "primary");
  await exportOnce(h.emu, out);
  git(repo, "add", "dr-snapshot");
  git(repo, "commit", "-q", "-m", "snapshot");
  expect(git(repo, "status", "--porcelain")).toBe("");
  return { repo, out };
}

it("an export interrupted with Ctrl-C leaves git status clean, and git add dr-snapshot stages nothing", async () => {
  const { repo, out } = await repoWithSnapshot();
  const stop = new AbortController();
  const run = exportOnce(h.emu, out, {
    full: true,
    signal: stop.signal,
    onProgress: (p) => p.kind === "notebook" && p.done >= 3 && stop.abort(),
  });
  await expect(run).rejects.toThrow(ExportInterrupted);
  // The partial run is kept for the next run to resume: in the work directory, which git ignores.
  expect(fs.readdirSync(workDirOf(out)).some((n) => n.startsWith("tmp-"))).toBe(true);
  expect(git(repo, "status", "--porcelain", "--untracked-files=all")).toBe("");
  git(repo, "add", "dr-snapshot");
  expect(git(repo, "status", "--porcelain")).toBe("");
  // `git add .` (or -A) does not stage it either.
  git(repo, "add", "-A");
  expect(git(repo, "status", "--porcelain")).toBe("");
});

it("a run killed inside the commit leaves nothing new for git, before and after the next run", async () => {
  const { repo, out } = await repoWithSnapshot();
  const r = spawnSync(
    process.execPath,
    ["--require", "tsx/cjs", "tests/snapshot/helpers/commit-child.ts", out, "2026-02-02T00:00:00.000Z"],
    { cwd: ROOT, env: { ...process.env, [CRASH_ENV]: "marker-written" }, encoding: "utf8" },
  );
  expect(r.signal).toBe("SIGKILL");
  expect(git(repo, "status", "--porcelain", "--untracked-files=all")).toBe("");
  // The next export finishes that commit first, then writes its own snapshot.
  await exportOnce(h.emu, out);
  git(repo, "add", "-A");
  expect(git(repo, "status", "--porcelain")).toBe("");
  expect(fs.existsSync(workDirOf(out))).toBe(false);
});
