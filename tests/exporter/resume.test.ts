import { useEmulator } from "../helpers/emulator-lifecycle";
import { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { JOURNAL_FILE, workDirOf } from "../../snapshot/layout";
import { emulator, expectSameTree, exportOnce, manifest, readTree, spawnExport, tmpDir } from "./helpers";

const SIZES = { notebooks: 300, folders: 30, jobs: 5, clusters: 3, users: 10, groups: 3 };

/** `databricks-dr export` in a child process, against the emulator, one export call per notebook. */
const cliExport = (emu: RunningEmulator, out: string, ...flags: string[]) =>
  spawnExport(emu.url, out, ["--no-archives", ...flags]);

/** The notebooks a run's journal says are finished (the run's temporary directory in `out`'s work directory). */
function journaled(out: string): { dir?: string; notebooks: Set<string> } {
  const work = workDirOf(out);
  const dir = (fs.existsSync(work) ? fs.readdirSync(work) : [])
    .filter((n) => n.startsWith("tmp-"))
    .map((n) => path.join(work, n))[0];
  const notebooks = new Set<string>();
  if (!dir || !fs.existsSync(path.join(dir, JOURNAL_FILE))) return { dir, notebooks };
  const lines = fs.readFileSync(path.join(dir, JOURNAL_FILE), "utf8").split("\n").slice(1);
  for (const l of lines) {
    try {
      const [kind, id] = JSON.parse(l) as [string, string];
      if (kind === "notebook") notebooks.add(id);
    } catch {
      /* the line being written */
    }
  }
  return { dir, notebooks };
}

async function waitFor<T>(
  what: string,
  fn: () => T | undefined,
  child: ChildProcess,
  ms = 45_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (child.exitCode !== null) throw new Error(`the export ended before ${what}`);
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Paths of the workspace export calls the emulator serves from now on. */
function recordExports(emu: RunningEmulator): string[] {
  const calls: string[] = [];
  emu.use(async (ctx, next) => {
    if (ctx.path === "/api/2.0/workspace/export") calls.push(String(ctx.query.get("path")));
    return next();
  });
  return calls;
}

describe("resume", () => {
  const suite = useEmulator(() => emulator({ workspace: "large", large: SIZES }), "test");

  it("after kill -9: the previous snapshot is whole, and the next run reads no finished notebook again", async () => {
    const parent = tmpDir();
    const out = path.join(parent, "snap");
    await exportOnce(suite.emu, out);
    const before = readTree(out);

    // --full: every notebook is exported again, one call each, paced at 60/s: seconds of work to cut.
    const run = cliExport(suite.emu, out, "--full");
    const done = await waitFor(
      "80 notebooks",
      () => {
        const j = journaled(out);
        return j.notebooks.size >= 80 ? j : undefined;
      },
      run.child,
    );
    run.child.kill("SIGKILL");
    await run.exited;
    const finished = journaled(out).notebooks;
    expect(finished.size).toBeGreaterThanOrEqual(done.notebooks.size);
    expect(finished.size).toBeLessThan(SIZES.notebooks);
    expectSameTree(out, before);

    const calls = recordExports(suite.emu);
    const s = await exportOnce(suite.emu, out, { full: true, archives: false });
    const again = calls.filter((p) => /\/notebook-\d+$/.test(p));
    expect(again.filter((p) => finished.has(p))).toEqual([]);
    expect(again).toHaveLength(SIZES.notebooks - finished.size);
    expect(s.resumed).toBeGreaterThanOrEqual(finished.size);
    // The dead run's directory is gone once its work is in the snapshot.
    expect(fs.readdirSync(parent)).toEqual(["snap"]);

    const clean = path.join(parent, "clean");
    await exportOnce(suite.emu, clean);
    expectSameTree(out, clean, (f) => f === "manifest.json");
    const { changes, ...rest } = manifest(out);
    expect(changes).toEqual({});
    expect(rest).toEqual(manifest(clean));
  });

  it("Ctrl-C stops cleanly with exit code 130, keeps the finished part, and the next run resumes it", async () => {
    const parent = tmpDir();
    const out = path.join(parent, "snap");
    const run = cliExport(suite.emu, out);
    await waitFor("50 notebooks", () => (journaled(out).notebooks.size >= 50 ? true : undefined), run.child);
    run.child.kill("SIGINT");
    const code = await run.exited;
    expect([code, run.output()]).toEqual([130, expect.stringMatching(/interrupted/)]);
    expect(fs.existsSync(out)).toBe(false);
    const { dir, notebooks: finished } = journaled(out);
    expect(dir).toBeDefined();
    expect(finished.size).toBeGreaterThanOrEqual(50);

    const calls = recordExports(suite.emu);
    const s = await exportOnce(suite.emu, out, { archives: false });
    expect(calls.filter((p) => finished.has(p))).toEqual([]);
    expect(s.resumed).toBeGreaterThanOrEqual(finished.size);
    expect(fs.readdirSync(parent)).toEqual(["snap"]);
    const clean = path.join(parent, "clean");
    await exportOnce(suite.emu, clean);
    expectSameTree(out, clean);
  });
});
