/** The report's per-snapshot sections: recovery point, coverage by kind, skips, secrets and identities to act on. */
import { KIND_NAMES } from "../kinds/common";
import { KINDS } from "../kinds/registry";
import { Snapshot } from "../snapshot/reader";
import { VerifyResult } from "../verify";
import { humanAge } from "./age";
import type { CoverageRow, IdentityAction, Level, ReportModel, SecretAction, SkipGroup } from "./model";
import { StackSettings } from "./stack-config";

export function rpoOf(exportedAt: string, now: Date, targetHours: number): ReportModel["rpo"] {
  const ageHours = (now.getTime() - Date.parse(exportedAt)) / 3_600_000;
  if (ageHours < -5 / 60)
    return {
      ageHours,
      targetHours,
      level: "warn",
      text: `exported ${humanAge(ageHours)} in the future: check clocks`,
    };
  const level: Level = ageHours <= targetHours ? "ok" : ageHours <= 3 * targetHours ? "warn" : "fail";
  return {
    ageHours,
    targetHours,
    level,
    text: `${humanAge(Math.max(0, ageHours))} old (target ≤ ${targetHours} h)`,
  };
}

export function coverageOf(snap: Snapshot, v?: VerifyResult): CoverageRow[] {
  const f = snap.manifest.filters;
  return KIND_NAMES.map((kind) => {
    const row: CoverageRow = {
      kind,
      title: KINDS[kind].title,
      exported: snap.descriptors[kind].length,
      skipped: snap.manifest.skipped.filter((s) => s.kind === kind).length,
    };
    if (f.excludeKinds?.includes(kind) || (f.includeKinds && !f.includeKinds.includes(kind)))
      row.note = "excluded by the export's filters";
    const k = v?.kinds.find((x) => x.kind === kind);
    if (k)
      row.secondary = {
        matched: k.matched - k.different,
        missing: k.missing,
        extra: k.extra,
        different: k.different,
      };
    return row;
  });
}

export function skipGroups(snap: Snapshot): SkipGroup[] {
  const groups = new Map<string, SkipGroup>();
  for (const s of snap.manifest.skipped) {
    const id = `${s.kind}\u0000${s.reason}`;
    const g = groups.get(id) ?? { kind: s.kind, reason: s.reason, ids: [] };
    g.ids.push(s.id);
    groups.set(id, g);
  }
  return [...groups.values()].sort(
    (a, b) => KIND_NAMES.indexOf(a.kind) - KIND_NAMES.indexOf(b.kind) || b.ids.length - a.ids.length,
  );
}

/** With verify: a needed key absent from the secondary is still to supply; else the stack config tells. */
export function secretActions(snap: Snapshot, settings?: StackSettings, v?: VerifyResult): SecretAction[] {
  const notInSecondary = new Set<string>();
  for (const o of v?.objects ?? []) {
    if (o.kind !== "secret-scope") continue;
    if (o.status === "missing") notInSecondary.add(`${o.key}/*`);
    for (const d of [...o.expected, ...o.differences])
      if (d.path === "keys[]" && typeof d.primary === "string" && d.secondary === undefined)
        notInSecondary.add(`${o.key}/${d.primary}`);
  }
  return snap.manifest.secretsNeeded.map(({ scope, key }) => {
    const id = `${scope}/${key}`;
    let status: SecretAction["status"] = "unknown";
    if (settings?.secretsSet) status = settings.secretsSet.has(id) ? "set" : "missing";
    if (v) status = notInSecondary.has(id) || notInSecondary.has(`${scope}/*`) ? "missing" : "set";
    return { scope, key, status };
  });
}

/**
 * Identities the secondary may not be able to resolve in Entra ID. The stack checks users and service
 * principals at preview (databricks-dr:checkEntraId); this lists the likely ones ahead of it.
 */
export function identityActions(snap: Snapshot): IdentityAction[] {
  const users = snap.descriptors.user;
  const domains = new Map<string, number>();
  for (const u of users) {
    const d = u.userName.split("@")[1]?.toLowerCase();
    if (d) domains.set(d, (domains.get(d) ?? 0) + 1);
  }
  const home = [...domains].sort((a, b) => b[1] - a[1])[0]?.[0];
  const out: IdentityAction[] = [];
  for (const u of users) {
    const domain = u.userName.split("@")[1]?.toLowerCase();
    const why: string[] = [];
    if (u.userName.includes("#EXT#") || (domain && home && domain !== home))
      why.push(
        `external domain ${domain ?? ""}: a guest account, invite it in the secondary's tenant`.trim(),
      );
    if (!u.externalId)
      why.push("not provisioned from Entra ID (no externalId): added by hand in the primary");
    if (why.length) out.push({ kind: "user", id: u.userName, why: why.join("; ") });
  }
  for (const g of snap.descriptors.group)
    if (g.externalId)
      out.push({
        kind: "group",
        id: g.displayName,
        why: "synced from Entra ID: provision it to the secondary too, or it becomes a workspace-local group",
      });
  return out;
}
