/**
 * At scale the workspace tree is synced by one resource per folder tree (components/dynamic/workspace-tree-
 * sync.ts). This cuts the tree into such units: a directory whose subtree holds at most `maxSize` objects
 * (+ ACLs) is one unit; a bigger one is split: its big children recursively, its small items (its own
 * entry, small child subtrees, files) hashed into 2^n buckets by name. An item's unit depends only on its
 * own name and the sizes along its path, so adding or removing a notebook moves nothing else; when a bucket
 * count doubles, each bucket splits in two.
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
  /** Stable key: the subtree root (`/Users/a@b.c`), or a bucket of a split directory (`/Users#3`). */
  key: string;
  /** path -> what must be there. */
  objects: Record<string, E>;
  /** path -> ACL line (see aclString), for objects of this unit. */
  acls: Record<string, string>;
}

interface Node<E> {
  path: string;
  self?: E;
  acl?: string;
  children: Map<string, Node<E>>;
  size: number;
}

function newNode<E>(path: string): Node<E> {
  return { path, children: new Map(), size: 0 };
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function buildTree<E>(objects: Map<string, E>, acls: Map<string, string>): Node<E> {
  const root = newNode<E>("/");
  for (const [path, entry] of objects) {
    let cur = root;
    const segs = path.split("/").filter(Boolean);
    segs.forEach((seg, i) => {
      let next = cur.children.get(seg);
      if (!next) {
        next = newNode<E>("/" + segs.slice(0, i + 1).join("/"));
        cur.children.set(seg, next);
      }
      cur = next;
    });
    cur.self = entry;
    const acl = acls.get(path);
    if (acl !== undefined) cur.acl = acl;
  }
  const sizeOf = (n: Node<E>): number => {
    n.size = (n.self ? 1 : 0) + (n.acl !== undefined ? 1 : 0);
    for (const c of n.children.values()) n.size += sizeOf(c);
    return n.size;
  };
  sizeOf(root);
  return root;
}

function collect<E>(n: Node<E>, unit: TreeUnit<E>, withChildren: boolean): void {
  if (n.self) unit.objects[n.path] = n.self;
  if (n.acl !== undefined) unit.acls[n.path] = n.acl;
  if (withChildren) for (const c of n.children.values()) collect(c, unit, true);
}

/** Units sorted by key; ACLs on paths that are not objects are returned apart (they have no unit). */
export function partitionTree<E>(
  objects: Map<string, E>,
  acls: Map<string, string>,
  maxSize: number,
): { units: TreeUnit<E>[]; orphanAcls: string[] } {
  const orphanAcls = [...acls.keys()].filter((p) => !objects.has(p)).sort();
  const root = buildTree(objects, acls);
  const units: TreeUnit<E>[] = [];
  const split = (n: Node<E>) => {
    if (n.size <= maxSize && n.path !== "/") {
      const unit: TreeUnit<E> = { key: n.path, objects: {}, acls: {} };
      collect(n, unit, true);
      units.push(unit);
      return;
    }
    const small: { name: string; node: Node<E>; withChildren: boolean; size: number }[] = [];
    if (n.self || n.acl !== undefined)
      small.push({
        name: ".",
        node: n,
        withChildren: false,
        size: (n.self ? 1 : 0) + (n.acl !== undefined ? 1 : 0),
      });
    for (const [name, c] of n.children) {
      if (c.size > maxSize) split(c);
      else small.push({ name, node: c, withChildren: true, size: c.size });
    }
    if (!small.length) return;
    const total = small.reduce((a, s) => a + s.size, 0);
    const buckets = nextPow2(Math.ceil(total / maxSize));
    const byBucket = new Map<number, TreeUnit<E>>();
    for (const s of small) {
      const b = fnv1a(s.name) % buckets;
      let unit = byBucket.get(b);
      if (!unit) {
        unit = { key: `${n.path === "/" ? "" : n.path}#${b}`, objects: {}, acls: {} };
        byBucket.set(b, unit);
        units.push(unit);
      }
      collect(s.node, unit, s.withChildren);
    }
  };
  split(root);
  units.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { units, orphanAcls };
}
