import Table from "cli-table3";
import { FAULT_KINDS } from "../emulator/faults";
import { ENV_FAULT_KINDS } from "./env-faults";
import type { SeedResult } from "./run-seed";

export interface Metric {
  metric: string;
  value: number;
}

/** The suite's figures. Those in MUST_BE_ZERO must be 0. */
export function summarize(results: SeedResult[], seconds: number): Metric[] {
  const total = (f: (r: SeedResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const count = (f: (r: SeedResult) => boolean) => results.filter(f).length;
  const rows: [string, number][] = [
    ["fault_runs", results.length],
    ["fault_silent_losses", total((r) => r.losses.length)],
    ["fault_crashes", total((r) => r.crashes.length)],
    ["fault_leaks", total((r) => r.leaks.length)],
    ["fault_previous_snapshot_damaged", total((r) => r.previousDamaged.length)],
    ["fault_transient_skips", total((r) => r.transientSkips.length)],
    ["fault_stale_objects", total((r) => r.stale.length)],
    ["fault_retry_after_early", total((r) => r.retryAfterEarly)],
    ["fault_env_wrong_outcomes", total((r) => r.envViolations?.length ?? 0)],
    ["fault_failed_seeds", count((r) => r.outcome === "failed")],
    ["fault_planned_failures", count((r) => r.outcome === "planned-failure")],
    ["fault_shrink_refused", count((r) => !!r.shrinkRefused)],
    ["fault_objects_checked", total((r) => r.checked)],
    ["fault_objects_skipped_with_reason", total((r) => r.explained)],
    ["fault_objects_deleted_unseen", total((r) => r.unseen)],
    ["fault_objects_reused", total((r) => r.reused)],
    ["fault_requests", total((r) => r.requests)],
    ["fault_injected", total((r) => Object.values(r.injected).reduce((a, b) => a + b, 0))],
    ...FAULT_KINDS.map((k): [string, number] => [
      `fault_injected_${k.replace(/-/g, "_")}`,
      total((r) => r.injected[k] ?? 0),
    ]),
    // Seeds given each fault of the surroundings, and those where it really happened (a write refused, the
    // child killed at its crash point: a disk write past the export's last one, or a commit step a run
    // without a previous snapshot never reaches, injects nothing).
    ...ENV_FAULT_KINDS.flatMap((k): [string, number][] => [
      [`fault_env_${k.replace(/-/g, "_")}`, count((r) => r.envFault === k)],
      [`fault_env_${k.replace(/-/g, "_")}_injected`, count((r) => r.envFault === k && r.envInjected)],
    ]),
    ["fault_persistent_failures", total((r) => r.persistentHits)],
    ["fault_mutations", total((r) => r.mutations)],
    ["fault_oversize_notebooks", count((r) => r.oversizePlanted)],
    ["fault_runs_with_previous_snapshot", count((r) => r.hadPrevious)],
    ["fault_seconds", Math.round(seconds * 10) / 10],
    ["fault_ms_per_run_mean", results.length ? Math.round(total((r) => r.ms) / results.length) : 0],
  ];
  return rows.map(([metric, value]) => ({ metric, value }));
}

/** Anything here makes the suite fail. */
export const MUST_BE_ZERO = [
  "fault_silent_losses",
  "fault_crashes",
  "fault_leaks",
  "fault_previous_snapshot_damaged",
  "fault_transient_skips",
  "fault_stale_objects",
  "fault_retry_after_early",
  "fault_env_wrong_outcomes",
];

export function table(metrics: Metric[]): string {
  const t = new Table({
    head: ["metric", "value"],
    colAligns: ["left", "right"],
    style: { head: [], border: [] },
  });
  for (const { metric, value } of metrics)
    t.push([
      MUST_BE_ZERO.includes(metric) && value !== 0 ? `${metric}  ✗ (must be 0)` : metric,
      String(value),
    ]);
  return t.toString();
}

export function jsonLines(metrics: Metric[]): string {
  return metrics.map((m) => JSON.stringify(m)).join("\n");
}

/** What went wrong in one seed, and how to run it again. */
export function describeFailure(r: SeedResult): string {
  const lines = [
    `seed ${r.seed} (${r.workspace}): ${r.losses.length} silent losses, ${r.crashes.length} crashes, ` +
      `${r.leaks.length} leaks, ${r.previousDamaged.length} previous-snapshot damage, ` +
      `${r.transientSkips.length} transient skips, ${r.retryAfterEarly} early retries` +
      (r.envFault ? `, ${r.envViolations.length} wrong outcomes of the ${r.envFault} fault` : ""),
  ];
  for (const l of r.losses.slice(0, 20)) lines.push(`  loss ${l.kind} ${l.id}: ${l.what}`);
  if (r.losses.length > 20) lines.push(`  ... ${r.losses.length - 20} more losses`);
  for (const c of r.crashes.slice(0, 5)) lines.push(`  crash: ${c.split("\n").slice(0, 6).join("\n    ")}`);
  for (const l of r.leaks.slice(0, 10)) lines.push(`  leak: ${l.secret} in ${l.where}`);
  for (const p of r.previousDamaged) lines.push(`  previous snapshot: ${p}`);
  for (const t of r.transientSkips.slice(0, 10)) lines.push(`  skipped for a transient fault: ${t}`);
  for (const t of r.stale) lines.push(`  stale: ${t}`);
  for (const v of r.envViolations ?? []) lines.push(`  ${r.envFault ?? "environment"} fault: ${v}`);
  lines.push(`  reproduce: npm run fault-suite -- --seed ${r.seed}${r.dir ? `   (kept: ${r.dir})` : ""}`);
  return lines.join("\n");
}
