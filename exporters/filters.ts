import { KIND_NAMES, KindName } from "../kinds/common";

export interface ExportFilters {
  includeKinds?: KindName[];
  excludeKinds?: KindName[];
  /** Workspace path prefixes (segment-wise: `/Shared` covers `/Shared/x`, not `/SharedX`). */
  includePaths?: string[];
  excludePaths?: string[];
}

export function parseKinds(list: string | undefined, flag: string): KindName[] | undefined {
  if (list === undefined) return undefined;
  const out: KindName[] = [];
  for (const raw of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(KIND_NAMES as readonly string[]).includes(raw))
      throw new Error(`${flag}: unknown kind "${raw}" (kinds: ${KIND_NAMES.join(", ")})`);
    out.push(raw as KindName);
  }
  return out;
}

export function parsePaths(list: string | undefined, flag: string): string[] | undefined {
  if (list === undefined) return undefined;
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((p) => {
      if (!p.startsWith("/")) throw new Error(`${flag}: "${p}" must be an absolute workspace path`);
      return normalizePrefix(p);
    });
}

/** `/Workspace/Users/x/` and `/Users/x` are the same prefix. */
export function normalizePrefix(p: string): string {
  let s = p.replace(/\/+$/, "") || "/";
  if (s === "/Workspace") return "/";
  if (s.startsWith("/Workspace/")) s = s.slice("/Workspace".length);
  return s;
}

export function selectedKinds(f: ExportFilters): KindName[] {
  return KIND_NAMES.filter(
    (k) => (!f.includeKinds || f.includeKinds.includes(k)) && !f.excludeKinds?.includes(k),
  );
}

const within = (p: string, prefix: string) => prefix === "/" || p === prefix || p.startsWith(prefix + "/");

/** Decides which workspace paths an export covers. */
export class PathFilter {
  private readonly include: string[] | undefined;
  private readonly exclude: string[];

  constructor(f: Pick<ExportFilters, "includePaths" | "excludePaths"> = {}) {
    this.include = f.includePaths?.length ? f.includePaths.map(normalizePrefix) : undefined;
    this.exclude = (f.excludePaths ?? []).map(normalizePrefix);
  }

  /** Is this object part of the export? */
  selected(p: string): boolean {
    if (this.exclude.some((x) => within(p, x))) return false;
    return !this.include || this.include.some((i) => within(p, i));
  }

  /** Must the walk look inside this directory (it is selected, or an included prefix lies below it)? */
  descend(dir: string): boolean {
    if (this.exclude.some((x) => within(dir, x))) return false;
    return !this.include || this.include.some((i) => within(dir, i) || within(i, dir));
  }
}
