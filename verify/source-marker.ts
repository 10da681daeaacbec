import { ExpectedRule } from "./rules";
import { sameValue } from "./diff";

/**
 * The tags the stack puts on what it creates, holding the primary object's id (components/mapping/
 * source-marker.ts and components/dynamic/job-batch-impl.ts spell them; verify imports no stack code, so
 * they are spelled here again). Identity, never a setting of the primary's: an expected difference.
 */
export const STACK_SOURCE_TAG = "databricks-dr-source-id";
export const STACK_POOL_SOURCE_TAG = "databricks-dr-pool-source-id";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** `v` without the marker (a map key, or a `{ key, value }` pair of a tag list), empty containers dropped. */
function withoutMarker(v: unknown, key: string): unknown {
  if (isObj(v) && v.key === key) return undefined;
  if (Array.isArray(v)) {
    const kept = v.map((t) => withoutMarker(t, key)).filter((t) => t !== undefined);
    return kept.length ? kept : undefined;
  }
  if (isObj(v)) {
    const kept = Object.entries(v)
      .filter(([k]) => k !== key)
      .map(([k, x]) => [k, withoutMarker(x, key)] as const)
      .filter(([, x]) => x !== undefined);
    return kept.length ? Object.fromEntries(kept) : undefined;
  }
  return v;
}

/** The path names the marker itself: a map key, or the pair of a tag list keyed by `key` (or its value). */
const own = (path: string, key: string) =>
  path.endsWith(`.${key}`) || path.endsWith(`[key=${key}]`) || path.endsWith(`[key=${key}].value`);

/**
 * The marker on its own (`spec.custom_tags.<key>`, `spec.tags.custom_tags[key=<key>]`), or a tag container
 * that differs only by it (the primary has no tags at all): expected. Any other tag difference is not.
 */
export function stackSourceMarker(what: string, key: string, paths: readonly string[]): ExpectedRule {
  return {
    id: "stack-source-tag",
    paths,
    explain(d) {
      // The secondary must hold the marker: one the stack left out is a real difference.
      if (d.secondary === undefined) return undefined;
      const holds = own(d.path, key) || JSON.stringify(d.secondary).includes(JSON.stringify(key));
      const onlyIt =
        own(d.path, key) || sameValue(withoutMarker(d.secondary, key), withoutMarker(d.primary, key));
      return holds && onlyIt
        ? `the stack's tag of the primary ${what}'s id (adoption, never a second copy)`
        : undefined;
    },
  };
}

/**
 * A group's marker: the stack writes `databricks-dr-source-id:<the primary's SCIM id>` into the externalId
 * of a group whose primary has none (kinds/group/mapping.ts groupMarker), to find it again after
 * a rename or a lost state. Expected only with exactly that value; any other externalId difference is real.
 */
export function groupSourceMarker(): ExpectedRule {
  return {
    id: "stack-source-tag",
    paths: ["externalId"],
    explain(d, ctx) {
      const want = ctx.primaryId === undefined ? undefined : `${STACK_SOURCE_TAG}:${ctx.primaryId}`;
      return d.primary === undefined && want !== undefined && d.secondary === want
        ? "the stack's marker of the primary group's id in externalId (adoption, never a second group)"
        : undefined;
    },
  };
}
