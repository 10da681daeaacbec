/**
 * A snapshot is sealed: manifest.json lists every file with its sha256 and size, and readSnapshot (what the
 * stack, verify, report, pause-jobs and `check` call) refuses anything else, naming the file.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readSnapshot } from "../../snapshot/reader";
import { SnapshotError } from "../../snapshot/errors";
import { resealSnapshot } from "../../snapshot/seal";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

const manifestFile = (dir: string) => path.join(dir, "manifest.json");
const editManifest = (dir: string, fn: (m: { files: Record<string, unknown> }) => void) => {
  const m = JSON.parse(fs.readFileSync(manifestFile(dir), "utf8"));
  fn(m);
  fs.writeFileSync(manifestFile(dir), JSON.stringify(m));
};
/** The first notebook's content file. */
const notebookFile = (dir: string): string =>
  JSON.parse(fs.readFileSync(path.join(dir, "descriptors/notebook.json"), "utf8")).items[0].content.file;

const refused = (dir: string, message: RegExp) => {
  expect(() => readSnapshot(dir)).toThrow(SnapshotError);
  expect(() => readSnapshot(dir)).toThrow(message);
};

describe("sealed snapshot", () => {
  it("lists every file of a written snapshot, and reads back", () => {
    const dir = sampleWorld().write();
    const files = Object.keys(JSON.parse(fs.readFileSync(manifestFile(dir), "utf8")).files);
    expect(files).toContain("descriptors/job.json");
    expect(files).toContain(notebookFile(dir));
    expect(() => readSnapshot(dir)).not.toThrow();
  });

  it("refuses a deleted descriptor file instead of reading it as zero objects", () => {
    const dir = sampleWorld().write();
    fs.rmSync(path.join(dir, "descriptors/job.json"));
    refused(dir, /^descriptors\/job\.json: is listed in manifest\.json but missing/);
  });

  it("refuses a deleted descriptor file whose seal entry was removed too (the manifest still counts it)", () => {
    const dir = sampleWorld().write();
    fs.rmSync(path.join(dir, "descriptors/job.json"));
    editManifest(dir, (m) => delete m.files["descriptors/job.json"]);
    refused(dir, /^descriptors\/job\.json: is not listed in manifest\.json, which counts \d+ job objects/);
  });

  it("refuses a descriptor file whose entry was removed from the manifest", () => {
    const dir = sampleWorld().write();
    editManifest(dir, (m) => delete m.files["descriptors/cluster.json"]);
    refused(dir, /^descriptors\/cluster\.json: is not listed in manifest\.json/);
  });

  it("refuses an unknown kind file, even one the manifest lists", () => {
    const dir = sampleWorld().write();
    fs.writeFileSync(
      path.join(dir, "descriptors/no-such-kind.json"),
      '{"kind":"no-such-kind","schemaVersion":2,"items":[]}',
    );
    refused(dir, /^descriptors\/no-such-kind\.json: is not a descriptor file of a known kind/);
    resealSnapshot(dir);
    refused(
      dir,
      /^manifest\.json, field files: lists "descriptors\/no-such-kind\.json", which is not a descriptor file/,
    );
  });

  it("refuses an extra file anywhere", () => {
    const dir = sampleWorld().write();
    fs.writeFileSync(path.join(dir, "content", "workspace", "extra.py"), "print(1)\n");
    refused(dir, /^content\/workspace\/extra\.py: is not listed in manifest\.json/);
    const other = sampleWorld().write();
    fs.writeFileSync(path.join(other, "notes.txt"), "hi");
    refused(other, /^notes\.txt: has no place in a snapshot/);
  });

  it("refuses a content file altered after the export (same size)", () => {
    const dir = sampleWorld().write();
    const file = path.join(dir, notebookFile(dir));
    const bytes = fs.readFileSync(file);
    bytes[0] = bytes[0] ^ 1;
    fs.writeFileSync(file, bytes);
    refused(
      dir,
      new RegExp(`^${notebookFile(dir).replace(/[.]/g, "\\.")}: content does not match the sha256`),
    );
  });

  it("refuses a missing content file", () => {
    const dir = sampleWorld().write();
    fs.rmSync(path.join(dir, notebookFile(dir)));
    refused(dir, /: is listed in manifest\.json but missing/);
  });

  it("refuses a symlink under content/ pointing outside the snapshot, even with the right bytes", () => {
    const dir = sampleWorld().write();
    const rel = notebookFile(dir);
    const outside = path.join(tmpDir("outside-"), "stolen.py");
    fs.copyFileSync(path.join(dir, rel), outside);
    fs.rmSync(path.join(dir, rel));
    fs.symlinkSync(outside, path.join(dir, rel));
    refused(dir, /is a symbolic link: a snapshot holds regular files only/);
  });

  it("refuses a symlinked manifest and a non-regular file", () => {
    const dir = sampleWorld().write();
    const real = path.join(tmpDir("m-"), "manifest.json");
    fs.renameSync(manifestFile(dir), real);
    fs.symlinkSync(real, manifestFile(dir));
    refused(dir, /^manifest\.json: is not a regular file/);
    if (os.platform() === "win32") return;
    const fifo = sampleWorld().write();
    execFileSync("mkfifo", [path.join(fifo, "content", "pipe")]);
    refused(fifo, /^content\/pipe: is not a regular file/);
  });

  it("refuses a content reference to a file outside content/ (a descriptor or state file)", () => {
    const dir = sampleWorld().write();
    const file = path.join(dir, "descriptors/notebook.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const state = JSON.parse(fs.readFileSync(manifestFile(dir), "utf8")).files["descriptors/job.json"];
    doc.items[0].content = { file: "descriptors/job.json", ...state };
    fs.writeFileSync(file, JSON.stringify(doc));
    resealSnapshot(dir);
    refused(
      dir,
      /^descriptors\/notebook\.json, object ".*", field content\.file: names descriptors\/job\.json, which is not under content\//,
    );
  });

  it("refuses a descriptor whose content reference disagrees with the manifest's seal", () => {
    const dir = sampleWorld().write();
    const rel = notebookFile(dir);
    fs.appendFileSync(path.join(dir, rel), "# more\n");
    // The file's seal is updated, the descriptor's sha256 is not.
    resealSnapshot(dir);
    refused(
      dir,
      /^descriptors\/notebook\.json, object ".*", field content\.sha256: differs from manifest\.json/,
    );
  });
});
