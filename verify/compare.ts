import { KIND_NAMES, KindName } from "../kinds/common";
import { KINDS } from "../kinds/registry";
import { Snapshot } from "../snapshot/reader";
import { diffValues, FieldDiff } from "./diff";
import { KindVerifySpec, VERIFY_KINDS } from "./kinds";
import { indexSnapshot, KeyedDescriptor, SnapshotIndex } from "./match";
import { normalizeDescriptor } from "./normalize";
import { storagePathRules } from "./storage-paths";
import { genericPath } from "./paths";
import { RuleContext, VerifyMode } from "./rules";
import type { ClusterStartPolicy } from "./rules";
import type { VerifyStorageMap } from "./uc-storage";
import { stackAddition } from "./stack-additions";

export interface VerifyOptions {
  /** Default passive: the secondary waits with its schedules paused. */
  mode?: VerifyMode;
  /** The stack's `databricks-dr:clusterStartPolicy` (default noWait); skipAllPurpose means no clusters. */
  clusterStartPolicy?: ClusterStartPolicy;
  /** Kinds the stack is configured not to replicate (`databricks-dr:excludeKinds`). */
  expectMissingKinds?: readonly KindName[];
  /** `kind:key` (a trailing `*` matches a prefix): objects whose differences are shown apart, e.g. the deploying SP. */
  ignore?: readonly string[];
  /** The stack's `databricks-dr:storageMap`: explains rewritten Unity Catalog storage locations. */
  storageMap?: VerifyStorageMap;
  /** The stack's `databricks-dr:nodeTypeMap`: explains node types mapped for an Azure secondary. */
  nodeTypeMap?: Record<string, string>;
}

export interface ExpectedDiff extends FieldDiff {
  rule: string;
  reason: string;
}
export interface UnexpectedDiff extends FieldDiff {
  note?: string;
}

export interface ObjectResult {
  kind: KindName;
  key: string;
  primaryId?: string;
  secondaryId?: string;
  status: "missing" | "extra" | "different";
  /** Counted against the secondary: the object is missing/extra, or one of `differences` is unexpected. */
  unexpected: boolean;
  /** Why a missing/extra object is expected, or a note on it. */
  reason?: string;
  differences: UnexpectedDiff[];
  expected: ExpectedDiff[];
}

export interface KindSummary {
  kind: KindName;
  title: string;
  primary: number;
  secondary: number;
  matched: number;
  missing: number;
  extra: number;
  different: number;
  /** Objects whose only differences are expected ones. */
  expected: number;
}

export interface SideInfo {
  root: string;
  host: string;
  exportedAt: string;
}

export interface VerifyResult {
  mode: VerifyMode;
  ok: boolean;
  /** Objects missing, extra or different beyond what the design explains. */
  unexpected: number;
  /** Field differences and objects explained by a rule, shown apart. */
  expected: number;
  primary: SideInfo;
  secondary: SideInfo;
  kinds: KindSummary[];
  /** Only objects with something to report, by kind (registry order) then key. */
  objects: ObjectResult[];
}

const side = (s: Snapshot): SideInfo => ({
  root: s.root,
  host: s.manifest.source.host,
  exportedAt: s.manifest.exportedAt,
});

export function ignoreMatcher(patterns: readonly string[] = []): (kind: KindName, key: string) => boolean {
  return (kind, key) =>
    patterns.some((p) =>
      p.endsWith("*") ? `${kind}:${key}`.startsWith(p.slice(0, -1)) : p === `${kind}:${key}`,
    );
}

/** Compares two snapshots (exports of the primary and of the secondary) object by object. Pure. */
export function compareSnapshots(
  primary: Snapshot,
  secondary: Snapshot,
  opts: VerifyOptions = {},
): VerifyResult {
  const mode = opts.mode ?? "passive";
  const clusterStartPolicy = opts.clusterStartPolicy ?? "noWait";
  const expectMissingKinds: KindName[] = [
    ...(opts.expectMissingKinds ?? []),
    ...(clusterStartPolicy === "skipAllPurpose" ? (["cluster"] as const) : []),
  ];
  const ignored = ignoreMatcher(opts.ignore);
  const pIdx = indexSnapshot(primary);
  const sIdx = indexSnapshot(secondary);
  const objects: ObjectResult[] = [];
  const kinds: KindSummary[] = [];

  for (const kind of KIND_NAMES) {
    const spec = VERIFY_KINDS[kind] as KindVerifySpec<KindName>;
    const p = pIdx.byKey[kind];
    const s = sIdx.byKey[kind];
    const summary: KindSummary = {
      kind,
      title: KINDS[kind].title,
      primary: p.size,
      secondary: s.size,
      matched: 0,
      missing: 0,
      extra: 0,
      different: 0,
      expected: 0,
    };
    const keys = [...new Set([...p.keys(), ...s.keys()])].sort();
    for (const key of keys) {
      const ctx: RuleContext = {
        mode,
        kind,
        key,
        primaryManifest: primary.manifest,
        clusterStartPolicy,
        primaryId: p.get(key)?.id,
        storageMap: opts.storageMap,
        nodeTypeMap: opts.nodeTypeMap,
      };
      const r = compareObject(spec, ctx, p.get(key), s.get(key), pIdx, sIdx, secondary, expectMissingKinds);
      if (p.has(key) && s.has(key)) summary.matched++;
      if (!r) continue;
      if (ignored(kind, key)) {
        r.expected.push(
          ...r.differences.map((d) => ({ ...d, rule: "ignored", reason: "ignored (--ignore)" })),
        );
        r.differences = [];
        if (r.unexpected && r.status !== "different") r.reason = "ignored (--ignore)";
        r.unexpected = false;
      }
      objects.push(r);
      if (!r.unexpected) summary.expected++;
      else summary[r.status]++;
    }
    kinds.push(summary);
  }
  const unexpected = objects.filter((o) => o.unexpected).length;
  const expected = objects.reduce(
    (n, o) => n + o.expected.length + (o.status !== "different" && !o.unexpected ? 1 : 0),
    0,
  );
  return {
    mode,
    ok: unexpected === 0,
    unexpected,
    expected,
    primary: side(primary),
    secondary: side(secondary),
    kinds,
    objects,
  };
}

