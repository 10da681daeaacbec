import * as pulumi from "@pulumi/pulumi";
import { KindName, Ref } from "../../kinds/common";
import { getAtPath, setAtPath } from "../../kinds/field-path";
import type { KindContract } from "../../kinds/define";
import { KIND_CONTRACTS } from "../../kinds/registry";

/**
 * How the stack answers "what is this source id in the secondary?": the secondary resource's output (an
 * Output in the program, a plain string in unit tests), or why there is none.
 */
export type RefValue = pulumi.Input<string> | pulumi.Input<number>;
export type Resolution = { value: RefValue } | { missing: string };
export type Resolver = (ref: Ref) => Resolution;

/**
 * Without these the object cannot exist correctly in the secondary: it is skipped and reported. The kinds
 * whose contract says `hardReference` (kinds/define.ts).
 */
export const HARD_REFERENCE_KINDS: ReadonlySet<KindName> = new Set(
  (KIND_CONTRACTS as readonly KindContract[]).filter((c) => c.hardReference).map((c) => c.name),
);

/** The outcome of mapping one descriptor: resource args, or a skip with its reason; notes are for people. */
export type Mapping<A> =
  { ok: true; args: A; notes: string[] } | { ok: false; skip: string; notes: string[] };

export function skip<A>(reason: string, notes: string[] = []): Mapping<A> {
  return { ok: false, skip: reason, notes };
}

/**
 * Replaces every reference the registry found (by its dotted field) with the secondary's value. A missing
 * hard reference makes the whole object a skip; a missing soft one (a notebook path, a DBFS file, a user)
 * keeps the source value, which means the same thing in both workspaces, and adds a note.
 */
export function remapReferences(
  root: object,
  refs: Ref[],
  resolve: Resolver,
): { skip?: string; notes: string[] } {
  const notes: string[] = [];
  for (const ref of refs) {
    const r = resolve(ref);
    if ("value" in r) {
      const original = getAtPath(root, ref.field);
      setAtPath(root, ref.field, keepWorkspacePrefix(original, ref.kind, r.value));
      continue;
    }
    const what = `${ref.field} references ${ref.kind} ${JSON.stringify(ref.id)}: ${r.missing}`;
    if (HARD_REFERENCE_KINDS.has(ref.kind)) return { skip: what, notes };
    notes.push(what);
  }
  return { notes };
}

/** Kinds whose secondary value is a workspace path (descriptors name them without `/Workspace`). */
const WORKSPACE_PATH_KINDS: ReadonlySet<KindName> = new Set(["notebook", "workspace-file", "directory"]);

/**
 * A reference written `/Workspace/Shared/x.whl` in the primary stays in that form: descriptor ids drop the
 * prefix (kinds/cluster-refs.ts), but the Libraries API documents workspace wheels and jars by their
 * `/Workspace/...` path, so the secondary gets the spelling the primary used, not the short one.
 */
export function keepWorkspacePrefix(original: unknown, kind: KindName, value: RefValue): RefValue {
  if (typeof original !== "string" || !original.startsWith("/Workspace/")) return value;
  if (!WORKSPACE_PATH_KINDS.has(kind)) return value;
  const prefixed = (v: string) => (v.startsWith("/") && !v.startsWith("/Workspace/") ? `/Workspace${v}` : v);
  if (typeof value === "string") return prefixed(value);
  return pulumi.output(value as pulumi.Input<string>).apply((v) => prefixed(String(v)));
}
