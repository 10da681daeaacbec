/**
 * The shape checker against the provider's declarations: planted mistakes (an unknown property at depth, a
 * wrong scalar, a missing required property) are each caught and named; correct inputs pass.
 */
import { inputType, resourceArgs } from "../../roundtrip/provider-schema";
import { checkResourceInputs, formatFinding } from "../../roundtrip/provider-shape";

const JOB = "databricks:index/job:Job";
const problems = (type: string, inputs: Record<string, unknown>) =>
  checkResourceInputs(type, inputs).map(formatFinding);

const goodJob = {
  name: "etl",
  gitSource: { url: "https://github.com/acme/etl", provider: "gitHub", branch: "main" },
  tasks: [
    {
      taskKey: "a",
      notebookTask: { notebookPath: "/Shared/a", baseParameters: { "any.key": "v" } },
      dependsOns: [{ taskKey: "b" }],
      libraries: [{ pypi: { package: "requests" } }],
    },
  ],
  schedule: { quartzCronExpression: "0 0 * * * ?", timezoneId: "UTC", pauseStatus: "PAUSED" },
};

it("reads the declarations: required flags, nested refs and maps", () => {
  expect(resourceArgs(JOB)?.name).toBe("JobArgs");
  expect(inputType("JobGitSource")?.get("url")).toEqual({ shape: { t: "string" }, required: true });
  expect(inputType("JobGitSource")?.get("branch")?.required).toBe(false);
  expect(resourceArgs(JOB)?.decl.get("tasks")?.shape).toEqual({
    t: "array",
    of: { t: "ref", name: "JobTask" },
  });
  expect(inputType("JobTaskNotebookTask")?.get("baseParameters")?.shape).toEqual({
    t: "map",
    of: { t: "string" },
  });
  expect(resourceArgs("pulumi:providers:databricks")?.name).toBe("ProviderArgs");
});

it("passes inputs the provider takes; map keys are data", () => {
  expect(problems(JOB, goodJob)).toEqual([]);
});

it("catches an unknown property at any depth, naming type and path", () => {
  expect(problems(JOB, { ...goodJob, gitSource: { gitUrl: "x", url: "y" } })).toEqual([
    `${JOB}: JobArgs.gitSource.gitUrl: unknown property: the provider declares no such input`,
  ]);
  const deep = structuredClone(goodJob);
  (deep.tasks[0].notebookTask as Record<string, unknown>).notebook_path = "/x";
  expect(problems(JOB, deep)).toEqual([
    `${JOB}: JobArgs.tasks[0].notebookTask.notebook_path: unknown property: the provider declares no such input`,
  ]);
  expect(problems(JOB, { ...goodJob, gitSorce: {} })).toHaveLength(1);
});

it("catches a wrong scalar type, and an object where a scalar belongs", () => {
  expect(problems(JOB, { ...goodJob, maxConcurrentRuns: "3" })).toEqual([
    `${JOB}: JobArgs.maxConcurrentRuns: is string, the provider declares number`,
  ]);
  expect(problems("databricks:index/cluster:Cluster", { sparkVersion: 15, numWorkers: 1 })).toEqual([
    "databricks:index/cluster:Cluster: ClusterArgs.sparkVersion: is number, the provider declares string",
  ]);
  expect(problems(JOB, { ...goodJob, tasks: { taskKey: "a" } })[0]).toContain("is object");
  expect(problems("databricks:index/cluster:Cluster", { sparkVersion: "15", sparkConf: { a: 1 } })).toEqual([
    'databricks:index/cluster:Cluster: ClusterArgs.sparkConf["a"]: is number, the provider declares string',
  ]);
});

it("catches a missing required property, at the top and inside a block", () => {
  expect(problems(JOB, { ...goodJob, gitSource: { provider: "gitHub" } })).toEqual([
    `${JOB}: JobArgs.gitSource.url: required by the provider, missing`,
  ]);
  expect(problems("databricks:index/cluster:Cluster", { numWorkers: 1 })).toEqual([
    "databricks:index/cluster:Cluster: ClusterArgs.sparkVersion: required by the provider, missing",
  ]);
});

it("names a resource type the provider does not have", () => {
  expect(problems("databricks:index/nope:Nope", {})).toEqual([
    "databricks:index/nope:Nope: databricks:index/nope:Nope: no such resource type in @pulumi/databricks",
  ]);
});
