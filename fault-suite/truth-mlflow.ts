/**
 * The fault suite's truth for MLflow: every active experiment and every registered model the emulator holds
 * when the export starts (its own state objects, never exporter output), with what its descriptor must carry
 * as the README documents it: an experiment's name, artifact location and tags and its active runs counted;
 * a model's workspace id, name, description and tags and its versions counted per stage. Deleted
 * experiments are not the workspace's to replicate: not looked for.
 */
import type { Obj } from "../emulator/state/types";
import type { WorkspaceState } from "../emulator/state/workspace-state";

export interface MlflowTruth {
  kind: "mlflow-experiment" | "mlflow-model";
  /** The descriptor id: experiment_id, or the model's workspace id. */
  id: string;
  /** Ids a skip may carry (a model's listing names it by name until its read gives the id). */
  skipIds: string[];
  /** Descriptor field → the primary's value. */
  fields: Obj;
  /** Tags as `key=value`, sorted. */
  tags: string[];
  /** Runs (experiments) or versions (models) the descriptor must count. */
  count: number;
  /** Versions per stage (models). */
  stages?: Record<string, number>;
}

const tagSet = (tags: unknown) =>
  (Array.isArray(tags) ? (tags as Obj[]) : []).map((t) => `${String(t.key)}=${String(t.value ?? "")}`).sort();

export function captureMlflow(state: WorkspaceState): MlflowTruth[] {
  const out: MlflowTruth[] = [];
  for (const e of state.mlflow.experiments.values()) {
    if (e.lifecycle_stage !== "active") continue;
    const id = String(e.experiment_id);
    out.push({
      kind: "mlflow-experiment",
      id,
      skipIds: [id],
      fields: { name: e.name, artifact_location: e.artifact_location },
      tags: tagSet(e.tags),
      count: (state.mlflow.runs.get(id) ?? []).filter((r) => (r.info as Obj).lifecycle_stage === "active")
        .length,
    });
  }
  for (const m of state.mlflow.models.values()) {
    const stages: Record<string, number> = {};
    const versions = state.mlflow.versions.get(String(m.name)) ?? [];
    for (const v of versions) stages[String(v.current_stage)] = (stages[String(v.current_stage)] ?? 0) + 1;
    out.push({
      kind: "mlflow-model",
      id: String(m.id),
      skipIds: [String(m.id), String(m.name)],
      fields: { name: m.name, description: m.description },
      tags: tagSet(m.tags),
      count: versions.length,
      stages,
    });
  }
  return out;
}

/** What the exported descriptor lost or changed against the truth (empty: it is right). */
export function mlflowDifferences(t: MlflowTruth, d: Obj): string[] {
  const out: string[] = [];
  const settings = (d.settings ?? {}) as Obj;
  for (const [k, v] of Object.entries(t.fields))
    if (v !== undefined && settings[k] !== v)
      out.push(`${k} ${JSON.stringify(settings[k])}, the primary's is ${JSON.stringify(v)}`);
  const tags = tagSet(settings.tags);
  if (JSON.stringify(tags) !== JSON.stringify(t.tags))
    out.push(`tags ${tags.join(", ")}; the primary's are ${t.tags.join(", ")}`);
  const data = (d.data ?? {}) as Obj;
  const counted = Number(t.kind === "mlflow-experiment" ? data.runs : data.versions);
  const what = t.kind === "mlflow-experiment" ? "runs" : "versions";
  if (data.complete === true ? counted !== t.count : !(counted <= t.count))
    out.push(`${counted} ${what} counted, the primary has ${t.count}`);
  if (
    t.stages &&
    data.complete === true &&
    JSON.stringify(sorted(data.stages)) !== JSON.stringify(sorted(t.stages))
  )
    out.push(`versions per stage ${JSON.stringify(data.stages)}, the primary's ${JSON.stringify(t.stages)}`);
  return out;
}

const sorted = (o: unknown) =>
  Object.entries((o ?? {}) as Record<string, number>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
