import { canonicalJson } from "../snapshot/canonical-json";
import type { KindName } from "../kinds/common";
import { expectedStoragePath } from "./compute-portability";
import type { ExpectedRule, RuleContext, SecondaryCheck } from "./rules";

/**
 * Library and init-script paths to the primary's storage, as `databricks-dr:storageMap` says the secondary
 * must spell them (README, Configuration: accounts, catalogs, mounts; "keep" = unchanged). The expectation
 * comes from the stack settings' storageMap (verify/compute-portability.ts expectedStoragePath), never from
 * the stack's mapping: a library whose path the map rewrites is expected in its rewritten form (the pair is
 * checked here), and a path in the secondary that the map would still rewrite points at the primary's storage.
 */
const LIBRARY_KEYS = ["jar", "whl", "egg", "requirements"] as const;

/** Where each kind keeps library lists (generic paths, as verify's diff names them). */
const LIBRARY_LISTS: Partial<Record<KindName, readonly string[]>> = {
  cluster: ["libraries"],
  "cluster-policy": ["libraries"],
  job: ["settings.tasks[].libraries", "settings.tasks[].for_each_task.task.libraries"],
  pipeline: ["settings.libraries"],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** The path the map gives `p` when it rewrites it (undefined: not covered, or kept). */
function rewritten(p: unknown, ctx: RuleContext): string | undefined {
  if (typeof p !== "string" || !ctx.storageMap) return undefined;
  const q = expectedStoragePath(p, ctx.storageMap);
  return q !== undefined && q !== p ? q : undefined;
}

/** The library as the map says the secondary holds it. */
function libraryImage(lib: unknown, ctx: RuleContext): unknown {
  if (!isObj(lib)) return lib;
  const out = { ...lib };
  for (const k of LIBRARY_KEYS) out[k] = rewritten(lib[k], ctx) ?? lib[k];
  for (const k of LIBRARY_KEYS) if (lib[k] === undefined) delete out[k];
  return out;
}

const isStoragePath = (v: unknown) =>
  typeof v === "string" && /^(abfss?|wasbs?):\/\/|^(dbfs:|\/dbfs)?\/(Volumes|mnt)\//i.test(v);

/** Library lists of a descriptor by concrete path (tasks by task_key, as verify keys them). */
function libraryLists(d: unknown, generic: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const walk = (v: unknown, parts: string[], at: string) => {
    if (!parts.length) {
      if (Array.isArray(v)) out.set(at, v);
      return;
    }
    const [head, ...rest] = parts;
    const arr = head.endsWith("[]");
    const key = arr ? head.slice(0, -2) : head;
    const next = isObj(v) ? v[key] : undefined;
    const here = at ? `${at}.${key}` : key;
    if (!arr) return walk(next, rest, here);
    if (!Array.isArray(next)) return;
    next.forEach((x, i) => {
      const id = isObj(x) && typeof x.task_key === "string" ? `task_key=${x.task_key}` : String(i);
      walk(x, rest, `${here}[${id}]`);
    });
  };
  walk(d, generic.split("."), "");
  return out;
}

/** A library set item one side lacks, explained when the map accounts for it (paired by the check below). */
export function libraryPathRewritten(kind: KindName): ExpectedRule {
  return {
    id: "library-path-rewritten",
    paths: (LIBRARY_LISTS[kind] ?? []).map((g) => `${g}[]`),
    explain(d, ctx) {
      if (!ctx.storageMap) return undefined;
      if (d.primary !== undefined && d.secondary === undefined && isObj(d.primary))
        return LIBRARY_KEYS.some((k) => rewritten((d.primary as Obj)[k], ctx))
          ? "library path rewritten by databricks-dr:storageMap (the rewritten library is checked in the secondary)"
          : undefined;
      if (d.secondary !== undefined && d.primary === undefined && isObj(d.secondary))
        return LIBRARY_KEYS.some((k) => isStoragePath((d.secondary as Obj)[k]))
          ? "the primary's library with its path rewritten by databricks-dr:storageMap"
          : undefined;
      return undefined;
    },
  };
}

/**
 * What the secondary must hold: each library the map rewrites, rewritten (and no other storage library in
 * its place), and no library or init-script path the map would still rewrite.
 */
export function storagePathsInSecondary(kind: KindName): SecondaryCheck {
  return {
    id: "storage-path-in-secondary",
    check(secondary, primary, ctx) {
      if (!ctx.storageMap) return [];
      const out: ReturnType<SecondaryCheck["check"]> = [];
      for (const g of LIBRARY_LISTS[kind] ?? []) {
        const sLists = libraryLists(secondary, g);
        const pLists = libraryLists(primary, g);
        for (const at of new Set([...sLists.keys(), ...pLists.keys()])) {
          const s = sLists.get(at) ?? [];
          const p = pLists.get(at) ?? [];
          const sKeys = new Set(s.map((x) => canonicalJson(x)));
          const pKeys = new Set(p.map((x) => canonicalJson(x)));
          const images = new Set(p.map((x) => canonicalJson(libraryImage(x, ctx))));
          p.forEach((lib, i) => {
            const img = libraryImage(lib, ctx);
            if (canonicalJson(img) !== canonicalJson(lib) && !sKeys.has(canonicalJson(img)))
              out.push({
                path: `${at}[${i}]`,
                primary: lib,
                secondary: undefined,
                note: `the library rewritten by databricks-dr:storageMap (${JSON.stringify(img)}) is not in the secondary`,
              });
          });
          s.forEach((lib, i) => {
            if (!isObj(lib)) return;
            for (const k of LIBRARY_KEYS) {
              const q = rewritten(lib[k], ctx);
              if (q)
                out.push({
                  path: `${at}[${i}].${k}`,
                  primary: undefined,
                  secondary: lib[k],
                  note: `still points at the primary's storage: databricks-dr:storageMap gives ${q}`,
                });
            }
            const c = canonicalJson(lib);
            if (!pKeys.has(c) && !images.has(c) && LIBRARY_KEYS.some((k) => isStoragePath(lib[k])))
              out.push({
                path: `${at}[${i}]`,
                primary: undefined,
                secondary: lib,
                note: "not one of the primary's libraries, rewritten or not",
              });
          });
        }
      }
      // Init scripts anywhere in the secondary's compute settings.
      const walk = (v: unknown, at: string) => {
        if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
        if (!isObj(v)) return;
        for (const [k, x] of Object.entries(v)) {
          const here = at ? `${at}.${k}` : k;
          if (k === "init_scripts" && Array.isArray(x))
            x.forEach((s, i) => {
              if (!isObj(s)) return;
              for (const [t, dest] of Object.entries(s)) {
                const q = isObj(dest) ? rewritten(dest.destination, ctx) : undefined;
                if (q)
                  out.push({
                    path: `${here}[${i}].${t}.destination`,
                    primary: undefined,
                    secondary: (dest as Obj).destination,
                    note: `still points at the primary's storage: databricks-dr:storageMap gives ${q}`,
                  });
              }
            });
          else walk(x, here);
        }
      };
      walk(secondary, "");
      return out;
    },
  };
}

/** The rules of this file for one kind (none for kinds without compute settings). */
export function storagePathRules(kind: KindName): { expected: ExpectedRule[]; checks: SecondaryCheck[] } {
  const compute = ["cluster", "cluster-policy", "job", "pipeline", "instance-pool"].includes(kind);
  return compute
    ? { expected: [libraryPathRewritten(kind)], checks: [storagePathsInSecondary(kind)] }
    : { expected: [], checks: [] };
}
