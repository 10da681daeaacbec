import type * as pulumi from "@pulumi/pulumi";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One changed property, as Pulumi's providers report it (the engine's PropertyDiff). */
export interface PropertyDiff {
  kind: "add" | "update" | "delete";
  inputDiff: boolean;
}

/**
 * The dynamic provider's diff plus `detailedDiff`. The SDK's dynamic-provider host passes only changes and
 * replaces to the engine (which then diffs the inputs itself, map key by map key: a member by its source
 * id); detailedDiff says the same in the provider's words, for the round trip and tests.
 */
export type MemberDiffResult = pulumi.dynamic.DiffResult & { detailedDiff: Record<string, PropertyDiff> };

/**
 * A batch resource's diff, member by member: `detailedDiff` keyed `<field>["<member>"]`, so a preview names
 * exactly the members added, changed and removed (the engine shows nothing else of a dynamic resource).
 */
export function memberDiff(
  field: string,
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): Record<string, PropertyDiff> {
  const o = olds ?? {};
  const out: Record<string, PropertyDiff> = {};
  const key = (k: string) => `${field}[${JSON.stringify(k)}]`;
  for (const k of Object.keys(news).sort())
    if (!(k in o)) out[key(k)] = { kind: "add", inputDiff: true };
    else if (!same(o[k], news[k])) out[key(k)] = { kind: "update", inputDiff: true };
  for (const k of Object.keys(o).sort()) if (!(k in news)) out[key(k)] = { kind: "delete", inputDiff: true };
  return out;
}

/** A diff result from member diffs plus top-level flags that changed (prune...). */
export function diffResult(
  detailed: Record<string, PropertyDiff>,
  flags: Record<string, boolean> = {},
): MemberDiffResult {
  for (const [k, changed] of Object.entries(flags))
    if (changed) detailed[k] = { kind: "update", inputDiff: true };
  return { changes: Object.keys(detailed).length > 0, detailedDiff: detailed };
}

export function withoutProvider<T extends object>(props: T): T {
  const { __provider: _p, ...rest } = props as T & { __provider?: unknown };
  return rest as T;
}
