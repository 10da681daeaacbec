/**
 * Every reader of a snapshot refuses one whose seal is broken, naming the file: `check` (exit 2, one line),
 * verify and report (exit 2), `pause-jobs --resume-from` (before it touches the workspace). The stack's
 * refusal is in tests/stack/program-refusals.test.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCheck } from "../../cli/commands/check";
import { pauseJobs } from "../../cli/commands/pause-jobs";
import { runReport } from "../../cli/commands/report";
import { runVerify } from "../../cli/commands/verify";
import { SnapshotError } from "../../snapshot/errors";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { clientFor, emulator } from "../exporter/helpers";

afterAll(removeWrittenSnapshots);

const ROOT = path.resolve(__dirname, "../..");

/** A sample snapshot whose first notebook's content is a symlink to a file outside it. */
function symlinked(): { dir: string; rel: string } {
  const dir = sampleWorld().write();
  const rel: string = JSON.parse(fs.readFileSync(path.join(dir, "descriptors/notebook.json"), "utf8"))
    .items[0].content.file;
  const outside = path.join(tmpDir("outside-"), "x.py");
  fs.copyFileSync(path.join(dir, rel), outside);
  fs.rmSync(path.join(dir, rel));
  fs.symlinkSync(outside, path.join(dir, rel));
  return { dir, rel };
}

const deleted = () => {
  const dir = sampleWorld().write();
  fs.rmSync(path.join(dir, "descriptors/job.json"));
  return dir;
};

describe("check", () => {
  it("exits 0 on a sealed snapshot", () => {
    const r = runCheck(sampleWorld().write());
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/: OK, \d+ objects of \d+ kinds in \d+ sealed files/);
  });

  it("exits 2 with one line naming the file", () => {
    const { dir, rel } = symlinked();
    const r = runCheck(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`check: ${dir}: ${rel}: is a symbolic link: a snapshot holds regular files only\n`);
    expect(runCheck(deleted()).stderr).toMatch(
      /: descriptors\/job\.json: is listed in manifest\.json but missing\n$/,
    );
  });

  it("runs as `databricks-dr check` (exit code 2, nothing on stdout)", () => {
    const dir = deleted();
    const r = spawnSync(process.execPath, ["--require", "tsx/cjs", "cli/main.ts", "check", dir], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      `check: ${dir}: descriptors/job.json: is listed in manifest.json but missing`,
    ]);
  });
});

describe("verify and report", () => {
  it("refuse a broken seal on either side with exit 2, naming the file", () => {
    const good = sampleWorld().write();
    const { dir, rel } = symlinked();
    const v = runVerify({ primary: good, secondary: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(`${rel}: is a symbolic link`);
    const r = runReport({ snapshot: deleted(), out: path.join(tmpDir(), "r") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/descriptors\/job\.json: is listed in manifest\.json but missing/);
  });
});

describe("pause-jobs --resume-from", () => {
  const h = useEmulator(() => emulator());
  it("refuses a broken snapshot before changing any job", async () => {
    const before = h.emu.stats().byEndpoint["POST /api/2.1/jobs/update"] ?? 0;
    await expect(pauseJobs(clientFor(h.emu), { resumeFrom: deleted() })).rejects.toThrow(SnapshotError);
    await expect(pauseJobs(clientFor(h.emu), { resumeFrom: symlinked().dir })).rejects.toThrow(
      /is a symbolic link/,
    );
    expect(h.emu.stats().byEndpoint["POST /api/2.1/jobs/update"] ?? 0).toBe(before);
  });
});
