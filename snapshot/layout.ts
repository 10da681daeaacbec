import * as path from "node:path";
import { KindName } from "../kinds/common";

/**
 * A snapshot directory:
 *   manifest.json                      what was exported, from where, counts, skips, hashes
 *   descriptors/<kind>.json            {"kind","schemaVersion","items":[...]} sorted by id
 *   content/workspace/<path>.<ext>     notebook SOURCE (.py .scala .sql .r) and workspace files, mirroring paths
 *   content/dbfs/<path>                DBFS files that clusters and jobs need (init scripts, jars, wheels)
 *   content/global-init-scripts/<name>.sh
 *   state/index.json                   per kind, each object's version signature when it was read (incremental)
 * Nothing else: manifest.json lists every other file with its sha256 and size (the seal, snapshot/seal.ts).
 *
 * Beside it, `.<name>.work/` holds what is not a snapshot yet (runs in progress, the one being replaced, the
 * commit marker); a `.gitignore` of `*` in it keeps all of that out of the repository holding the snapshot.
 */
export const MANIFEST_FILE = "manifest.json";
export const DESCRIPTORS_DIR = "descriptors";
export const CONTENT_DIR = "content";
/** What the next incremental export compares against: not part of the descriptor contract. */
export const STATE_INDEX_FILE = "state/index.json";
/** In a run's temporary directory only: what it has finished, so a killed run can be resumed. */
export const JOURNAL_FILE = "journal.jsonl";

/** The work directory beside a snapshot directory `out`. */
export function workDirOf(out: string): string {
  const abs = path.resolve(out);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.work`);
}

export function descriptorFile(kind: KindName): string {
  return `${DESCRIPTORS_DIR}/${kind}.json`;
}

export const NOTEBOOK_EXTENSIONS = { PYTHON: ".py", SCALA: ".scala", SQL: ".sql", R: ".r" } as const;

/** Resolves a snapshot-relative file and refuses anything that would land outside the snapshot. */
export function resolveInside(root: string, relative: string): string {
  const abs = path.resolve(root, relative);
  const base = path.resolve(root);
  if (abs !== base && !abs.startsWith(base + path.sep)) {
    throw new Error(`${relative}: resolves outside the snapshot ${root}`);
  }
  return abs;
}
