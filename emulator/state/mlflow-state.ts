import { Obj } from "./types";

/**
 * The workspace's MLflow tracking server and model registry (the workspace registry, not Unity Catalog's),
 * kept in the REST API's own shapes: experiments as `experiments/get` answers `experiment`, runs as
 * `runs/search` answers a run, registered models as `registered-models/get` answers `registered_model`
 * (plus the Databricks workspace `id` the databricks/registered-models/get variant adds), model versions
 * as `model-versions/search` answers them.
 */
export class MlflowState {
  /** By experiment_id; a deleted experiment stays (lifecycle_stage "deleted") and keeps its name taken. */
  readonly experiments = new Map<string, Obj>();
  /** experiment_id → its runs, oldest first. */
  readonly runs = new Map<string, Obj[]>();
  /** By model name (the registry's key); `id` is the workspace id the permissions API takes. */
  readonly models = new Map<string, Obj>();
  /** Model name → its versions, oldest first. */
  readonly versions = new Map<string, Obj[]>();
  private nextExperiment = 3_152_391_574_400_000;

  /** Experiment ids are decimal strings, as the service assigns them. */
  experimentId(): string {
    while (this.experiments.has(String(this.nextExperiment))) this.nextExperiment++;
    return String(this.nextExperiment++);
  }

  experimentByName(name: string): Obj | undefined {
    for (const e of this.experiments.values()) if (e.name === name) return e;
    return undefined;
  }

  modelById(id: string): Obj | undefined {
    for (const m of this.models.values()) if (m.id === id) return m;
    return undefined;
  }
}
