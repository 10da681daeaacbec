import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { KindName } from "../../kinds/common";
import { readSnapshot } from "../../snapshot/reader";

/**
 * Which source ids the CURRENT snapshot holds, read from disk when a provider runs. A member that leaves
 * one resource of the stack may have moved to another (a rename, a re-batch, a threshold crossing), and
 * Pulumi runs the giver and the receiver in any order, deletes last: an object is deleted only once the
 * snapshot itself no longer has it. Unreadable snapshot: undefined, and callers delete nothing.
 */
const cache = new Map<string, Set<string> | undefined>();

/** Where the snapshot is now: a path stored relative (to the program's directory) resolves against cwd. */
export function resolveSnapshotRoot(root: string): string {
  return path.isAbsolute(root) ? root : path.resolve(process.cwd(), root);
}

export function snapshotIds(root: string | undefined, kind: KindName): Set<string> | undefined {
  if (!root) return undefined;
  const abs = resolveSnapshotRoot(root);
  let stamp: string;
  try {
    stamp = createHash("sha256")
      .update(fs.readFileSync(path.join(abs, "manifest.json")))
      .digest("hex");
  } catch {
    return undefined;
  }
  const key = `${abs}\u0000${kind}\u0000${stamp}`;
  if (cache.has(key)) return cache.get(key);
  let ids: Set<string> | undefined;
  try {
    const snap = readSnapshot(abs, { kinds: [kind] });
    ids = new Set((snap.descriptors[kind] as { id: string }[]).map((d) => d.id));
    // State written before groups were keyed by SCIM id names them by displayName: such a key is still in
    // the snapshot while a group of that name is (an upgrade deletes nothing).
    if (kind === "group") for (const g of snap.descriptors.group) ids.add(g.displayName);
  } catch {
    ids = undefined;
  }
  cache.set(key, ids);
  return ids;
}

/** Members (source ids) that left the snapshot: the only ones a prune may delete. */
export function leftSnapshot(root: string | undefined, kind: KindName, ids: Iterable<string>): string[] {
  const keep = snapshotIds(root, kind);
  if (!keep) return [];
  return [...ids].filter((id) => !keep.has(id));
}
