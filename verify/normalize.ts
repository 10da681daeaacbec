import { KindName, Ref } from "../kinds/common";
import { AnyDescriptor, KINDS } from "../kinds/registry";
import { KeyLookup, VERIFY_KINDS } from "./kinds";
import { getAt, setAt } from "./paths";

/**
 * What a reference becomes before comparing: the target's natural key, `<cluster:shared etl>`, the same on
 * both sides when the targets match. A target missing from the snapshot keeps its id, marked `?` when the
 * id is workspace-assigned (it cannot be the same in both workspaces).
 */
export function referenceToken(kind: KindName, id: string, keyOf: KeyLookup): string {
  const key = keyOf(kind, id);
  if (key !== undefined) return `<${kind}:${key}>`;
  return VERIFY_KINDS[kind].assignedIds ? `<${kind}:?${id}>` : `<${kind}:${id}>`;
}

/**
 * A descriptor as verify compares it: references rewritten to tokens (the matching between workspaces
 * applied), workspace-assigned id dropped (reported apart), JSON-in-a-string fields parsed. Pure: the
 * descriptor is copied, never changed.
 */
export function normalizeDescriptor(
  kind: KindName,
  d: AnyDescriptor,
  keyOf: KeyLookup,
): Record<string, unknown> {
  const spec = VERIFY_KINDS[kind];
  const out = structuredClone(d) as Record<string, unknown>;
  const refs = (KINDS[kind].references as (x: AnyDescriptor) => Ref[])(d);
  for (const ref of refs) setAt(out, ref.field, referenceToken(ref.kind, ref.id, keyOf));
  if (spec.assignedIds) delete out.id;
  const canonical = spec.canonical?.(out) ?? out;
  for (const field of spec.jsonStringFields ?? []) {
    const raw = getAt(canonical, field);
    if (typeof raw !== "string") continue;
    try {
      setAt(canonical, field, JSON.parse(raw));
    } catch {
      // Not JSON after all: compared as the string it is.
    }
  }
  return canonical;
}
