import type { KindVerifySpec } from "../../verify/spec";
import type { ExpectedRule } from "../../verify/rules";
import { expectedLocation } from "../../verify/uc-storage";

/** The service writes its own `mlflow.*` tags (owner, type) in each workspace: they differ by design. */
export const serviceTags: ExpectedRule = {
  id: "mlflow-service-tags",
  paths: ["settings.tags[]", "settings.tags[].value"],
  explain(d) {
    const m = /\[key=(mlflow\.[^\]]*)\]/.exec(d.path);
    if (!m || m[1] === "mlflow.note.content") return undefined;
    return `${m[1]} is set by the MLflow service of each workspace`;
  },
};

/**
 * The secondary's artifact location: its own default when the primary's is the workspace default (DBFS root,
 * named by the experiment's id), else the primary's through the storage map verify was given.
 */
export const artifactLocation: ExpectedRule = {
  id: "mlflow-artifact-location",
  paths: ["settings.artifact_location"],
  explain(d, ctx) {
    const p = typeof d.primary === "string" ? d.primary : undefined;
    const s = typeof d.secondary === "string" ? d.secondary : undefined;
    const dflt = (x: string | undefined) =>
      x === undefined || x.startsWith("dbfs:/databricks/mlflow-tracking/");
    if (dflt(p) && dflt(s)) return "the workspace's default artifact store (each workspace its own)";
    if (p && s && ctx.storageMap && expectedLocation(p, ctx.storageMap) === s)
      return "artifact location mapped by databricks-dr:storageMap";
    return undefined;
  },
};

/** Runs are data: the stack never copies them (the report's data to replicate says how). */
export const runsAreData: ExpectedRule = {
  id: "mlflow-runs-are-data",
  paths: ["data.runs", "data.complete"],
  explain: () => "runs are data, copied with the MLflow export-import tool (see data to replicate)",
};

/** Experiments are matched by name, a workspace path (experiment ids are assigned by each workspace). */
export const MLFLOW_EXPERIMENT_VERIFY: KindVerifySpec<"mlflow-experiment"> = {
  naturalKey: (d) => d.name,
  assignedIds: true,
  keyedArrays: { "settings.tags": "key" },
  expected: [serviceTags, artifactLocation, runsAreData],
  // README "MLflow experiments": a notebook's own experiment is made by the notebook, not by the stack.
  missingByDesign: (d) =>
    (d.settings as { tags?: { key?: unknown; value?: unknown }[] }).tags?.some(
      (t) => t.key === "mlflow.experimentType" && t.value === "NOTEBOOK",
    )
      ? "a notebook's own experiment: made by the notebook's first run in the secondary (its runs are data)"
      : undefined,
};
