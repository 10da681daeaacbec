/**
 * At scale the workspace tree is synced by folder-tree sync resources (components/dynamic/workspace-tree-
 * sync.ts). This assigns every object to one of them: a hash of its TREE ROOT (the first two segments of
 * its path, `/Users/a@b.c`, `/Shared/etl`: the folder a person or a project owns) into a number of buckets
 * fixed by config alone. An object's unit is a function of its own path, so adding or removing an object
 * never moves another (issue 9: identity is the source id, and a workspace-tree object's source id is its
 * path). A tree root is never split: a folder and everything under it share a unit, so a prune deletes a
 * folder after its contents (deepest first) in one resource, never racing another unit.
 */

export type TreeEntry =
  | { type: "DIRECTORY" }
  | { type: "NOTEBOOK"; language: string; sha256: string; file: string }
  | { type: "FILE"; sha256: string; file: string };

/**
 * A tree entry as one line, what the sync resource's inputs hold: `DIRECTORY`, `NOTEBOOK PYTHON <sha256>
 * <file>`, `FILE <sha256> <file>`. One value per path keeps 10,000 notebooks cheap to serialize, and a
 * preview still shows, per path, the hash that changed.
 */
export type TreeLine = string;

export function encodeTreeEntry(e: TreeEntry): TreeLine {
  if (e.type === "DIRECTORY") return "DIRECTORY";
  if (e.type === "NOTEBOOK") return `NOTEBOOK ${e.language} ${e.sha256} ${e.file}`;
  return `FILE ${e.sha256} ${e.file}`;
}

export function decodeTreeEntry(line: TreeLine): TreeEntry {
  const [type, ...rest] = line.split(" ");
  if (type === "DIRECTORY") return { type };
  if (type === "NOTEBOOK") return { type, language: rest[0], sha256: rest[1], file: rest.slice(2).join(" ") };
  if (type === "FILE") return { type, sha256: rest[0], file: rest.slice(1).join(" ") };
  throw new Error(`not a workspace tree entry: ${line}`);
}

export interface TreeUnit<E = TreeLine> {
  /** Stable key: the bucket, `3-of-8`. */
  key: string;
  /** path -> what must be there. */
  objects: Record<string, E>;
  /** path -> ACL line (see aclString), for objects of this unit. */
  acls: Record<string, string>;
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The folder tree a path belongs to: its first two segments (`/Users/a@b.c/x/y` -> `/Users/a@b.c`). */
export function treeRoot(path: string): string {
  const segs = path.split("/").filter(Boolean);
  return "/" + segs.slice(0, 2).join("/");
}

/** The unit of a path: `3-of-8`, from its tree root and the bucket count alone. */
export function treeUnitOf(path: string, buckets: number): string {
  const b = fnv1a(treeRoot(path)) % buckets;
  return `${b}-of-${buckets}`;
}

/**
 * Units sorted by key (only non-empty ones); ACLs on paths that are not objects are returned apart (they
 * have no unit). `buckets` comes from config (components/mapping/batching.ts bucketCount), never from n.
 */
export function partitionTree<E>(
  objects: Map<string, E>,
  acls: Map<string, string>,
  buckets: number,
): { units: TreeUnit<E>[]; orphanAcls: string[] } {
  const orphanAcls = [...acls.keys()].filter((p) => !objects.has(p)).sort();
  const byKey = new Map<string, TreeUnit<E>>();
  for (const path of [...objects.keys()].sort()) {
    const key = treeUnitOf(path, Math.max(1, buckets));
    let unit = byKey.get(key);
    if (!unit) byKey.set(key, (unit = { key, objects: {}, acls: {} }));
    unit.objects[path] = objects.get(path)!;
    const acl = acls.get(path);
    if (acl !== undefined) unit.acls[path] = acl;
  }
  const units = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { units, orphanAcls };
}
