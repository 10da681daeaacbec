import { parentOf } from "../state/tree";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { LAKEVIEW } from "./lakeview";
import { sqlCollection } from "./sql-objects";

/**
 * Objects that live in a workspace folder but are kept by their own API: AI/BI dashboards
 * (`<name>.lvdash.json`, object_type DASHBOARD, resource_id = the dashboard id, as the workspace-objects
 * reference and its "Manage dashboards with Workspace APIs" tutorial show) and MLflow experiments
 * (MLFLOW_EXPERIMENT in databricks-sdk-go's ObjectInfoObjectType; resource_id = the experiment id).
 * Derived from the dashboards and experiments at each call, so they appear and vanish with them; trashed
 * dashboards and deleted experiments are in the trash, not in their folder.
 */
export function folderAssets(state: WorkspaceState): Obj[] {
  const out: Obj[] = [];
  for (const d of sqlCollection(state, LAKEVIEW).values()) {
    if (d.lifecycle_state === "TRASHED" || typeof d.path !== "string") continue;
    const id = String(d.dashboard_id);
    // A numeric workspace object id of its own (the dashboard id is a 32-hex-digit string).
    out.push({
      object_type: "DASHBOARD",
      path: d.path,
      object_id: parseInt(id.slice(-13), 16),
      resource_id: id,
    });
  }
  for (const e of state.mlflow.experiments.values()) {
    if (e.lifecycle_stage !== "active" || typeof e.name !== "string") continue;
    // A notebook's own experiment is the notebook's, not an object of the folder (it has the notebook's path).
    const tags = Array.isArray(e.tags) ? (e.tags as Obj[]) : [];
    if (tags.some((t) => t.key === "mlflow.experimentType" && t.value === "NOTEBOOK")) continue;
    const id = String(e.experiment_id);
    out.push({ object_type: "MLFLOW_EXPERIMENT", path: e.name, object_id: Number(id), resource_id: id });
  }
  return out;
}

/** The dashboards and experiments directly in `dir`. */
export const assetsIn = (state: WorkspaceState, dir: string): Obj[] =>
  folderAssets(state).filter((o) => parentOf(String(o.path)) === dir);

/** The dashboard or experiment at `path`, if one is there. */
export const assetAt = (state: WorkspaceState, path: string): Obj | undefined =>
  folderAssets(state).find((o) => o.path === path);
