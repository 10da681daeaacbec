/**
 * What an export of the secondary looks like after the stack replicated a primary snapshot: new
 * workspace-assigned ids (references rewritten), and the stack's deliberate adjustments — triggers paused
 * while passive, no idle pool instances while passive, a short auto-termination (start policy), secret keys
 * present only once their values are supplied. Tests of verify and report start from it.
 */
import { Descriptor } from "../../kinds/registry";
import { PAUSABLE_TRIGGERS } from "../../kinds/job/schema";
import { reassignIds, SnapshotBuilder } from "./snapshot-builder";

export interface ReplicaOptions {
  mode?: "passive" | "active";
  /**
   * `databricks-dr:passiveAutoTerminationMinutes`: while passive, clusters and warehouses that never stop or
   * stop later get it (the stack's noWait start policy); 0 keeps their own.
   */
  autoterminationCap?: number;
  /** Secret values supplied in config as `scope/key`; the others are absent from the secondary. */
  suppliedSecrets?: readonly string[];
  host?: string;
  exportedAt?: string;
}

export function replicaOf(primary: SnapshotBuilder, opts: ReplicaOptions = {}): SnapshotBuilder {
  const mode = opts.mode ?? "passive";
  const cap = mode === "passive" ? (opts.autoterminationCap ?? 10) : 0;
  const capped = (v: unknown) => (typeof v !== "number" || v === 0 || v > cap ? cap : v);
  const b = primary.clone();
  b.manifest({
    source: { host: opts.host ?? "https://adb-2222222222222222.2.azuredatabricks.net" },
    exportedAt: opts.exportedAt ?? "2026-11-25T07:00:00.000Z",
    skipped: [],
    secretsNeeded: [],
  });
  reassignIds(b, (kind, id) => (kind === "job" ? String(9000 + Number(id)) : `sec-${id}`));
  if (mode === "passive")
    for (const j of b.list("job"))
      b.update("job", j.id, (d) => {
        for (const t of PAUSABLE_TRIGGERS) {
          const trig = d.settings[t] as Record<string, unknown> | undefined;
          if (!trig) continue;
          trig.pause_status = "PAUSED";
          d.originalPause[t] = "PAUSED";
        }
      });
  if (mode === "passive")
    for (const p of b.list("instance-pool"))
      b.update("instance-pool", p.id, (d) => {
        d.spec.min_idle_instances = 0;
      });
  if (cap > 0)
    for (const c of b.list("cluster"))
      b.update("cluster", c.id, (d: Descriptor<"cluster">) => {
        d.spec.autotermination_minutes = capped(d.spec.autotermination_minutes);
      });
  if (cap > 0)
    for (const w of b.list("sql-warehouse"))
      b.update("sql-warehouse", w.id, (d) => {
        d.spec.auto_stop_mins = capped(d.spec.auto_stop_mins);
      });
  // While passive every served entity scales to zero at the smallest size (issue 11: model serving).
  if (mode === "passive")
    for (const e of b.list("serving-endpoint"))
      b.update("serving-endpoint", e.id, (d) => {
        const config = (d.settings as { config?: Record<string, unknown> }).config ?? {};
        for (const key of ["served_entities", "served_models"])
          for (const x of (config[key] ?? []) as Record<string, unknown>[]) {
            if (x.external_model) continue;
            x.scale_to_zero_enabled = true;
            if (x.workload_size !== undefined) x.workload_size = "Small";
            for (const f of ["min_provisioned_concurrency", "min_provisioned_throughput"])
              if (typeof x[f] === "number") x[f] = 0;
          }
      });
  const supplied = new Set(opts.suppliedSecrets ?? []);
  for (const s of b.list("secret-scope"))
    if (s.backend === "DATABRICKS")
      b.update("secret-scope", s.id, (d) => {
        d.keys = d.keys.filter((k) => supplied.has(`${d.name}/${k}`));
      });
  return b;
}
