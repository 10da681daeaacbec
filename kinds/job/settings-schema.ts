import { z } from "zod";
import { pauseStatus } from "../common";
import { clusterSpecSchema, librarySchema, stringMap } from "../compute-specs";

/**
 * Job settings as the Jobs API 2.1 documents them (`jobs/create`, `JobSettings` and `Task`): every field the
 * stack, verify or the report reads is type-checked (`tasks: "notalist"` is refused at the snapshot read,
 * naming the field); fields not listed are kept as they are (loose objects).
 */

const str = z.string();
const int = z.number().int();
const count = z.number().int().nonnegative();
const strings = z.array(z.string());
const loose = z.looseObject({});
/** An int64 job id: a JSON number, or its digits as a string (how int64 travels in some JSON). */
const jobId = z.union([int, z.string().regex(/^\d+$/, "must be a numeric job id")]);

const notifications = z.looseObject({
  on_start: strings.optional(),
  on_success: strings.optional(),
  on_failure: strings.optional(),
  on_duration_warning_threshold_exceeded: strings.optional(),
  on_streaming_backlog_exceeded: strings.optional(),
  no_alert_for_skipped_runs: z.boolean().optional(),
});
const webhooks = z.looseObject({
  on_start: z.array(z.looseObject({ id: str })).optional(),
  on_success: z.array(z.looseObject({ id: str })).optional(),
  on_failure: z.array(z.looseObject({ id: str })).optional(),
});
const sourceEnum = z.enum(["WORKSPACE", "GIT"]);

/** What one task (or a legacy single-task job's settings) runs, and on what. */
const taskFields = {
  description: str.optional(),
  depends_on: z.array(z.looseObject({ task_key: str, outcome: str.optional() })).optional(),
  run_if: str.optional(),
  existing_cluster_id: str.optional(),
  job_cluster_key: str.optional(),
  new_cluster: clusterSpecSchema.optional(),
  environment_key: str.optional(),
  libraries: z.array(librarySchema).optional(),
  notebook_task: z
    .looseObject({
      notebook_path: str,
      source: sourceEnum.optional(),
      base_parameters: stringMap.optional(),
      warehouse_id: str.optional(),
    })
    .optional(),
  spark_python_task: z
    .looseObject({ python_file: str, parameters: strings.optional(), source: sourceEnum.optional() })
    .optional(),
  spark_jar_task: z
    .looseObject({ main_class_name: str.optional(), jar_uri: str.optional(), parameters: strings.optional() })
    .optional(),
  spark_submit_task: z.looseObject({ parameters: strings.optional() }).optional(),
  python_wheel_task: z
    .looseObject({
      package_name: str,
      entry_point: str,
      parameters: strings.optional(),
      named_parameters: stringMap.optional(),
    })
    .optional(),
  sql_task: z
    .looseObject({
      warehouse_id: str,
      query: z.looseObject({ query_id: str }).optional(),
      dashboard: z.looseObject({ dashboard_id: str }).optional(),
      alert: z.looseObject({ alert_id: str }).optional(),
      file: z.looseObject({ path: str, source: sourceEnum.optional() }).optional(),
      parameters: stringMap.optional(),
    })
    .optional(),
  dbt_task: z
    .looseObject({ commands: strings, warehouse_id: str.optional(), source: sourceEnum.optional() })
    .optional(),
  // Jobs API DashboardTask: an AI/BI dashboard refreshed on a warehouse, optionally sent to subscribers.
  dashboard_task: z
    .looseObject({
      dashboard_id: str,
      warehouse_id: str.optional(),
      subscription: z
        .looseObject({
          paused: z.boolean().optional(),
          subscribers: z
            .array(z.looseObject({ user_name: str.optional(), destination_id: str.optional() }))
            .optional(),
        })
        .optional(),
    })
    .optional(),
  pipeline_task: z.looseObject({ pipeline_id: str, full_refresh: z.boolean().optional() }).optional(),
  run_job_task: z.looseObject({ job_id: jobId, job_parameters: stringMap.optional() }).optional(),
  condition_task: z.looseObject({ op: str, left: str, right: str }).optional(),
  max_retries: int.optional(),
  min_retry_interval_millis: count.optional(),
  retry_on_timeout: z.boolean().optional(),
  timeout_seconds: count.optional(),
  email_notifications: notifications.optional(),
  webhook_notifications: webhooks.optional(),
  notification_settings: loose.optional(),
  disable_auto_optimization: z.boolean().optional(),
};

export interface TaskShape {
  task_key: string;
  for_each_task?: { inputs: string; task: TaskShape; concurrency?: number; [k: string]: unknown };
  [k: string]: unknown;
}

export const taskSchema: z.ZodType<TaskShape> = z.lazy(() =>
  z.looseObject({
    task_key: str,
    ...taskFields,
    for_each_task: z.looseObject({ inputs: str, task: taskSchema, concurrency: count.optional() }).optional(),
  }),
) as z.ZodType<TaskShape>;

const trigger = z.looseObject({ pause_status: pauseStatus.optional() });

/** `JobSettings`; a legacy (Jobs API 2.0) single-task job holds its task's fields at the top. */
export const jobSettingsSchema = z.looseObject({
  ...taskFields,
  name: str.optional(),
  tasks: z.array(taskSchema).optional(),
  job_clusters: z.array(z.looseObject({ job_cluster_key: str, new_cluster: clusterSpecSchema })).optional(),
  schedule: trigger.extend({ quartz_cron_expression: str, timezone_id: str }).optional(),
  continuous: trigger.optional(),
  trigger: trigger.optional(),
  max_concurrent_runs: count.optional(),
  tags: stringMap.optional(),
  parameters: z.array(z.looseObject({ name: str, default: str })).optional(),
  git_source: z.looseObject({ git_url: str, git_provider: str }).optional(),
  environments: z.array(z.looseObject({ environment_key: str, spec: loose.optional() })).optional(),
  queue: z.looseObject({ enabled: z.boolean() }).optional(),
  format: str.optional(),
  run_as: loose.optional(),
});
