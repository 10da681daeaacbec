import { invalid } from "../errors";
import {
  boolParam,
  decodeToken,
  encodeToken,
  intParam,
  ok,
  param,
  Reply,
  RequestContext,
  requireParam,
} from "../http";
import { Router } from "../router";
import { Obj } from "../state/types";
import { AclEntry, WorkspaceState } from "../state/workspace-state";
import { clone, creatorEntry, serveObject } from "./util";

export const JOBS_MAX_LIMIT = 100;
export const JOBS_DEFAULT_LIMIT = 20;
/** jobs 2.2 get: tasks, job_clusters, environments and parameters come at most this many per page. */
export const JOB_ARRAY_PAGE = 100;
const PAGED_ARRAYS = ["tasks", "job_clusters", "environments", "parameters"];

export function jobNotFound(id: string | number) {
  return invalid(`Job ${id} does not exist.`);
}

function jobIdParam(ctx: RequestContext): number {
  const raw = requireParam(ctx, "job_id");
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw invalid(`Invalid job_id: ${raw}`);
  return id;
}

function getJob(state: WorkspaceState, id: number): Obj {
  const j = state.jobs.get(id);
  if (!j) throw jobNotFound(id);
  return j;
}

/** Validates settings the way jobs/create and reset do: task keys, dependencies, cluster references. */
function validateSettings(state: WorkspaceState, s: Obj): void {
  if (s.tasks !== undefined && !Array.isArray(s.tasks)) throw invalid("tasks must be an array");
  const tasks: Obj[] = s.tasks ?? [];
  if (tasks.length > 1000) throw invalid("A job can have at most 1000 tasks.");
  const keys = new Set<string>();
  for (const t of tasks) {
    if (!t.task_key) throw invalid("Missing required field: task_key");
    if (keys.has(t.task_key)) throw invalid(`Task key ${t.task_key} is not unique.`);
    keys.add(t.task_key);
  }
  const jcKeys = new Set(((s.job_clusters as Obj[]) ?? []).map((c) => c.job_cluster_key));
  for (const t of tasks) {
    for (const d of (t.depends_on as Obj[]) ?? [])
      if (!keys.has(d.task_key))
        throw invalid(`Task ${t.task_key} depends on ${d.task_key}, which does not exist.`);
    if (t.existing_cluster_id && !state.clusters.has(String(t.existing_cluster_id)))
      throw invalid(`Cluster ${t.existing_cluster_id} does not exist`);
    if (t.job_cluster_key && !jcKeys.has(t.job_cluster_key))
      throw invalid(`Shared job cluster ${t.job_cluster_key} does not exist in the job settings.`);
  }
  for (const trig of ["schedule", "continuous", "trigger"]) {
    const ps = s[trig]?.pause_status;
    if (ps !== undefined && ps !== "PAUSED" && ps !== "UNPAUSED")
      throw invalid(`Invalid pause_status: ${ps}`);
  }
  if (s.schedule && !s.schedule.quartz_cron_expression)
    throw invalid("Missing required field: quartz_cron_expression");
}

/** Settings as the service stores them: its defaults filled in. */
function withDefaults(s: Obj, format = "MULTI_TASK"): Obj {
  return {
    name: "Untitled",
    email_notifications: {},
    webhook_notifications: {},
    timeout_seconds: 0,
    max_concurrent_runs: 1,
    ...s,
    format,
  };
}

/** Jobs 2.0 create takes the single-task form (task fields at the top of the settings). */
const SINGLE_TASK_FIELDS = [
  "notebook_task",
  "spark_jar_task",
  "spark_python_task",
  "spark_submit_task",
  "pipeline_task",
  "python_wheel_task",
];

/** jobs/create: the caller owns the job. */
export function createJob(
  state: WorkspaceState,
  settings: Obj,
  opts: { id?: number; creator?: string; created?: number; format?: "SINGLE_TASK" | "MULTI_TASK" } = {},
): Obj {
  const { access_control_list: acl, ...s } = settings;
  validateSettings(state, s);
  if (s.existing_cluster_id && !state.clusters.has(String(s.existing_cluster_id)))
    throw invalid(`Cluster ${s.existing_cluster_id} does not exist`);
  const id = opts.id ?? state.jobId();
  const creator = opts.creator ?? state.currentUser;
  const job: Obj = {
    job_id: id,
    creator_user_name: creator,
    run_as_user_name: s.run_as?.user_name ?? s.run_as?.service_principal_name ?? creator,
    run_as_owner: !s.run_as,
    settings: withDefaults(s, opts.format),
    created_time: opts.created ?? Date.now(),
  };
  state.jobs.set(id, job);
  state.dropVerbatimList("jobs");
  const own = [creatorEntry(state, creator, "IS_OWNER")];
  if (Array.isArray(acl)) own.push(...(acl as AclEntry[]));
  state.acls.set(`jobs/${id}`, own);
  return job;
}

