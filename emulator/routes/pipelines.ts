import { invalid, notFound } from "../errors";
import { empty, intParam, ok, param, RequestContext } from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { clone, creatorEntry, page, serveObject } from "./util";

/** Pipelines API `GET /api/2.0/pipelines`: max_results defaults to 25, at most 100 (more is an error). */
export const PIPELINES_DEFAULT_PAGE = 25;
export const PIPELINES_MAX_PAGE = 100;

/** Settings the service sets itself: never taken from a create or edit body. */
const REQUEST_ONLY = ["allow_duplicate_names", "dry_run", "expected_last_modified", "pipeline_id", "run_as"];

function listPipelines(ctx: RequestContext) {
  const max = intParam(ctx, "max_results");
  if (max !== undefined && (max < 1 || max > PIPELINES_MAX_PAGE))
    throw invalid(`max_results must be between 1 and ${PIPELINES_MAX_PAGE}, got ${max}.`);
  const all = [...ctx.state.pipelines.values()].sort(
    (a, b) =>
      String(a.name).localeCompare(String(b.name)) ||
      String(a.pipeline_id).localeCompare(String(b.pipeline_id)),
  );
  const token = param(ctx, "page_token");
  const p = page(all, token, max ?? PIPELINES_DEFAULT_PAGE);
  const body: Obj = {};
  if (p.items.length)
    body.statuses = p.items.map((x) => ({
      pipeline_id: x.pipeline_id,
      name: x.name,
      state: x.state,
      cluster_id: x.cluster_id,
      creator_user_name: x.creator_user_name,
      run_as_user_name: x.run_as_user_name,
      latest_updates: x.latest_updates,
    }));
  if (p.next) body.next_page_token = p.next;
  if (token) body.prev_page_token = token;
  return ok(body);
}

function specOf(body: Obj, id: string): Obj {
  const spec = clone(body);
  for (const k of REQUEST_ONLY) delete spec[k];
  if (typeof spec.name !== "string" || spec.name === "") throw invalid("Pipeline name must be specified.");
  if (spec.target !== undefined && spec.schema !== undefined)
    throw invalid("Only one of target and schema may be specified.");
  return { ...spec, id };
}

function checkName(state: WorkspaceState, body: Obj, id?: string): void {
  if (body.allow_duplicate_names === true) return;
  for (const p of state.pipelines.values())
    if (p.pipeline_id !== id && p.name === body.name)
      throw invalid(
        `Pipeline with name '${String(body.name)}' already exists (pipeline id ${p.pipeline_id}).`,
      );
}

/**
 * A continuous pipeline that is not in development mode starts an update as soon as it is created or
 * edited (the service keeps it running); a triggered one waits for a start.
 */
function runState(state: WorkspaceState, p: Obj, spec: Obj): void {
  if (spec.continuous === true) {
    p.state = "RUNNING";
    p.latest_updates = [{ update_id: `u-${String(p.pipeline_id)}-${state.now()}`, state: "RUNNING" }];
  } else if (p.state === "RUNNING") p.state = "IDLE";
  else p.state ??= "IDLE";
}

/** DLT pipelines: list (paged), get, create, edit, delete. */
export function registerPipelines(r: Router): void {
  r.get("/api/2.0/pipelines", listPipelines);
  r.post("/api/2.0/pipelines", (ctx) => {
    const { state } = ctx;
    checkName(state, ctx.body);
    const id = [8, 4, 4, 4, 12].map((n) => state.hexId(n)).join("-");
    const spec = specOf(ctx.body, id);
    const runAs = ctx.body.run_as as Obj | undefined;
    const p: Obj = {
      pipeline_id: id,
      name: spec.name,
      creator_user_name: state.currentUser,
      run_as_user_name: runAs?.user_name ?? runAs?.service_principal_name ?? state.currentUser,
      last_modified: state.now(),
      latest_updates: [],
      spec,
    };
    runState(state, p, spec);
    if (ctx.body.dry_run !== true) {
      state.pipelines.set(id, p);
      state.acls.set(`pipelines/${id}`, [creatorEntry(state, state.currentUser, "IS_OWNER")]);
    }
    return ok({ pipeline_id: id, effective_settings: spec });
  });
  r.get("/api/2.0/pipelines/{id}", (ctx) => {
    const p = ctx.state.pipelines.get(ctx.params.id);
    if (!p) throw notFound(`Pipeline ${ctx.params.id} does not exist.`);
    return serveObject(ctx.state, p);
  });
  r.put("/api/2.0/pipelines/{id}", (ctx) => {
    const { state } = ctx;
    const p = state.pipelines.get(ctx.params.id);
    if (!p) throw notFound(`Pipeline ${ctx.params.id} does not exist.`);
    checkName(state, ctx.body, ctx.params.id);
    const spec = specOf(ctx.body, ctx.params.id);
    state.touch(p);
    p.spec = spec;
    p.name = spec.name;
    p.last_modified = state.now();
    const runAs = ctx.body.run_as as Obj | undefined;
    if (runAs) p.run_as_user_name = runAs.user_name ?? runAs.service_principal_name;
    runState(state, p, spec);
    return empty();
  });
  r.delete("/api/2.0/pipelines/{id}", (ctx) => {
    if (!ctx.state.pipelines.delete(ctx.params.id))
      throw notFound(`Pipeline ${ctx.params.id} does not exist.`);
    ctx.state.acls.delete(`pipelines/${ctx.params.id}`);
    return empty();
  });
  r.get("/api/2.0/instance-profiles/list", (ctx) => {
    const v = ctx.state.verbatimLists.get("instance-profiles");
    if (v) return { status: 200, raw: v.raw };
    const list = ctx.state.instanceProfiles;
    return ok(list.length ? { instance_profiles: list } : {});
  });
}
