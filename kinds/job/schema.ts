import { z } from "zod";
import { ApiObject, apiShape, pauseStatus, Ref } from "../common";
import type { JobTaskReference } from "../define";
import { jobSettingsSchema } from "./settings-schema";
import {
  clusterSpecReferences,
  fileReference,
  libraryReferences,
  stripWorkspacePrefix,
} from "../cluster-refs";

/** The triggers that carry a pause_status in job settings. */
export const PAUSABLE_TRIGGERS = ["schedule", "continuous", "trigger"] as const;
export type PausableTrigger = (typeof PAUSABLE_TRIGGERS)[number];

export const jobSchema = z.object({
  /** The primary's job_id, as a string: the stack maps it to the secondary's. */
  id: z.string().regex(/^\d+$/, "must be a numeric job id"),
  name: z.string(),
  /**
   * Job settings as jobs/get returns them (tasks, job_clusters merged across pages), read-only fields
   * stripped; checked against the Jobs API's documented types, unknown fields kept.
   */
  settings: apiShape(jobSettingsSchema),
  /** Pause state per trigger in the primary: the secondary gets it back on activation. */
  originalPause: z.object({
    schedule: pauseStatus.optional(),
    continuous: pauseStatus.optional(),
    trigger: pauseStatus.optional(),
  }),
  /** run_as as the primary reported it (read-only there, settable on create). */
  runAs: z
    .object({ userName: z.string().optional(), servicePrincipalName: z.string().optional() })
    .optional(),
});
export type JobDescriptor = z.infer<typeof jobSchema>;

const arr = (v: unknown): ApiObject[] => (Array.isArray(v) ? (v as ApiObject[]) : []);
const obj = (v: unknown): ApiObject | undefined =>
  v && typeof v === "object" ? (v as ApiObject) : undefined;

/**
 * Every reference in the job. `taskRefs`: the task fields other kinds' contracts name (jobTaskReferences:
 * pipeline_task.pipeline_id, sql_task.query.query_id, ...), derived in kinds/registry.ts (JOB_TASK_REFERENCES);
 * KINDS.job.references passes them.
 */
export function jobReferences(j: JobDescriptor, taskRefs: readonly JobTaskReference[]): Ref[] {
  const s = j.settings;
  const refs: Ref[] = [];
  const gitBacked = !!obj(s.git_source);
  arr(s.job_clusters).forEach((jc, i) =>
    refs.push(...clusterSpecReferences(obj(jc.new_cluster), `settings.job_clusters[${i}].new_cluster`)),
  );
  // A legacy single-task job (settings holding the task itself) is read as a job with one task.
  if (Array.isArray(s.tasks))
    arr(s.tasks).forEach((t, i) =>
      refs.push(...taskReferences(t, `settings.tasks[${i}]`, gitBacked, taskRefs)),
    );
  else refs.push(...taskReferences(s, "settings", gitBacked, taskRefs));
  if (j.runAs?.userName) refs.push({ kind: "user", id: j.runAs.userName, field: "runAs.userName" });
  if (j.runAs?.servicePrincipalName)
    refs.push({
      kind: "service-principal",
      id: j.runAs.servicePrincipalName,
      field: "runAs.servicePrincipalName",
    });
  return refs;
}

/** What one task names: its cluster, libraries, notebook, files, warehouse, the job it runs; for_each inner tasks too. */
function taskReferences(
  t: ApiObject,
  at: string,
  gitBacked: boolean,
  taskRefs: readonly JobTaskReference[],
): Ref[] {
  const refs: Ref[] = [];
  if (typeof t.existing_cluster_id === "string")
    refs.push({ kind: "cluster", id: t.existing_cluster_id, field: `${at}.existing_cluster_id` });
  refs.push(...clusterSpecReferences(obj(t.new_cluster), `${at}.new_cluster`));
  refs.push(...libraryReferences(t.libraries, `${at}.libraries`));
  const nb = obj(t.notebook_task);
  const fromGit = gitBacked && nb?.source !== "WORKSPACE";
  if (nb && typeof nb.notebook_path === "string" && !fromGit && nb.notebook_path.startsWith("/"))
    refs.push({
      kind: "notebook",
      id: stripWorkspacePrefix(nb.notebook_path),
      field: `${at}.notebook_task.notebook_path`,
    });
  const py = obj(t.spark_python_task);
  if (py && typeof py.python_file === "string") {
    const r = fileReference(py.python_file, `${at}.spark_python_task.python_file`);
    if (r) refs.push(r);
  }
  for (const k of ["sql_task", "notebook_task", "dbt_task", "dashboard_task"]) {
    const w = obj(t[k])?.warehouse_id;
    if (typeof w === "string" && w !== "")
      refs.push({ kind: "sql-warehouse", id: w, field: `${at}.${k}.warehouse_id` });
  }
  const sqlFile = obj(obj(t.sql_task)?.file);
  if (
    sqlFile &&
    typeof sqlFile.path === "string" &&
    sqlFile.source !== "GIT" &&
    !(gitBacked && sqlFile.source === undefined)
  ) {
    const p = sqlFile.path.startsWith("/Workspace") ? sqlFile.path : `/Workspace${sqlFile.path}`;
    const r = fileReference(p, `${at}.sql_task.file.path`);
    if (r) refs.push(r);
  }
  // The objects other kinds own (a pipeline, a query, an alert, a dashboard): their contracts name the field.
  for (const r of taskRefs) {
    const id = r.path.split(".").reduce<unknown>((v, k) => obj(v)?.[k], t);
    if (typeof id === "string") refs.push({ kind: r.kind, id, field: `${at}.${r.path}` });
  }
  const run = obj(t.run_job_task);
  if (run && run.job_id !== undefined)
    refs.push({ kind: "job", id: String(run.job_id), field: `${at}.run_job_task.job_id` });
  const inner = obj(obj(t.for_each_task)?.task);
  if (inner) refs.push(...taskReferences(inner, `${at}.for_each_task.task`, gitBacked, taskRefs));
  return refs;
}

/** Reads the pause state of each trigger the settings carry (absent pause_status means UNPAUSED, as in the API). */
export function pauseStatesOf(settings: ApiObject): JobDescriptor["originalPause"] {
  const out: JobDescriptor["originalPause"] = {};
  for (const t of PAUSABLE_TRIGGERS) {
    const v = obj(settings[t]);
    if (!v) continue;
    out[t] = v.pause_status === "PAUSED" ? "PAUSED" : "UNPAUSED";
  }
  return out;
}
