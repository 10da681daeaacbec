import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { KIND_NAMES } from "../kinds/common";
import { canonicalJson } from "./canonical-json";
import { SnapshotError } from "./errors";
import { CONTENT_DIR, DESCRIPTORS_DIR, MANIFEST_FILE, STATE_INDEX_FILE } from "./layout";
import { FileSeal, Manifest } from "./manifest";

/**
 * The seal of a snapshot: manifest.json lists every other file (sha256 and size), and a reader takes the
 * snapshot only when the directory holds exactly those files, as regular files, with those bytes. A file
 * deleted, added, edited, replaced by a symlink (which could point anywhere on the machine) or by a device
 * is refused, naming it.
 */

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

/** Why a snapshot-relative path has no place in a snapshot, or undefined when it has one. */
export function layoutProblem(rel: string): string | undefined {
  const parts = rel.split("/");
  if (rel.includes("\\") || parts.some((p) => p === "" || p === "." || p === ".."))
    return "is not a relative path inside the snapshot";
  if (parts[0] === DESCRIPTORS_DIR) {
    const m = parts.length === 2 ? /^(.+)\.json$/.exec(parts[1]) : null;
    if (!m || !(KIND_NAMES as readonly string[]).includes(m[1]))
      return `is not a descriptor file of a known kind (known: ${KIND_NAMES.join(", ")})`;
    return undefined;
  }
  if (parts[0] === CONTENT_DIR && parts.length > 1) return undefined;
  if (rel === STATE_INDEX_FILE) return undefined;
  return `has no place in a snapshot (only ${MANIFEST_FILE}, ${DESCRIPTORS_DIR}/<kind>.json, ${CONTENT_DIR}/…, ${STATE_INDEX_FILE})`;
}

interface Found {
  rel: string;
  type: "file" | "symlink" | "other";
}

/** Every entry under `root` but manifest.json and directories, never following a symlink. */
function walk(root: string): Found[] {
  const out: Found[] = [];
  const visit = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path.join(dir, e.name), rel);
      else if (rel === MANIFEST_FILE) continue;
      else out.push({ rel, type: e.isSymbolicLink() ? "symlink" : e.isFile() ? "file" : "other" });
    }
  };
  visit(root, "");
  return out;
}

function checkEntry(root: string, rel: string, seal: FileSeal, hash: boolean): void {
  const abs = path.join(root, ...rel.split("/"));
  const st = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!st) throw new SnapshotError(rel, `is listed in ${MANIFEST_FILE} but missing`);
  if (st.isSymbolicLink())
    throw new SnapshotError(rel, "is a symbolic link: a snapshot holds regular files only");
  if (!st.isFile()) throw new SnapshotError(rel, "is not a regular file");
  const mismatch = () =>
    new SnapshotError(
      rel,
      `content does not match the sha256 recorded in ${MANIFEST_FILE} (edited or truncated)`,
    );
  if (st.size !== seal.size) throw mismatch();
  if (hash && sha256(fs.readFileSync(abs)) !== seal.sha256) throw mismatch();
}

/**
 * Throws a SnapshotError naming the first file that breaks the seal. `hashContent: false` checks presence,
 * type and size of content files but not their bytes (the writer, which hashed them as it wrote them).
 */
export function verifySeal(root: string, manifest: Manifest, opts: { hashContent?: boolean } = {}): void {
  const mst = fs.lstatSync(path.join(root, MANIFEST_FILE), { throwIfNoEntry: false });
  if (mst && !mst.isFile()) throw new SnapshotError(MANIFEST_FILE, "is not a regular file (a symlink?)");
  for (const rel of Object.keys(manifest.files)) {
    const problem = layoutProblem(rel);
    if (problem)
      throw new SnapshotError(
        MANIFEST_FILE,
        `lists ${JSON.stringify(rel)}, which ${problem}`,
        undefined,
        "files",
      );
  }
  for (const f of walk(root)) {
    if (f.type === "symlink")
      throw new SnapshotError(f.rel, "is a symbolic link: a snapshot holds regular files only");
    if (f.type === "other") throw new SnapshotError(f.rel, "is not a regular file");
    const problem = layoutProblem(f.rel);
    if (problem) throw new SnapshotError(f.rel, problem);
    if (!Object.hasOwn(manifest.files, f.rel))
      throw new SnapshotError(f.rel, `is not listed in ${MANIFEST_FILE} (added after the export?)`);
  }
  const hashContent = opts.hashContent ?? true;
  for (const [rel, seal] of Object.entries(manifest.files))
    checkEntry(root, rel, seal, hashContent || !rel.startsWith(`${CONTENT_DIR}/`));
}

/** The seal of every file under `root` as it is on disk (for fixtures and tools that build snapshots by hand). */
export function sealOf(root: string): Manifest["files"] {
  const files: Manifest["files"] = {};
  for (const f of walk(root).sort((a, b) => (a.rel < b.rel ? -1 : 1))) {
    const bytes = fs.readFileSync(path.join(root, ...f.rel.split("/")));
    files[f.rel] = { sha256: sha256(bytes), size: bytes.length };
  }
  return files;
}

/**
 * Rewrites manifest.json with the seal of what is on disk: for test fixtures and benchmarks that write
 * snapshot files themselves. The exporter never calls it (it seals what it wrote, as it wrote it).
 */
export function resealSnapshot(root: string, patch?: (m: Record<string, unknown>) => void): void {
  const file = path.join(root, MANIFEST_FILE);
  const m = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  delete m.hashes;
  m.files = sealOf(root);
  patch?.(m);
  fs.writeFileSync(file, canonicalJson(m));
}
