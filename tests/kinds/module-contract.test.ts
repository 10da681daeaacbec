import { KIND_NAMES } from "../../kinds/common";
import { KIND_CONTRACTS, KINDS } from "../../kinds/registry";
import { PERMISSION_LEVELS, PERMISSION_OBJECT_TYPES } from "../../kinds/permission-types";
import { PERMISSIONS_TARGET, TREE_OBJECT_TYPES } from "../../kinds/permissions/mapping";
import { BATCHABLE } from "../../kinds/permissions/provisioner";
import { HARD_REFERENCE_KINDS } from "../../components/mapping/refs";
import { unreplicatedReference } from "../../kinds/job/mapping";
import { COLD_REQUESTS, COLD_STAGES } from "../../report/rto-rates";
import { EXPORTERS } from "../../exporters/registry";
import { PROVISIONERS } from "../../components/workspace/provisioners";
import { VERIFY_KINDS } from "../../verify/kinds";
import type { JobDescriptor } from "../../kinds/job/schema";

/**
 * The cross-cutting tables are derived from the kinds' contracts (issue 11 item 1). The expected values
 * are the tables as they were written by hand before the reshape, from the Permissions API reference and
 * the provider's PermissionsArgs (.d.ts), the Jobs API task fields and the round trip's measured rates.
 */
