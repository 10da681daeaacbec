import type { Snapshot } from "../snapshot/reader";

/**
 * MLflow data the stack does not copy: an experiment's runs (metrics, parameters, artifacts) and a registered
 * model's versions (their files are run artifacts). Read from the snapshot's descriptors, where the export
 * counted them; the remedy is the MLflow export-import tool.
 */
export interface MlflowDataRow {
  kind: "experiment" | "model";
  name: string;
  /** Runs or versions; a lower bound when `atLeast`. */
  count: number;
  atLeast: boolean;
  remedy: string;
}

export interface MlflowDataView {
  rows: MlflowDataRow[];
  runs: number;
  versions: number;
}

const TOOL = "the MLflow export-import tool (github.com/mlflow/mlflow-export-import)";
const RUNS_REMEDY = `export-experiment, then import-experiment into the secondary's experiment (${TOOL})`;
const VERSIONS_REMEDY = `export-model, then import-model after the runs they come from (${TOOL})`;

export function mlflowDataView(snap: Snapshot): MlflowDataView {
  const rows: MlflowDataRow[] = [
    ...snap.descriptors["mlflow-experiment"]
      .filter((d) => d.data.runs > 0 || !d.data.complete)
      .map((d) => ({
        kind: "experiment" as const,
        name: d.name,
        count: d.data.runs,
        atLeast: !d.data.complete,
        remedy: RUNS_REMEDY,
      })),
    ...snap.descriptors["mlflow-model"]
      .filter((d) => d.data.versions > 0 || !d.data.complete)
      .map((d) => ({
        kind: "model" as const,
        name: d.name,
        count: d.data.versions,
        atLeast: !d.data.complete,
        remedy: VERSIONS_REMEDY,
      })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sum = (k: MlflowDataRow["kind"]) => rows.filter((r) => r.kind === k).reduce((n, r) => n + r.count, 0);
  return { rows, runs: sum("experiment"), versions: sum("model") };
}

/** A readiness check (report/model.ts `Check`), spelled out here: model.ts imports this file. */
export interface MlflowDataCheck {
  name: string;
  level: "warn";
  detail: string;
  todo: string;
}

export function mlflowDataCheck(v: MlflowDataView): MlflowDataCheck[] {
  if (!v.rows.length) return [];
  const more = v.rows.some((r) => r.atLeast) ? " at least" : "";
  return [
    {
      name: "MLflow data",
      level: "warn",
      detail: `${v.rows.filter((r) => r.kind === "experiment").length} experiment(s) hold${more} ${v.runs} run(s) and ${v.rows.filter((r) => r.kind === "model").length} registered model(s) ${v.versions} version(s) the stack does not copy: see "MLflow data to replicate".`,
      todo: "copy the runs and model versions with the MLflow export-import tool",
    },
  ];
}
