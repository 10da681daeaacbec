/**
 * Field paths as references spell them: `settings.tasks[0].existing_cluster_id`, `acl[2].principal`, and
 * `definition["instance_pool_id"].value` — a quoted segment for keys holding dots, as cluster policy keys
 * do. A string met before the path ends is read as JSON and written back as JSON, so a reference inside a
 * policy definition (a JSON document held as a string) is read and remapped like any other.
 */
export type Segment = string | number;

export function parseFieldPath(field: string): Segment[] {
  const out: Segment[] = [];
  const re = /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field))) {
    if (m[1] !== undefined) out.push(JSON.parse(`"${m[1]}"`) as string);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3]);
  }
  return out;
}

/** `["a.b"]` when a key would not survive dotted notation, `.key` otherwise. */
export function fieldSegment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function step(cur: unknown, seg: Segment): unknown {
  if (typeof cur === "string") cur = tryJson(cur);
  if (cur === null || typeof cur !== "object") return undefined;
  return (cur as Record<string | number, unknown>)[seg];
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export function getAtPath(root: unknown, field: string): unknown {
  return parseFieldPath(field).reduce<unknown>(step, root);
}

/** Sets an existing field (nothing is created); returns whether it did. Strings on the way are JSON documents. */
export function setAtPath(root: unknown, field: string, value: unknown): boolean {
  return setIn(root, parseFieldPath(field), value).ok;
}

function setIn(cur: unknown, segs: Segment[], value: unknown): { ok: boolean; replaced?: unknown } {
  if (typeof cur === "string") {
    const doc = tryJson(cur);
    const inner = setIn(doc, segs, value);
    return inner.ok ? { ok: true, replaced: JSON.stringify(inner.replaced ?? doc) } : { ok: false };
  }
  if (cur === null || typeof cur !== "object" || segs.length === 0) return { ok: false };
  const obj = cur as Record<string | number, unknown>;
  const [head, ...rest] = segs;
  if (!(head in obj)) return { ok: false };
  if (rest.length === 0) {
    obj[head] = value;
    return { ok: true };
  }
  const inner = setIn(obj[head], rest, value);
  if (inner.ok && inner.replaced !== undefined) obj[head] = inner.replaced;
  return { ok: inner.ok };
}
