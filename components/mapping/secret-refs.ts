import { fieldSegment } from "../../kinds/field-path";
import type { SecretScopeDescriptor } from "../../kinds/secret-scope/schema";

/**
 * `{{secrets/<scope>/<key>}}` references in compute settings (Spark conf, environment variables, job
 * parameters, policy values) resolve only if the scope and the key exist in the secondary. The snapshot
 * holds every scope's key names (values are never read), so a reference to a scope or key it does not
 * hold is found here, before a cluster or job fails to start in the secondary. Pure.
 */
const REFERENCE = /\{\{\s*secrets\/([^/}\s]+)\/([^}\s]+?)\s*\}\}/g;

export interface SecretReference {
  /** Field path from the descriptor's root, e.g. `spec.spark_conf["spark.hadoop.x"]`. */
  field: string;
  scope: string;
  key: string;
  /** The reference as written. */
  text: string;
}

/** Kinds whose settings may hold references, and the descriptor fields that hold settings. */
export const REFERRING_FIELDS = {
  cluster: ["spec"],
  job: ["settings"],
  "cluster-policy": ["definition", "policyFamilyDefinitionOverrides"],
  "instance-pool": ["spec"],
  pipeline: ["settings"],
} as const;
export type ReferringKind = keyof typeof REFERRING_FIELDS;

function walk(v: unknown, at: string, out: SecretReference[], json = false): void {
  if (typeof v === "string") {
    if (json) {
      // A policy document: a JSON object held as a string, walked with policy-key field paths.
      try {
        const doc: unknown = JSON.parse(v);
        if (doc && typeof doc === "object") return walk(doc, at, out);
      } catch {
        // Not JSON: scanned as text below.
      }
    }
    for (const m of v.matchAll(REFERENCE)) out.push({ field: at, scope: m[1], key: m[2], text: m[0] });
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`, out));
  if (v && typeof v === "object")
    for (const [k, inner] of Object.entries(v)) walk(inner, `${at}${fieldSegment(k)}`, out);
}

/** Every secret reference in one descriptor, with its field. */
export function secretReferencesOf(kind: ReferringKind, descriptor: object): SecretReference[] {
  const out: SecretReference[] = [];
  const d = descriptor as Record<string, unknown>;
  for (const f of REFERRING_FIELDS[kind])
    if (d[f] !== undefined) walk(d[f], f, out, kind === "cluster-policy");
  return out;
}

/**
 * The manual actions for references the snapshot's scopes cannot satisfy: a scope it does not hold, or a
 * key its scope does not list. `scopes` undefined: secret scopes were not exported, so nothing can be
 * checked, which is said once per referring object rather than passed over.
 */
export function missingSecretReferences(
  kind: ReferringKind,
  descriptor: { id: string },
  scopes: readonly SecretScopeDescriptor[] | undefined,
): string[] {
  const refs = secretReferencesOf(kind, descriptor);
  if (!refs.length) return [];
  if (!scopes)
    return [
      `${refs.length} secret reference(s) (${refs[0].field} ${refs[0].text}, ...) cannot be checked: secret scopes were not exported`,
    ];
  const byName = new Map(scopes.map((s) => [s.name, new Set(s.keys)]));
  const out: string[] = [];
  for (const r of refs) {
    const keys = byName.get(r.scope);
    if (!keys)
      out.push(
        `${r.field} references ${r.text}: secret scope "${r.scope}" is not in the snapshot; create it in the secondary (with key "${r.key}") or fix the reference`,
      );
    else if (!keys.has(r.key))
      out.push(
        `${r.field} references ${r.text}: secret scope "${r.scope}" has no key "${r.key}" in the snapshot; add the key in the primary and export again, or fix the reference`,
      );
  }
  return out;
}
