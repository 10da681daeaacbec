import { ApiObject, Ref } from "../common";
import { JobDescriptor, jobReferences } from "./schema";
import { JOB_TASK_REFERENCES } from "../registry";
import { cloneJson, isPlainObject } from "../../components/mapping/api-args";
import { applyPausePolicy } from "./pause";
import { NO_PORT, PortEnv, portJobSettings } from "../../components/mapping/portability";
import { Mapping, remapReferences, Resolver, skip } from "../../components/mapping/refs";

/** Read-only job fields the API returns; never sent back. */
const READ_ONLY = ["job_id", "created_time", "creator_user_name", "run_as_user_name", "run_as", "format"];

/** Task types of the legacy single-task format (settings without `tasks`). */
const LEGACY_TASK_FIELDS = [
  "notebook_task",
  "spark_jar_task",
  "spark_python_task",
  "spark_submit_task",
  "python_wheel_task",
  "pipeline_task",
  "dbt_task",
  "sql_task",
  "run_job_task",
  "existing_cluster_id",
  "new_cluster",
  "libraries",
  "max_retries",
  "min_retry_interval_millis",
  "retry_on_timeout",
] as const;

/** Legacy single-task settings (jobs API 2.0) become one task, as jobs 2.1 reports them. */
export function normalizeLegacyJob(settings: ApiObject): ApiObject {
  if (Array.isArray(settings.tasks) || !LEGACY_TASK_FIELDS.some((f) => f in settings)) return settings;
  const task: ApiObject = { task_key: "main" };
  const rest: ApiObject = {};
  for (const [k, v] of Object.entries(settings)) {
    if ((LEGACY_TASK_FIELDS as readonly string[]).includes(k)) task[k] = v;
    else rest[k] = v;
  }
  return { ...rest, tasks: [task] };
}

const arr = (v: unknown): ApiObject[] => (Array.isArray(v) ? (v as ApiObject[]) : []);

/**
 * Task fields (Jobs API task types) that name a workspace object by its id. A field some kind's contract
 * claims (jobTaskReferences, kinds/registry.ts JOB_TASK_REFERENCES) is a reference remapped to the
 * secondary's object; one no kind claims names an object that is not replicated, so the job is skipped.
 */
const OBJECT_TASK_FIELDS = [
  { path: "pipeline_task.pipeline_id", what: "pipeline" },
  { path: "sql_task.query.query_id", what: "SQL query" },
  { path: "sql_task.alert.alert_id", what: "SQL alert" },
  { path: "sql_task.dashboard.dashboard_id", what: "SQL dashboard" },
  { path: "dashboard_task.dashboard_id", what: "dashboard" },
] as const;
const UNCLAIMED_TASK_FIELDS = OBJECT_TASK_FIELDS.filter(
  (f) => !JOB_TASK_REFERENCES.some((r) => r.path === f.path),
);

/** Objects a job can name that the stack does not replicate: their ids would be the primary's. */
export function unreplicatedReference(
  settings: ApiObject,
  unclaimed: readonly { path: string; what: string }[] = UNCLAIMED_TASK_FIELDS,
): string | undefined {
  const tasks = arr(settings.tasks).flatMap((t) => {
    const inner = (t.for_each_task as ApiObject | undefined)?.task;
    return isPlainObject(inner) ? [t, inner] : [t];
  });
  for (const t of tasks) {
    const key = String(t.task_key ?? "?");
    for (const f of unclaimed) {
      // The object holding the id (`sql_task.dashboard`, `pipeline_task`) marks the task type.
      const holder = f.path
        .split(".")
        .slice(0, -1)
        .reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), t);
      if (isPlainObject(holder))
        return `task ${key} runs a ${f.what}, and ${f.what}s are not replicated: recreate it, then the job`;
    }
  }
  return undefined;
}

/** Every reference in the job, for remapping and for dependencies. */
export function allJobReferences(d: JobDescriptor): Ref[] {
  const settings = normalizeLegacyJob(d.settings);
  return jobReferences({ ...d, settings }, JOB_TASK_REFERENCES);
}

/**
 * descriptor -> job settings as the Jobs API takes them (snake_case): legacy format normalised, references
 * remapped to the secondary's resources, pause policy applied, read-only fields dropped, webhook
 * destinations (workspace-level ids that are not replicated) removed with a note, run_as from the descriptor.
 */
export function jobSettings(
  d: JobDescriptor,
  opts: { activation: boolean; resolve: Resolver; port?: PortEnv },
): Mapping<ApiObject> {
  const settings = cloneJson(normalizeLegacyJob(d.settings));
  const unrepl = unreplicatedReference(settings);
  if (unrepl) return skip(unrepl);
  const notes: string[] = [];
  const root = { settings };
  const refs = allJobReferences(d).filter((r) => r.field.startsWith("settings."));
  const remap = remapReferences(root, refs, opts.resolve);
  notes.push(...remap.notes);
  if (remap.skip) return skip(remap.skip, notes);
  const unportable = portJobSettings(settings, opts.port ?? NO_PORT, notes);
  if (unportable) return skip(unportable, notes);

  for (const k of READ_ONLY) delete settings[k];
  const stripWebhooks = (o: ApiObject, where: string) => {
    if (o.webhook_notifications && Object.keys(o.webhook_notifications as object).length) {
      delete o.webhook_notifications;
      notes.push(
        `${where}webhook notifications name notification destinations that are not replicated: re-add them`,
      );
    }
  };
  stripWebhooks(settings, "");
  arr(settings.tasks).forEach((t) => stripWebhooks(t, `task ${String(t.task_key)}: `));
  // A dashboard subscription's notification destinations are workspace-level ids that are not replicated.
  arr(settings.tasks).forEach((t) => {
    const sub = (t.dashboard_task as ApiObject | undefined)?.subscription as ApiObject | undefined;
    const subscribers = arr(sub?.subscribers);
    const kept = subscribers.filter((s) => s.destination_id === undefined);
    if (sub && kept.length < subscribers.length) {
      sub.subscribers = kept;
      notes.push(
        `task ${String(t.task_key)}: dashboard subscription destinations are not replicated: re-add them`,
      );
    }
  });
  applyPausePolicy(settings, d.originalPause, opts.activation);
  settings.name = d.name;
  if (d.runAs) {
    const kind = d.runAs.userName ? "user" : "service-principal";
    const id = d.runAs.userName ?? d.runAs.servicePrincipalName!;
    const r = opts.resolve({
      kind,
      id,
      field: d.runAs.userName ? "runAs.userName" : "runAs.servicePrincipalName",
    });
    if ("value" in r)
      settings.run_as = kind === "user" ? { user_name: r.value } : { service_principal_name: r.value };
    else
      notes.push(
        `run_as ${id} is not in the secondary (${r.missing}): the job runs as its owner until fixed`,
      );
  }
  return { ok: true, args: settings, notes };
}
