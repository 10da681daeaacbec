import type { KindName } from "../kinds/common";
import type { PermissionObjectType } from "../kinds/permission-types";
import type { Primary, PrimaryAcl } from "./primary";

/**
 * What a snapshot's grants and secret scopes must hold, against the primary's own state (fault-suite/primary.ts
 * reads it from the emulator): one line per difference, [] when it is whole.
 */

/** Kinds whose ACL the Permissions API keys by the object's id, and its object type there. */
export const ACL_BY_ID: readonly [KindName, PermissionObjectType][] = [
  ["cluster", "clusters"],
  ["cluster-policy", "cluster-policies"],
  ["instance-pool", "instance-pools"],
  ["job", "jobs"],
  ["sql-warehouse", "sql/warehouses"],
  ["mlflow-experiment", "experiments"],
  ["mlflow-model", "registered-models"],
  ["dashboard", "dashboards"],
  ["serving-endpoint", "serving-endpoints"],
];

type Grant = { principal: { kind: string; id: string }; level: string };
const grantKey = (g: Grant) => `${g.principal.kind}:${g.principal.id}:${g.level}`;

/** An exact set: a grant lost, or one the primary does not hold (it would give someone more there). */
export function aclDifferences(acl: PrimaryAcl, exported: Grant[]): string[] {
  const have = new Set(exported.map(grantKey));
  const want = new Set(acl.entries.map(grantKey));
  return [
    ...acl.entries
      .filter((e) => !have.has(grantKey(e)))
      .map((e) => `grant ${e.level} to ${e.principal.kind} ${e.principal.id} lost`),
    ...exported
      .filter((a) => !want.has(grantKey(a)))
      .map((a) => `grant ${a.level} to ${a.principal.kind} ${a.principal.id} not in the primary`),
  ];
}

/**
 * A scope's key names (each DATABRICKS-backed key also in the manifest's secretsNeeded) and ACLs, unless the
 * manifest's skipped list explains them (`<scope>#keys`, `<scope>#acls`).
 */
export function scopeDifferences(
  s: Primary["scopes"][number],
  d: { keys: string[]; acls: { principal: string; permission: string }[] },
  opts: { keysExplained: boolean; aclsExplained: boolean; needed: ReadonlySet<string> },
): string[] {
  const out: string[] = [];
  const keys = new Set(d.keys);
  if (!opts.keysExplained)
    for (const k of s.keys) {
      if (!keys.has(k)) out.push(`key ${k} lost`);
      else if (s.backend === "DATABRICKS" && !opts.needed.has(`${s.name}\u0000${k}`))
        out.push(`key ${k} missing from manifest secretsNeeded`);
    }
  if (!opts.aclsExplained) {
    const acls = new Set(d.acls.map((a) => `${a.principal}\u0000${a.permission}`));
    for (const a of s.acls)
      if (!acls.has(`${a.principal}\u0000${a.permission}`)) out.push(`ACL of ${a.principal} lost`);
  }
  return out;
}
