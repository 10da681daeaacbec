import { alreadyExists, invalid, missingParam, notFound } from "../errors";
import { empty, intParam, ok, param, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { registerMlflowModels } from "./mlflow-models";
import { clone, creatorEntry, page } from "./util";

/**
 * MLflow tracking, as the Experiments API reference documents it (docs.databricks.com/api/experiments):
 * experiments/search pages with `max_results` (at most 3000; 1000 when not given, as MLflow's clients
 * send) and `page_token`, answers only active experiments unless `view_type` says otherwise; create refuses
 * a name already taken, a deleted experiment's too, with RESOURCE_ALREADY_EXISTS; get answers
 * RESOURCE_DOES_NOT_EXIST for an unknown id. An experiment's name is a workspace path: its folder must exist.
 * runs/search pages with `max_results` (default 1000, at most 50000).
 */
export const EXPERIMENTS_MAX_PAGE = 3000;
export const EXPERIMENTS_DEFAULT_PAGE = 1000;
export const RUNS_DEFAULT_PAGE = 1000;
export const RUNS_MAX_PAGE = 50_000;

const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"];

function pageSize(ctx: RequestContext, def: number, max: number): number {
  const n = intParam(ctx, "max_results");
  if (n === undefined) return def;
  if (n < 1 || n > max)
    throw invalid(`Invalid value ${n} for parameter 'max_results' supplied (1 to ${max}).`);
  return n;
}

function viewType(ctx: RequestContext, name: string): (e: Obj) => boolean {
  const v = param(ctx, name) ?? "ACTIVE_ONLY";
  if (!VIEW_TYPES.includes(v)) throw invalid(`Invalid value ${v} for parameter '${name}'.`);
  return (e) =>
    v === "ALL" || (v === "ACTIVE_ONLY" ? e.lifecycle_stage === "active" : e.lifecycle_stage === "deleted");
}

export function experimentOf(state: WorkspaceState, id: string | undefined): Obj {
  if (!id) throw missingParam("experiment_id");
  const e = state.mlflow.experiments.get(id);
  if (!e) throw notFound(`No Experiment with id=${id} exists`);
  return e;
}

const parentOf = (path: string) => path.replace(/\/[^/]+\/?$/, "") || "/";
/** Names as the service keeps them: without the `/Workspace` prefix the UI shows. */
const canonical = (name: string) => name.replace(/^\/Workspace(?=\/)/, "");

/** Creates an experiment as experiments/create does (seeds use it too); returns it. */
export function createExperiment(
  state: WorkspaceState,
  body: Obj,
  opts: { creator?: string; time?: number } = {},
): Obj {
  if (typeof body.name !== "string" || body.name === "") throw missingParam("name");
  const name = canonical(body.name);
  if (!name.startsWith("/")) throw invalid(`Experiment name '${name}' must be an absolute workspace path.`);
  if (state.mlflow.experimentByName(name)) throw alreadyExists(`Experiment '${name}' already exists.`);
  const dir = state.tree.get(parentOf(name));
  if (!dir || dir.object_type !== "DIRECTORY")
    throw notFound(`Parent directory ${parentOf(name)} does not exist.`);
  const id = state.mlflow.experimentId();
  const creator = opts.creator ?? state.currentUser;
  const now = opts.time ?? state.now();
  const tags = Array.isArray(body.tags) ? (clone(body.tags) as Obj[]) : [];
  const own = (k: string, v: string) => {
    if (!tags.some((t) => t.key === k)) tags.push({ key: k, value: v });
  };
  own("mlflow.ownerEmail", creator);
  own("mlflow.experimentType", "MLFLOW_EXPERIMENT");
  const e: Obj = {
    experiment_id: id,
    name,
    artifact_location:
      typeof body.artifact_location === "string" && body.artifact_location !== ""
        ? body.artifact_location
        : `dbfs:/databricks/mlflow-tracking/${id}`,
    lifecycle_stage: "active",
    last_update_time: now,
    creation_time: now,
    tags,
  };
  state.mlflow.experiments.set(id, e);
  state.mlflow.runs.set(id, []);
  state.acls.set(`experiments/${id}`, [creatorEntry(state, creator, "CAN_MANAGE")]);
  return e;
}

/** A run of an experiment, as runs/search answers it (info, data); seeds log them. */
export function logRun(state: WorkspaceState, experimentId: string, name: string, time: number): Obj {
  const e = experimentOf(state, experimentId);
  const runId = state.hexId(32);
  const run: Obj = {
    info: {
      run_id: runId,
      run_uuid: runId,
      run_name: name,
      experiment_id: experimentId,
      user_id: state.currentUser,
      status: "FINISHED",
      start_time: time,
      end_time: time + 60_000,
      artifact_uri: `${String(e.artifact_location)}/${runId}/artifacts`,
      lifecycle_stage: "active",
    },
    data: { metrics: [{ key: "rmse", value: 0.5, timestamp: time, step: 0 }], params: [], tags: [] },
  };
  state.mlflow.runs.get(experimentId)!.push(run);
  return run;
}

function searchExperiments(ctx: RequestContext) {
  const size = pageSize(ctx, EXPERIMENTS_DEFAULT_PAGE, EXPERIMENTS_MAX_PAGE);
  const shown = viewType(ctx, "view_type");
  // The reference's default order: last update time, ties by experiment id DESC.
  const all = [...ctx.state.mlflow.experiments.values()]
    .filter(shown)
    .sort(
      (a, b) =>
        Number(b.last_update_time) - Number(a.last_update_time) ||
        String(b.experiment_id).localeCompare(String(a.experiment_id)),
    );
  const p = page(all, param(ctx, "page_token"), size);
  const body: Obj = {};
  if (p.items.length) body.experiments = p.items.map(clone);
  if (p.next) body.next_page_token = p.next;
  return ok(body);
}

function searchRuns(ctx: RequestContext) {
  const size = pageSize(ctx, RUNS_DEFAULT_PAGE, RUNS_MAX_PAGE);
  const ids = ctx.body.experiment_ids;
  if (!Array.isArray(ids)) throw missingParam("experiment_ids");
  const shown = viewType(ctx, "run_view_type");
  const all = ids.flatMap((id) =>
    (ctx.state.mlflow.runs.get(String(id)) ?? []).filter((r) => shown(r.info as Obj)),
  );
  const p = page(all, param(ctx, "page_token"), size);
  const body: Obj = {};
  if (p.items.length) body.runs = p.items.map(clone);
  if (p.next) body.next_page_token = p.next;
  return ok(body);
}

function setStage(ctx: RequestContext, stage: "active" | "deleted") {
  const e = experimentOf(ctx.state, param(ctx, "experiment_id"));
  e.lifecycle_stage = stage;
  e.last_update_time = ctx.state.now();
  return empty();
}

/** Experiments and runs (search, get, create, update, delete, restore, tags); the model registry apart. */
export function registerMlflow(r: Router): void {
  r.post("/api/2.0/mlflow/experiments/search", searchExperiments);
  r.get("/api/2.0/mlflow/experiments/get", (ctx) =>
    ok({ experiment: clone(experimentOf(ctx.state, param(ctx, "experiment_id"))) }),
  );
  r.get("/api/2.0/mlflow/experiments/get-by-name", (ctx) => {
    const name = param(ctx, "experiment_name");
    if (!name) throw missingParam("experiment_name");
    const e = ctx.state.mlflow.experimentByName(canonical(name));
    if (!e) throw notFound(`Could not find experiment with name ${name}`);
    return ok({ experiment: clone(e) });
  });
  r.post("/api/2.0/mlflow/experiments/create", (ctx) => ({
    status: 200,
    body: { experiment_id: createExperiment(ctx.state, ctx.body).experiment_id },
  }));
  r.post("/api/2.0/mlflow/experiments/update", (ctx) => {
    const e = experimentOf(ctx.state, param(ctx, "experiment_id"));
    const next = param(ctx, "new_name");
    if (next !== undefined && canonical(next) !== e.name) {
      if (ctx.state.mlflow.experimentByName(canonical(next)))
        throw alreadyExists(`Experiment '${next}' already exists.`);
      e.name = canonical(next);
    }
    e.last_update_time = ctx.state.now();
    return empty();
  });
  r.post("/api/2.0/mlflow/experiments/delete", (ctx) => setStage(ctx, "deleted"));
  r.post("/api/2.0/mlflow/experiments/restore", (ctx) => setStage(ctx, "active"));
  r.post("/api/2.0/mlflow/experiments/set-experiment-tag", (ctx) => {
    const e = experimentOf(ctx.state, param(ctx, "experiment_id"));
    const key = param(ctx, "key");
    if (!key) throw missingParam("key");
    const tags = (e.tags as Obj[] | undefined) ?? (e.tags = []);
    const t = tags.find((x) => x.key === key);
    if (t) t.value = param(ctx, "value") ?? "";
    else tags.push({ key, value: param(ctx, "value") ?? "" });
    return empty();
  });
  r.post("/api/2.0/mlflow/runs/search", searchRuns);
  registerMlflowModels(r);
}
