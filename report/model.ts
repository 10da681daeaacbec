import { KIND_NAMES, KindName } from "../kinds/common";
import type { Finding } from "../kinds/credentials";
import { KINDS } from "../kinds/registry";
import { Snapshot } from "../snapshot/reader";
import { expectedGroups, unexpectedRows, VerifyResult } from "../verify";
import type { FindingRow } from "../verify/format";
import { ComputeExposure, computeExposure, DEFAULT_START_POLICY, StartPolicy } from "./compute-cost";
import { PRICE_NOTE } from "./prices";
import { StackSettings } from "./stack-config";
import { aclFreshness, credentialAndAclChecks } from "./credentials-acl";
import { humanAge } from "./age";
import { InventoryView, inventoryView, workspaceCoverageCheck } from "./inventory";
import type { ManagedDrResult } from "../verify/managed-dr";
import { managedDrChecks } from "./managed-dr";
import { ucDataCheck, UcDataView, ucDataView } from "./uc-data";
import { estimateRto, RtoEstimate, rtoInputOf } from "./rto";

export { humanAge } from "./age";

/** ok: nothing to do; warn: a person must act; fail: the secondary cannot be trusted; info: for the record. */
export type Level = "ok" | "warn" | "fail" | "info";

export interface Check {
  name: string;
  level: Level;
  detail: string;
  /** What to do, as a short phrase for the summary line (warn and fail only). */
  todo?: string;
}

export interface CoverageRow {
  kind: KindName;
  title: string;
  exported: number;
  skipped: number;
  /** Why a kind holds nothing: excluded by the export's filters. */
  note?: string;
  /** With a secondary: objects equal (bar expected differences), and what verify counted. */
  secondary?: { matched: number; missing: number; extra: number; different: number };
}

export interface SkipGroup {
  kind: KindName;
  reason: string;
  ids: string[];
}

export interface SecretAction {
  scope: string;
  key: string;
  /** set: the stack config holds a value; missing: it does not; unknown: no way to tell. */
  status: "set" | "missing" | "unknown";
}

export interface IdentityAction {
  kind: "user" | "group" | "service-principal";
  id: string;
  why: string;
}

export interface ReportModel {
  generatedAt: string;
  source: { host: string; exportedAt: string; tool: string; schemaVersion: number; root: string };
  verdict: { level: Exclude<Level, "info">; label: string; summary: string };
  checks: Check[];
  rpo: { ageHours: number; targetHours: number; level: Level; text: string };
  totals: { exported: number; skipped: number; kindsWithObjects: number; manualActions: number };
  coverage: CoverageRow[];
  skipped: SkipGroup[];
  secrets: SecretAction[];
  mounts: { declared?: StackSettings["mounts"]; configFile?: string };
  identities: IdentityAction[];
  compute: ComputeExposure[];
  computeTotals: { perSyncUsd: number; neverStop: number; hourlyIfAllRunUsd: number };
  startPolicy: StartPolicy;
  verify?: { result: VerifyResult; rows: FindingRow[]; expected: ReturnType<typeof expectedGroups> };
  /** Plaintext credentials the export found (where, never the value), with the fix. */
  findings: Finding[];
  /** How fresh the permissions are: every ACL re-read within `refreshRuns` exports; the oldest read. */
  acl?: { refreshRuns: number; oldestReadAt?: string; ageHours?: number; text: string };
  priceNote: string;
  /** Every object family of the workspace: replicated, not replicated (why), or unknown. */
  inventory: InventoryView;
  /** Managed DR mode: the failover group's check and what it covers (report/managed-dr.ts). */
  managedDr?: ManagedDrResult;
  /** Unity Catalog managed tables and volumes whose data must be copied (report/uc-data.ts). */
  ucData: UcDataView;
  /** Recovery time, computed (report/rto.ts): cold `pulumi up` of the secondary and activation. */
  rto: RtoEstimate;
}

export interface ReportInput {
  snapshot: Snapshot;
  now: Date;
  verify?: VerifyResult;
  settings?: StackSettings;
  /** Snapshot age beyond which the recovery point is too old (hours). */
  rpoTargetHours?: number;
  /** The Managed DR failover group checked against the stack config (verify/managed-dr.ts). */
  managedDr?: ManagedDrResult;
}