describe("tables derived from the kind contracts", () => {
  it("permission object types, levels and provider arguments as the Permissions API documents them", () => {
    const before = {
      clusters: ["cluster", "clusterId", ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"]],
      "cluster-policies": ["cluster-policy", "clusterPolicyId", ["CAN_USE"]],
      "instance-pools": ["instance-pool", "instancePoolId", ["CAN_ATTACH_TO", "CAN_MANAGE"]],
      jobs: ["job", "jobId", ["CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"]],
      notebooks: ["notebook", "notebookPath", ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]],
      directories: ["directory", "directoryPath", ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]],
      files: ["workspace-file", "workspaceFilePath", ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]],
      repos: ["repo", "repoPath", ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]],
      "sql/warehouses": [
        "sql-warehouse",
        "sqlEndpointId",
        ["CAN_USE", "CAN_MANAGE", "CAN_MONITOR", "CAN_VIEW", "IS_OWNER"],
      ],
      pipelines: ["pipeline", "pipelineId", ["CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"]],
      queries: ["sql-query", "sqlQueryId", ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]],
      alerts: ["sql-alert", "sqlAlertId", ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"]],
      "authorization/tokens": [null, "authorization", ["CAN_USE", "CAN_MANAGE"]],
      "authorization/passwords": [null, "authorization", ["CAN_USE"]],
    } as const;
    for (const [type, [kind, arg, levels]] of Object.entries(before)) {
      const t = type as keyof typeof PERMISSION_OBJECT_TYPES;
      expect([type, PERMISSION_OBJECT_TYPES[t], PERMISSIONS_TARGET[t], PERMISSION_LEVELS[t]]).toEqual([
        type,
        kind,
        arg,
        levels,
      ]);
    }
    expect([...TREE_OBJECT_TYPES].sort()).toEqual(["directories", "files", "notebooks"]);
    // ACLs the stack batches by id (acl-batch-impl.ts PUTs /api/2.0/permissions/{type}/{id}).
    expect([...BATCHABLE].sort()).toEqual([
      "cluster-policies",
      "clusters",
      "instance-pools",
      "jobs",
      "sql/warehouses",
    ]);
  });

  it("hard references: the kinds a referencing object cannot do without", () => {
    for (const k of [
      "cluster",
      "cluster-policy",
      "instance-pool",
      "sql-warehouse",
      "job",
      "pipeline",
      "sql-query",
      "sql-alert",
    ] as const)
      expect([k, HARD_REFERENCE_KINDS.has(k)]).toEqual([k, true]);
    for (const k of ["user", "group", "notebook", "workspace-file", "dbfs-file", "uc-catalog"] as const)
      expect([k, HARD_REFERENCE_KINDS.has(k)]).toEqual([k, false]);
  });

  it("a job references what its tasks run, by the task fields the kinds' contracts name", () => {
    const job = {
      id: "7",
      name: "j",
      originalPause: {},
      settings: {
        tasks: [
          { task_key: "p", pipeline_task: { pipeline_id: "pipe-1" } },
          { task_key: "q", sql_task: { warehouse_id: "wh", query: { query_id: "q-1" } } },
          { task_key: "a", sql_task: { warehouse_id: "wh", alert: { alert_id: "a-1" } } },
          { task_key: "d", dashboard_task: { dashboard_id: "d-1", warehouse_id: "wh-d" } },
          {
            task_key: "e",
            for_each_task: { inputs: "[1]", task: { pipeline_task: { pipeline_id: "pipe-2" } } },
          },
        ],
      },
    } as unknown as JobDescriptor;
    // DashboardTask (Jobs API) runs on a warehouse of its own, like sql_task.
    expect(KINDS.job.references(job)).toContainEqual({
      kind: "sql-warehouse",
      id: "wh-d",
      field: "settings.tasks[3].dashboard_task.warehouse_id",
    });
    const refs = KINDS.job.references(job).filter((r) => r.kind !== "sql-warehouse");
    expect(refs).toEqual([
      { kind: "pipeline", id: "pipe-1", field: "settings.tasks[0].pipeline_task.pipeline_id" },
      { kind: "sql-query", id: "q-1", field: "settings.tasks[1].sql_task.query.query_id" },
      { kind: "sql-alert", id: "a-1", field: "settings.tasks[2].sql_task.alert.alert_id" },
      { kind: "dashboard", id: "d-1", field: "settings.tasks[3].dashboard_task.dashboard_id" },
      {
        kind: "pipeline",
        id: "pipe-2",
        field: "settings.tasks[4].for_each_task.task.pipeline_task.pipeline_id",
      },
    ]);
  });

  it("a task naming an object no kind's contract claims makes the job a skip", () => {
    const settings = { tasks: [{ task_key: "d", sql_task: { dashboard: { dashboard_id: "x" } } }] };
    expect(
      unreplicatedReference(settings, [{ path: "sql_task.dashboard.dashboard_id", what: "SQL dashboard" }]),
    ).toBe("task d runs a SQL dashboard, and SQL dashboards are not replicated: recreate it, then the job");
    expect(unreplicatedReference({ tasks: [{ task_key: "p", pipeline_task: { pipeline_id: "x" } }] })).toBe(
      undefined,
    );
  });

  it("RTO rates and stages of the kinds estimated before the reshape", () => {
    expect(COLD_REQUESTS.job).toEqual({
      perObject: { "jobs-create": 1 },
      batched: { "jobs-create": 1, "jobs-read": 0.01 },
    });
    expect(COLD_REQUESTS.notebook).toEqual({
      perObject: { "workspace-import": 1, "workspace-write": 1, "workspace-read": 1 },
      batched: { "workspace-import": 1 },
    });
    expect(COLD_REQUESTS["uc-catalog"]).toEqual({ perObject: { "unity-catalog-write": 3 } });
    expect(COLD_REQUESTS["sql-alert"]).toEqual({ perObject: { sql: 2 } });
    const names = COLD_STAGES.map((s) => s.name);
    const before = [
      "identities and standalone objects",
      "Unity Catalog",
      "workspace tree",
      "pipelines",
      "SQL queries",
      "SQL alerts",
      "jobs",
      "permissions",
    ];
    expect(names.filter((n) => before.includes(n))).toEqual(before);
    const stageOf = (k: string) => COLD_STAGES.find((s) => (s.kinds as string[]).includes(k))?.name;
    expect([stageOf("user"), stageOf("uc-table"), stageOf("repo"), stageOf("job")]).toEqual([
      "identities and standalone objects",
      "Unity Catalog",
      "workspace tree",
      "jobs",
    ]);
  });

  it("every kind has a contract in provision order and a module with exporter, provisioner and verify", () => {
    expect(KIND_CONTRACTS.map((c) => c.name)).toEqual([...KIND_NAMES]);
    expect(Object.keys(KINDS)).toEqual([...KIND_NAMES]);
    for (const k of KIND_NAMES) {
      expect([k, EXPORTERS[k]?.kind]).toEqual([k, k]);
      expect([k, typeof PROVISIONERS[k]?.provision]).toEqual([k, "function"]);
      expect([k, typeof VERIFY_KINDS[k]?.naturalKey]).toEqual([k, "function"]);
    }
  });
});
