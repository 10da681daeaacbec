import { KindName } from "../kinds/common";
import type { Finding } from "../kinds/credentials";
import { Snapshot } from "../snapshot/reader";
import { expectedGroups, unexpectedRows, VerifyResult } from "../verify";
import type { FindingRow } from "../verify/format";
import { ComputeExposure, computeExposure, DEFAULT_START_POLICY, StartPolicy } from "./compute-cost";
import { PRICE_NOTE } from "./prices";
import { StackSettings } from "./stack-config";
import { aclFreshness } from "./credentials-acl";
import { InventoryView, inventoryView } from "./inventory";
import type { ManagedDrResult } from "../verify/managed-dr";
import { managedDrChecks } from "./managed-dr";
import { ucDataCheck, UcDataView, ucDataView } from "./uc-data";
import { mlflowDataCheck, MlflowDataView, mlflowDataView } from "./mlflow-data";
import { estimateRto, RtoEstimate, rtoInputOf } from "./rto";
import { coverageOf, identityActions, rpoOf, secretActions, skipGroups } from "./model-sections";
import { readinessChecks } from "./readiness-checks";
import { StackAction, stackActions, stackActionsCheck } from "./stack-actions";

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
  /** Paths, other clouds' settings, node types and secret references to act on, by object and field. */
  stackActions: StackAction[];
  /** How fresh the permissions are: every ACL re-read within `refreshRuns` exports; the oldest read. */
  acl?: { refreshRuns: number; oldestReadAt?: string; ageHours?: number; text: string };
  priceNote: string;
  /** Every object family of the workspace: replicated, not replicated (why), or unknown. */
  inventory: InventoryView;
  /** Managed DR mode: the failover group's check and what it covers (report/managed-dr.ts). */
  managedDr?: ManagedDrResult;
  /** Unity Catalog managed tables and volumes whose data must be copied (report/uc-data.ts). */
  ucData: UcDataView;
  /** MLflow runs and model versions the stack does not copy (report/mlflow-data.ts). */
  mlflowData: MlflowDataView;
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
  const mlflowData = mlflowDataView(snap);
  checks.push(...mlflowDataCheck(mlflowData));
  const portActions = stackActions(snap, settings);
  checks.push(...stackActionsCheck(portActions));
  const worst: Exclude<Level, "info"> = checks.some((c) => c.level === "fail")
    ? "fail"
    : checks.some((c) => c.level === "warn")
      ? "warn"
      : "ok";
  const manualActions =
    secrets.filter((x) => x.status !== "set").length +
    (settings ? 0 : 1) +
    identities.length +
    computeTotals.neverStop +
    portActions.length;
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
    stackActions: portActions,
    acl: aclFreshness(snap, now),
    priceNote: PRICE_NOTE,
    managedDr: input.managedDr,
    ucData,
    mlflowData,
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
