/**
 * Job batch members (Jobs API settings the batch sends itself) against the provider's declarations for a job:
 * REST fields named back to provider inputs through the declarations and rest-names.ts, planted mistakes
 * (an unknown field at depth, a wrong scalar, a missing required field) caught and named, correct ones pass.
 */
import { checkJobBatch, checkJobSettings } from "../../roundtrip/job-batch-shape";

const problems = (s: Record<string, unknown>) => checkJobSettings(s).map((f) => `${f.path}: ${f.problem}`);

// Written from the Jobs API reference (docs.databricks.com/api/azure/workspace/jobs/create).
const goodJob = {
  name: "etl",
  git_source: { git_url: "https://github.com/acme/etl", git_provider: "gitHub", git_branch: "main" },
  tags: { "databricks-dr-source-id": "101", "any key": "v" },
  tasks: [
    {
      task_key: "a",
      notebook_task: { notebook_path: "/Shared/a", base_parameters: { "any.key": "v" } },
      depends_on: [{ task_key: "b" }],
      libraries: [{ pypi: { package: "requests" } }],
    },
    { task_key: "b", run_job_task: { job_id: "{{job:102}}" } },
  ],
  email_notifications: { on_failure: ["ops@example.com"] },
  schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
  max_concurrent_runs: 1,
};

it("passes settings the provider declares, irregular names and placeholders included", () => {
  expect(problems(goodJob)).toEqual([]);
});

it("catches an unknown field at any depth, naming the path", () => {
  const deep = structuredClone(goodJob) as Record<string, unknown> & typeof goodJob;
  (deep.tasks[0].notebook_task as Record<string, unknown>).notebook_pth = "/x";
  expect(problems(deep)).toEqual([
    "JobArgs.tasks[0].notebookTask.notebook_pth: unknown field: no input of the provider's JobTaskNotebookTask is sent as notebook_pth",
  ]);
  // The provider's own spelling is not the Jobs API's: `url` is sent as git_url.
  expect(problems({ ...goodJob, git_source: { url: "x" } })).toEqual([
    "JobArgs.gitSource.url: unknown field: no input of the provider's JobGitSource is sent as url",
    "JobArgs.gitSource.url: required by the provider, missing",
  ]);
});

it("catches a wrong scalar and a missing required field", () => {
  expect(problems({ ...goodJob, max_concurrent_runs: "3" })).toEqual([
    "JobArgs.maxConcurrentRuns: is string, the provider declares number",
  ]);
  expect(problems({ ...goodJob, tasks: [{ notebook_task: { notebook_path: "/a" } }] })).toEqual([
    "JobArgs.tasks[0].taskKey: required by the provider, missing",
  ]);
});

it("names the member of a batch", () => {
  expect(checkJobBatch({ "101": goodJob, "102": { ...goodJob, max_concurrent_runs: "3" } })).toEqual([
    "job 102: JobArgs.maxConcurrentRuns: is string, the provider declares number",
  ]);
});
