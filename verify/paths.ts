/**
 * Dotted field paths as kinds/ spells them in references (`settings.tasks[0].existing_cluster_id`,
 * `acl[2].principal`): parsing, reading and writing a value in place.
 */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const segs: PathSegment[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`unparseable field path ${JSON.stringify(path)}`);
    if (m[1]) segs.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
  }
  return segs;
}

export function getAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of parsePath(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Sets the value at `path` when every container on the way exists; returns whether it did. */
export function setAt(root: unknown, path: string, value: unknown): boolean {
  const segs = parsePath(path);
  let cur: unknown = root;
  for (const seg of segs.slice(0, -1)) {
    if (cur === null || typeof cur !== "object") return false;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  const last = segs[segs.length - 1];
  if (cur === null || typeof cur !== "object" || !(last in (cur as object))) return false;
  (cur as Record<string | number, unknown>)[last] = value;
  return true;
}

/** `settings.tasks[0].x` and `settings.tasks[task_key=a].x` both become `settings.tasks[].x`: what rules match on. */
export function genericPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, "[]");
}

export function joinPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}
