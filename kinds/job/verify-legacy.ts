/**
 * A legacy single-task job (Jobs API 2.0: the task's fields at the top of the settings, no `tasks`) seen as
 * Jobs API 2.1 reports it: one task named "main", as written here from the Jobs API's
 * description of the 2.0 -> 2.1 change, not taken from the stack, so verify does not judge the stack's
 * normalization with the stack's own code.
 */
type Obj = Record<string, unknown>;

/** Settings of a 2.0 job that belong to its one task in 2.1. */
const TASK_FIELDS = new Set([
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
]);

export function asMultiTaskJob(settings: Obj): Obj {
  if (Array.isArray(settings.tasks) || !Object.keys(settings).some((k) => TASK_FIELDS.has(k)))
    return settings;
  const task: Obj = { task_key: "main" };
  const rest: Obj = {};
  for (const [k, v] of Object.entries(settings)) (TASK_FIELDS.has(k) ? task : rest)[k] = v;
  return { ...rest, tasks: [task] };
}