function listEntry(job: Obj, expand: boolean): Obj {
  if (expand || !job.settings) return job;
  const { tasks: _t, job_clusters: _c, ...settings } = job.settings as Obj;
  return { ...job, settings };
}

function listJobs(ctx: RequestContext): Reply {
  const { state } = ctx;
  const limitRaw = intParam(ctx, "limit");
  if (limitRaw !== undefined && (limitRaw < 0 || limitRaw > JOBS_MAX_LIMIT))
    throw invalid(`The limit must be between 0 and ${JOBS_MAX_LIMIT}, got ${limitRaw}.`);
  const limit = limitRaw || JOBS_DEFAULT_LIMIT;
  const expand = boolParam(ctx, "expand_tasks");
  const name = param(ctx, "name");
  const token = param(ctx, "page_token");
  const offset = token ? decodeToken(token) : (intParam(ctx, "offset") ?? 0);
  const verbatim = state.verbatimLists.get("jobs");
  let all: Obj[] = verbatim ? verbatim.items : [...state.jobs.values()].sort((a, b) => a.job_id - b.job_id);
  if (name) all = all.filter((j) => String(j.settings?.name ?? "").toLowerCase() === name.toLowerCase());
  if (verbatim && !name && offset === 0 && all.length <= limit) return { status: 200, raw: verbatim.raw };
  const slice = all.slice(offset, offset + limit);
  const hasMore = offset + limit < all.length;
  const body: Obj = {};
  if (slice.length) body.jobs = slice.map((j) => listEntry(j, expand));
  body.has_more = hasMore;
  if (hasMore) body.next_page_token = encodeToken(offset + limit);
  if (offset > 0) body.prev_page_token = encodeToken(Math.max(0, offset - limit));
  return ok(body);
}

/**
 * Jobs 2.0 list: every job in one answer unless the caller pages with `offset`/`limit` (then `has_more`,
 * no page tokens). The legacy databricks-cli sends neither and shows what one call returns.
 */
export const JOBS20_MAX_LIMIT = 25;
function listJobs20(ctx: RequestContext): Reply {
  const { state } = ctx;
  const limit = intParam(ctx, "limit");
  const offset = intParam(ctx, "offset") ?? 0;
  if (limit !== undefined && (limit < 1 || limit > JOBS20_MAX_LIMIT))
    throw invalid(`The limit must be between 1 and ${JOBS20_MAX_LIMIT}, got ${limit}.`);
  if (offset < 0) throw invalid(`Invalid offset: ${offset}`);
  const verbatim = state.verbatimLists.get("jobs");
  const all: Obj[] = verbatim ? verbatim.items : [...state.jobs.values()].sort((a, b) => a.job_id - b.job_id);
  if (verbatim && limit === undefined && offset === 0) return { status: 200, raw: verbatim.raw };
  const slice = limit === undefined ? all.slice(offset) : all.slice(offset, offset + limit);
  const body: Obj = {};
  if (slice.length) body.jobs = slice;
  body.has_more = offset + slice.length < all.length;
  return ok(body);
}

/** jobs 2.2 get: the arrays beyond 100 entries come in pages; the client merges them. */
function getJob22(ctx: RequestContext): Reply {
  const { state } = ctx;
  const job = getJob(state, jobIdParam(ctx));
  const token = param(ctx, "page_token");
  const pageNo = token ? decodeToken(token, "p") : 0;
  const s = (job.settings ?? {}) as Obj;
  const longest = Math.max(0, ...PAGED_ARRAYS.map((k) => (Array.isArray(s[k]) ? s[k].length : 0)));
  if (longest <= JOB_ARRAY_PAGE && pageNo === 0) return serveObject(state, job);
  const settings: Obj = { ...s };
  for (const k of PAGED_ARRAYS)
    if (Array.isArray(s[k])) {
      const slice = s[k].slice(pageNo * JOB_ARRAY_PAGE, (pageNo + 1) * JOB_ARRAY_PAGE);
      if (slice.length) settings[k] = slice;
      else delete settings[k];
    }
  const body: Obj = { ...job, settings };
  const more = (pageNo + 1) * JOB_ARRAY_PAGE < longest;
  body.has_more = more;
  if (more) body.next_page_token = encodeToken(pageNo + 1, "p");
  return ok(body);
}

