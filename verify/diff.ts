import { canonicalJson } from "../snapshot/canonical-json";
import { genericPath, joinPath } from "./paths";

/** One field that differs. `undefined` on a side means the field (or set item) is absent there. */
export interface FieldDiff {
  /** Dotted path; `[]` ends a set field (one item only on one side), `[key=v]` picks a keyed array item. */
  path: string;
  primary?: unknown;
  secondary?: unknown;
}

/** How a kind's fields are compared; paths are generic (`settings.tasks[].libraries`). */
export interface DiffShape {
  /** Arrays whose order carries no meaning: compared as multisets of items. */
  setFields?: readonly string[];
  /** Arrays of objects matched by a key field rather than by position (job tasks by task_key). */
  keyedArrays?: Readonly<Record<string, string>>;
  /** What an absent field means (the API reads a missing pause_status as UNPAUSED). */
  absentMeans?: Readonly<Record<string, unknown>>;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Every item an object with a distinct string key: otherwise positions are compared. */
function keyedBy(xs: unknown[], key: string): boolean {
  const keys = xs.map((x) => (isObj(x) && typeof x[key] === "string" ? x[key] : undefined));
  return keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** Field-by-field differences between two normalised descriptors. Pure; keys visited in sorted order. */
export function diffValues(a: unknown, b: unknown, shape: DiffShape = {}, path = ""): FieldDiff[] {
  const gp = genericPath(path);
  if (shape.absentMeans && gp in shape.absentMeans) {
    if (a === undefined) a = shape.absentMeans[gp];
    if (b === undefined) b = shape.absentMeans[gp];
  }
  if (a === undefined && b === undefined) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (shape.setFields?.includes(gp)) return diffSet(a, b, path);
    const key = shape.keyedArrays?.[gp];
    if (key && keyedBy(a, key) && keyedBy(b, key))
      return diffKeyed(a as Record<string, unknown>[], b as Record<string, unknown>[], key, shape, path);
    const out: FieldDiff[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...diffValues(a[i], b[i], shape, `${path}[${i}]`));
    return out;
  }
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], shape, joinPath(path, k)));
  }
  // A subtree present on one side only is one difference, not one per leaf.
  if (sameValue(a, b)) return [];
  return [{ path: path || "(object)", primary: a, secondary: b }];
}

function diffSet(a: unknown[], b: unknown[], path: string): FieldDiff[] {
  const count = new Map<string, number>();
  for (const x of b) count.set(canonicalJson(x), (count.get(canonicalJson(x)) ?? 0) + 1);
  const out: FieldDiff[] = [];
  for (const x of a) {
    const k = canonicalJson(x);
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else out.push({ path: `${path}[]`, primary: x });
  }
  for (const x of b) {
    const k = canonicalJson(x);
    const n = count.get(k) ?? 0;
    if (n > 0) {
      count.set(k, n - 1);
      out.push({ path: `${path}[]`, secondary: x });
    }
  }
  return out;
}

function diffKeyed(
  a: Record<string, unknown>[],
  b: Record<string, unknown>[],
  key: string,
  shape: DiffShape,
  path: string,
): FieldDiff[] {
  const byKey = (xs: Record<string, unknown>[]) => new Map(xs.map((x) => [x[key] as string, x]));
  const ma = byKey(a);
  const mb = byKey(b);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  return keys.flatMap((k) => diffValues(ma.get(k), mb.get(k), shape, `${path}[${key}=${k}]`));
}
