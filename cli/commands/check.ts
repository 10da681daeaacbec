import { Command } from "commander";
import { SnapshotError } from "../../snapshot/errors";
import { readSnapshot } from "../../snapshot/reader";

/**
 * `databricks-dr check SNAPSHOT`: exactly the checks every reader of a snapshot makes (the stack, verify,
 * report, pause-jobs --resume-from): the seal (every file listed, regular, with its sha256 and size; nothing
 * else), each descriptor file's kind and schema version, every descriptor validated deeply. CI runs it
 * before `pulumi preview`, so a bad snapshot fails the pipeline with one line naming file, object and field.
 *
 * Exit codes: 0 the snapshot can be used, 2 it cannot.
 */
export function runCheck(dir: string): { code: 0 | 2; stdout: string; stderr: string } {
  try {
    const snap = readSnapshot(dir);
    const kinds = Object.values(snap.descriptors).filter((d) => d.length > 0).length;
    const objects = Object.values(snap.descriptors).reduce((n, d) => n + d.length, 0);
    const files = Object.keys(snap.manifest.files).length + 1;
    return {
      code: 0,
      stdout: `check: ${dir}: OK, ${objects} objects of ${kinds} kinds in ${files} sealed files (exported ${snap.manifest.exportedAt})\n`,
      stderr: "",
    };
  } catch (e) {
    const what = e instanceof SnapshotError ? e.message : e instanceof Error ? e.message : String(e);
    return { code: 2, stdout: "", stderr: `check: ${dir}: ${what.split("\n")[0]}\n` };
  }
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description(
      "Check a snapshot as the stack will read it: sealed files, kinds, schema versions, every field.",
    )
    .argument("<snapshot>", "snapshot directory")
    .addHelpText(
      "after",
      "\nExit codes: 0 the snapshot can be used, 2 it cannot (one line names file, object, field).",
    )
    .action((dir: string) => {
      const r = runCheck(dir);
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.code;
    });
}