/** jobs/reset: the settings replaced whole (2.0's single-task form stays SINGLE_TASK). */
/** jobs/delete, 2.0 and 2.1 alike: the job goes with its ACL. */
function deleteJob(ctx: RequestContext): Reply {
  const { state } = ctx;
  const id = jobIdParam(ctx);
  getJob(state, id);
  state.jobs.delete(id);
  state.acls.delete(`jobs/${id}`);
  state.permissionsRaw.delete(`jobs/${id}`);
  state.dropVerbatimList("jobs");
  return ok({});
}

function resetJob(ctx: RequestContext): Reply {
  const { state } = ctx;
  const job = getJob(state, jobIdParam(ctx));
  const ns = ctx.body.new_settings as Obj | undefined;
  if (!ns || typeof ns !== "object") throw invalid("Missing required field: new_settings");
  validateSettings(state, ns);
  state.touch(job);
  const single = !Array.isArray(ns.tasks) && SINGLE_TASK_FIELDS.some((f) => ns[f] !== undefined);
  job.settings = withDefaults(ns, single ? "SINGLE_TASK" : "MULTI_TASK");
  state.dropVerbatimList("jobs");
  return ok({});
}

/** jobs/update: top-level fields replaced, tasks and job_clusters merged by key, fields_to_remove dropped. */
function updateSettings(cur: Obj, next: Obj, remove: string[]): Obj {
  const out: Obj = clone(cur);
  for (const [k, v] of Object.entries(next)) {
    if ((k === "tasks" || k === "job_clusters") && Array.isArray(v)) {
      const key = k === "tasks" ? "task_key" : "job_cluster_key";
      const merged: Obj[] = Array.isArray(out[k]) ? out[k] : [];
      for (const item of v as Obj[]) {
        const i = merged.findIndex((m) => m[key] === item[key]);
        if (i >= 0) merged[i] = item;
        else merged.push(item);
      }
      out[k] = merged;
    } else out[k] = v;
  }
  for (const f of remove) {
    const [head, sub] = f.split("/");
    if (sub === undefined) delete out[head];
    else if (Array.isArray(out[head])) {
      const key = head === "tasks" ? "task_key" : "job_cluster_key";
      out[head] = (out[head] as Obj[]).filter((x) => x[key] !== sub);
    }
  }
  return out;
}

export function registerJobs(r: Router): void {
  for (const v of ["2.1", "2.2"]) {
    const base = `/api/${v}/jobs`;
    r.get(`${base}/list`, listJobs);
    r.get(`${base}/get`, (ctx) =>
      v === "2.2" ? getJob22(ctx) : serveObject(ctx.state, getJob(ctx.state, jobIdParam(ctx))),
    );
    r.post(`${base}/create`, (ctx) => ok({ job_id: createJob(ctx.state, ctx.body).job_id }));
    r.post(`${base}/reset`, resetJob);
    r.post(`${base}/update`, (ctx) => {
      const { state } = ctx;
      const job = getJob(state, jobIdParam(ctx));
      const next = updateSettings(
        job.settings ?? {},
        (ctx.body.new_settings as Obj) ?? {},
        (ctx.body.fields_to_remove as string[]) ?? [],
      );
      validateSettings(state, next);
      state.touch(job);
      job.settings = next;
      state.dropVerbatimList("jobs");
      return ok({});
    });
    r.post(`${base}/delete`, deleteJob);
  }
  // Jobs 2.0, as the legacy databricks-cli calls it.
  r.get("/api/2.0/jobs/list", listJobs20);
  r.get("/api/2.0/jobs/get", (ctx) => serveObject(ctx.state, getJob(ctx.state, jobIdParam(ctx))));
  r.post("/api/2.0/jobs/create", (ctx) => {
    const single =
      !Array.isArray(ctx.body.tasks) && SINGLE_TASK_FIELDS.some((f) => ctx.body[f] !== undefined);
    const job = createJob(ctx.state, ctx.body, { format: single ? "SINGLE_TASK" : "MULTI_TASK" });
    return ok({ job_id: job.job_id });
  });
  r.post("/api/2.0/jobs/reset", resetJob);
  r.post("/api/2.0/jobs/delete", deleteJob);
}