function rpoOf(exportedAt: string, now: Date, targetHours: number): ReportModel["rpo"] {
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

function coverageOf(snap: Snapshot, v?: VerifyResult): CoverageRow[] {
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

function skipGroups(snap: Snapshot): SkipGroup[] {
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
function secretActions(snap: Snapshot, settings?: StackSettings, v?: VerifyResult): SecretAction[] {
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
function identityActions(snap: Snapshot): IdentityAction[] {
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function readinessChecks(x: {
  rpo: ReportModel["rpo"];
  v?: VerifyResult;
  skipped: number;
  exported: number;
  secrets: SecretAction[];
  settings?: StackSettings;
  identities: IdentityAction[];
  compute: ComputeExposure[];
  computeTotals: ReportModel["computeTotals"];
  findings: Finding[];
  acl?: ReportModel["acl"];
  inventory: InventoryView;
}): Check[] {
  const c = (name: string, level: Level, detail: string, todo?: string): Check => ({
    name,
    level,
    detail,
    todo,
  });
  const { rpo, v, settings } = x;
  const open = x.secrets.filter((s) => s.status !== "set").length;
  const out: Check[] = [];
  out.push(
    c(
      "Snapshot age (RPO)",
      rpo.level,
      `The snapshot is ${rpo.text}.`,
      `export again (the snapshot is ${rpo.text.split(" (")[0]})`,
    ),
  );
  if (!v)
    out.push(
      c(
        "Secondary matches the primary",
        "info",
        "Not checked: run the report with --secondary (an export of the secondary).",
      ),
    );
  else if (v.ok)
    out.push(
      c(
        "Secondary matches the primary",
        "ok",
        `No unexpected difference (${v.expected} expected, not counted).`,
      ),
    );
  else
    out.push(
      c(
        "Secondary matches the primary",
        "fail",
        `${plural(v.unexpected, "object")} missing, extra or different in the secondary.`,
        `the secondary differs from the primary (${plural(v.unexpected, "object")})`,
      ),
    );
  out.push(
    x.skipped
      ? c(
          "Export coverage",
          "warn",
          `${plural(x.skipped, "object")} skipped by the export (see below).`,
          `review ${plural(x.skipped, "skipped object")}`,
        )
      : x.inventory.fullyCovered
        ? c("Export coverage", "ok", `All ${x.exported} objects exported.`)
        : c("Export coverage", "ok", `All ${x.exported} objects of the replicated kinds exported.`),
  );
  out.push(workspaceCoverageCheck(x.inventory));
  if (x.secrets.length === 0) out.push(c("Secret values", "ok", "No secret values to supply."));
  else if (open)
    out.push(
      c(
        "Secret values",
        "warn",
        `${open} of ${plural(x.secrets.length, "secret value")} to supply in databricks-dr:secrets.`,
        `supply ${plural(open, "secret value")}`,
      ),
    );
  else out.push(c("Secret values", "ok", `All ${plural(x.secrets.length, "secret value")} supplied.`));
  if (!settings)
    out.push(
      c(
        "Mounts",
        "warn",
        "Mounts have no REST API: declare the primary's (dbutils.fs.mounts()) in databricks-dr:mounts.",
        "declare mounts",
      ),
    );
  else if (settings.mounts.length)
    out.push(c("Mounts", "ok", `${plural(settings.mounts.length, "mount")} declared in ${settings.file}.`));
  else out.push(c("Mounts", "info", `None declared in ${settings.file}: declare any the primary uses.`));
  out.push(
    x.identities.length
      ? c(
          "Identities",
          "warn",
          `${plural(x.identities.length, "identity", "identities")} to check in Entra ID.`,
          `check ${plural(x.identities.length, "identity", "identities")} in Entra ID`,
        )
      : c("Identities", "ok", "All users provisioned from Entra ID in the tenant's domain."),
  );
  const never = x.computeTotals.neverStop;
  if (never)
    out.push(
      c(
        "Compute started on create",
        "warn",
        `${plural(never, "replica")} never stop by themselves once created.`,
        `give ${plural(never, "replica")} an auto-termination`,
      ),
    );
  else if (x.compute.length)
    out.push(
      c(
        "Compute started on create",
        "info",
        `${plural(x.compute.length, "replica")} start on create; about $${x.computeTotals.perSyncUsd.toFixed(2)} until they stop.`,
      ),
    );
  else out.push(c("Compute started on create", "ok", "Nothing starts on create."));
  out.push(...credentialAndAclChecks(x.findings, x.acl));
  return out;
}

export function buildReport(input: ReportInput): ReportModel {
  const { snapshot: snap, now, verify: v, settings } = input;
  const m = snap.manifest;
  const rpo = rpoOf(m.exportedAt, now, input.rpoTargetHours ?? 24);
  const coverage = coverageOf(snap, v);
  const skipped = skipGroups(snap);
  const secrets = secretActions(snap, settings, v);
  const identities = identityActions(snap);
  const startPolicy: StartPolicy = {
    clusterStartPolicy: settings?.clusterStartPolicy ?? DEFAULT_START_POLICY.clusterStartPolicy,
    passiveAutoTerminationMinutes:
      settings?.passiveAutoTerminationMinutes ?? DEFAULT_START_POLICY.passiveAutoTerminationMinutes,
    activation: settings?.activation ?? false,
  };
  const compute = computeExposure(snap.descriptors, startPolicy);
  const computeTotals = {
    perSyncUsd: compute.reduce((n, c) => n + (c.perStartUsd ?? 0), 0),
    neverStop: compute.filter((c) => c.stopsAfterMin === undefined).length,
    hourlyIfAllRunUsd: compute.reduce((n, c) => n + (c.hourlyUsd ?? 0), 0),
  };
  const exported = coverage.reduce((n, c) => n + c.exported, 0);
  const inventory = inventoryView(m);

  const checks = readinessChecks({
    rpo,
    v,
    skipped: m.skipped.length,
    exported,
    secrets,
    settings,
    identities,
    compute,
    computeTotals,
    findings: m.findings ?? [],
    acl: aclFreshness(snap, now),
    inventory,
  });
  checks.push(...managedDrChecks(input.managedDr, now, input.rpoTargetHours ?? 24));
  const ucData = ucDataView(snap);
  checks.push(...ucDataCheck(ucData));
  const worst: Exclude<Level, "info"> = checks.some((c) => c.level === "fail")
    ? "fail"
    : checks.some((c) => c.level === "warn")
      ? "warn"
      : "ok";
  const manualActions =
    secrets.filter((x) => x.status !== "set").length +
    (settings ? 0 : 1) +
    identities.length +
    computeTotals.neverStop;
  const label = { ok: "READY", warn: "ACTION NEEDED", fail: "NOT READY" }[worst];
  const todo = (l: Level) => checks.filter((c) => c.level === l && c.todo).map((c) => c.todo as string);
  const age = rpo.text.split(" (")[0];
  const summary =
    worst === "ok"
      ? `Ready: the snapshot is ${age} and ${v ? "the secondary matches it" : "complete (the secondary was not verified)"}.` +
        (!inventory.recorded || inventory.fullyCovered
          ? ""
          : " It covers the replicated kinds only (see Workspace coverage).")
      : [
          todo("fail").length ? `Not ready: ${todo("fail").join("; ")}.` : "",
          todo("warn").length ? `To do: ${todo("warn").join("; ")}.` : "",
          v ? "" : "The secondary was not verified.",
        ]
          .filter(Boolean)
          .join(" ");

  return {
    generatedAt: now.toISOString(),
    source: {
      host: m.source.host,
      exportedAt: m.exportedAt,
      tool: `${m.tool.name} ${m.tool.version}`,
      schemaVersion: m.schemaVersion,
      root: snap.root,
    },
    verdict: { level: worst, label, summary },
    checks,
    rpo,
    totals: {
      exported,
      skipped: m.skipped.length,
      kindsWithObjects: coverage.filter((c) => c.exported).length,
      manualActions,
    },
    coverage,
    skipped,
    secrets,
    mounts: { declared: settings?.mounts, configFile: settings?.file },
    identities,
    compute,
    computeTotals,
    startPolicy,
    verify: v ? { result: v, rows: unexpectedRows(v), expected: expectedGroups(v) } : undefined,
    findings: m.findings ?? [],
    acl: aclFreshness(snap, now),
    priceNote: PRICE_NOTE,
    managedDr: input.managedDr,
    ucData,
    inventory,
    rto: estimateRto(
      rtoInputOf(snap, {
        ...startPolicy,
        excludedKinds: settings?.excludedKinds,
        granularity: settings?.rto?.granularity,
        infrastructure: settings?.rto ? !settings.rto.existingWorkspace : undefined,
      }),
    ),
  };
}
