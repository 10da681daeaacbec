/**
 * What must hold after every step, checked against the PRIMARY (its export) and the secondary emulator's own
 * state, never against what the stack says it did.
 */
import type { RunningEmulator } from "../emulator";
import { KIND_NAMES, KindName } from "../kinds/common";
import type { StackResult } from "../roundtrip";
import { preExistingKeys, verifyRoundTrip } from "../roundtrip";
import type { StackConfig } from "../components/config/schema";
import { SOURCE_TAG } from "../components/dynamic/job-batch-impl";
import { readSnapshot } from "../snapshot/reader";
import { indexSnapshot } from "../verify/match";
import { checkGroupIdentity } from "./group-identity";
import { partlyAppliedKeys } from "../roundtrip/uc-not-compared";

/**
 * Objects that left the primary while prune was off: the secondary may keep them (that is what prune off
 * means). Tracked by descriptor id, so a RENAMED object (same id, new key) never excuses its old key: a
 * second copy under the old name is a violation.
 */
export class Tracker {
  private previous = new Map<KindName, Map<string, string>>();
  readonly retained = new Set<string>();
  constructor(readonly baselineDir: string) {}

  update(primaryDir: string, prune: boolean): void {
    const idx = indexSnapshot(readSnapshot(primaryDir));
    const current = new Map<KindName, Map<string, string>>();
    for (const kind of KIND_NAMES) {
      const m = new Map<string, string>();
      for (const [key, d] of idx.byKey[kind]) m.set(d.id, key);
      current.set(kind, m);
      for (const [id, key] of this.previous.get(kind) ?? [])
        if (!m.has(id) && !prune) this.retained.add(`${kind}:${key}`);
      for (const key of m.values()) this.retained.delete(`${kind}:${key}`);
    }
    this.previous = current;
  }
}

/** Secondary job id per primary job id (by the stack's source tag). */
export interface Identity {
  jobs: Map<string, string>;
}

export interface StepInput {
  step: number;
  what: string;
  primaryDir: string;
  secondaryDir: string;
  secondary: RunningEmulator;
  config: StackConfig;
  first: StackResult;
  second: StackResult;
  tracker: Tracker;
  previous?: Identity;
}

export function checkStep(s: StepInput): { violations: string[]; identity: Identity } {
  const v: string[] = [];
  for (const f of [...s.first.log.failures, ...s.second.log.failures])
    v.push(`apply failed: ${f.type} ${f.name}: ${f.error.split("\n")[0]}`);

  // Every primary object exactly once, none missing, ACLs, memberships and pause states as the mode wants.
  s.tracker.update(s.primaryDir, s.config.prune);
  const ignore = [
    ...preExistingKeys(s.primaryDir, s.tracker.baselineDir),
    ...s.tracker.retained,
    // Views applied without their columns (the emulator runs no SQL): shown apart.
    ...partlyAppliedKeys(s.second.state),
  ];
  const verify = verifyRoundTrip(s.primaryDir, s.secondaryDir, s.config, ignore);
  for (const o of verify.objects.filter((x) => x.unexpected))
    v.push(
      `${o.status} ${o.kind} ${o.key}` +
        (o.differences.length ? `: ${o.differences.map((d) => d.path).join(", ")}` : ""),
    );

  // Groups: one marked group per primary group, the same SCIM id through renames and re-batching.
  v.push(...checkGroupIdentity(s));

  // Jobs, from the secondary emulator's own state: one per primary job, by the stack's source tag.
  const primaryJobs = new Set(readSnapshot(s.primaryDir).descriptors.job.map((j) => j.id));
  const byTag = new Map<string, string[]>();
  for (const j of s.secondary.state.jobs.values()) {
    const tag = (j.settings as { tags?: Record<string, string> })?.tags?.[SOURCE_TAG];
    if (tag !== undefined) byTag.set(tag, [...(byTag.get(tag) ?? []), String(j.job_id)]);
  }
  const jobs = new Map<string, string>();
  for (const id of primaryJobs) {
    const got = byTag.get(id) ?? [];
    if (got.length !== 1) v.push(`primary job ${id} has ${got.length} copies in the secondary`);
    else jobs.set(id, got[0]);
  }
  // Clusters, pools and warehouses, from the emulator's state too: the one the primary's object matched is
  // the one object tagged with its id (the keys as the secondary's API shows them, not the stack's constants).
  const tagsOf = (o: Record<string, unknown>, kind: string): Record<string, string> =>
    kind === "sql-warehouse"
      ? Object.fromEntries(
          ((o.tags as { custom_tags?: { key: string; value: string }[] })?.custom_tags ?? []).map((t) => [
            t.key,
            t.value,
          ]),
        )
      : ((o.custom_tags as Record<string, string>) ?? {});
  const compute = [
    ["cluster", s.secondary.state.clusters, "databricks-dr-source-id"],
    ["instance-pool", s.secondary.state.pools, "databricks-dr-pool-source-id"],
    ["sql-warehouse", s.secondary.state.warehouses, "databricks-dr-source-id"],
  ] as const;
  for (const [kind, objects, key] of compute)
    for (const o of verify.objects.filter(
      (x) => x.kind === kind && x.status === "different" && x.primaryId,
    )) {
      const tagged = [...objects].filter(([, x]) => tagsOf(x, kind)[key] === o.primaryId).map(([id]) => id);
      if (tagged.length !== 1 || tagged[0] !== o.secondaryId)
        v.push(
          `${kind} ${o.key}: ${tagged.length} objects tagged with its id ${o.primaryId} (${tagged.join(", ")})`,
        );
    }

  // The same job, never a new one: renamed, re-batched, or crossing the per-object threshold either way.
  for (const [id, jobId] of jobs) {
    const before = s.previous?.jobs.get(id);
    if (before && before !== jobId) v.push(`job ${id} changed identity (${before} -> ${jobId})`);
  }

  // The same run again changes nothing.
  const changed = s.second.log.applied.filter((a) => a.op !== "unchanged");
  if (changed.length)
    v.push(`not idempotent: the second run ${changed.map((a) => `${a.op}s ${a.name}`).join(", ")}`);
  const deleted = s.second.log.deleted.filter((d) => d.op !== "retain");
  if (deleted.length)
    v.push(`not idempotent: the second run deletes ${deleted.map((d) => d.name).join(", ")}`);
  return { violations: v, identity: { jobs } };
}