/** The kind's own reason a secondary lacks the object by design (KindVerifySpec.missingByDesign). */
function missingByDesign(kind: KindName, d: unknown): string | undefined {
  return (VERIFY_KINDS[kind] as KindVerifySpec<KindName>).missingByDesign?.(d as never);
}

/** The grants of an object that is missing by design (missingByDesign) are missing with it. */
function ownerManual(owner: KindName | null | undefined, d: unknown, idx: SnapshotIndex): string | undefined {
  const id = (d as { objectId?: unknown }).objectId;
  if (!owner || typeof id !== "string") return undefined;
  const key = idx.keyOf(owner, id);
  const od = key === undefined ? undefined : idx.byKey[owner].get(key)?.descriptor;
  const why = od === undefined ? undefined : missingByDesign(owner, od);
  return why && `the grants of an object not replicated by design (${why})`;
}

function compareObject(
  spec: KindVerifySpec<KindName>,
  ctx: RuleContext,
  p: KeyedDescriptor | undefined,
  s: KeyedDescriptor | undefined,
  pIdx: SnapshotIndex,
  sIdx: SnapshotIndex,
  secondary: Snapshot,
  expectMissingKinds: readonly KindName[],
): ObjectResult | undefined {
  const base = {
    kind: ctx.kind,
    key: ctx.key,
    primaryId: p?.id,
    secondaryId: s?.id,
    differences: [],
    expected: [],
  };
  if (p && !s) {
    const owner = spec.belongsTo?.(p.descriptor);
    if (expectMissingKinds.some((k) => k === ctx.kind || k === owner))
      return { ...base, status: "missing", unexpected: false, reason: "not replicated by configuration" };
    const manual = missingByDesign(ctx.kind, p.descriptor) ?? ownerManual(owner, p.descriptor, pIdx);
    if (manual) return { ...base, status: "missing", unexpected: false, reason: manual };
    const skipped = secondary.manifest.skipped.find((x) => x.kind === ctx.kind && x.id === p.id);
    return {
      ...base,
      status: "missing",
      unexpected: true,
      reason: skipped ? `the secondary's export skipped it: ${skipped.reason}` : undefined,
    };
  }
  if (!p && s) {
    const added =
      (VERIFY_KINDS[ctx.kind] as KindVerifySpec<KindName>).addedByStack?.(ctx.key, s.descriptor as never) ??
      stackAddition(ctx.kind, ctx.key);
    return { ...base, status: "extra", unexpected: !added, ...(added ? { reason: added } : {}) };
  }
  if (!p || !s) return undefined;

  const a = normalizeDescriptor(ctx.kind, p.descriptor, pIdx.keyOf);
  const b = normalizeDescriptor(ctx.kind, s.descriptor, sIdx.keyOf);
  const differences: UnexpectedDiff[] = [];
  const expected: ExpectedDiff[] = [];
  // Library and init-script paths by the config's storageMap (verify/storage-paths.ts), for every compute kind.
  const storage = storagePathRules(ctx.kind);
  if (spec.assignedIds && p.id !== s.id)
    expected.push({
      path: "id",
      primary: p.id,
      secondary: s.id,
      rule: "assigned-id",
      reason: "workspace-assigned id",
    });
  for (const d of diffValues(a, b, spec)) {
    const gp = genericPath(d.path);
    const hit = [...(spec.expected ?? []), ...storage.expected]
      .filter((r) => r.paths.includes(gp))
      .map((r) => ({ rule: r.id, reason: r.explain(d, ctx) }))
      .find((x) => x.reason !== undefined);
    if (hit) expected.push({ ...d, rule: hit.rule, reason: hit.reason as string });
    else differences.push(d);
  }
  for (const check of [...(spec.checks ?? []), ...storage.checks])
    for (const v of check.check(b, a, ctx)) {
      const same = differences.find((d) => d.path === v.path);
      if (same) same.note = v.note;
      else {
        differences.push(v);
        const i = expected.findIndex((e) => e.path === v.path);
        if (i >= 0) expected.splice(i, 1);
      }
    }
  if (differences.length === 0 && expected.length === 0) return undefined;
  return { ...base, status: "different", unexpected: differences.length > 0, differences, expected };
}
