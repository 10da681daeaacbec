import { getAtPath, setAtPath } from "../../kinds/field-path";
import { KINDS } from "../../kinds/registry";
import { ClusterPolicyDescriptor, JobDescriptor } from "../../kinds";

describe("references", () => {
  it("finds pools and init scripts inside a cluster policy definition and remaps them in the JSON string", () => {
    const policy: ClusterPolicyDescriptor = {
      id: "P1",
      name: "pooled",
      definition: JSON.stringify({
        instance_pool_id: { type: "fixed", value: "pool-a" },
        "init_scripts.0.dbfs.destination": { type: "fixed", value: "dbfs:/init/setup.sh" },
        "spark_conf.spark.x": { type: "fixed", value: "pool-a" },
      }),
    };
    const refs = KINDS["cluster-policy"].references(policy);
    expect(refs.map((r) => [r.kind, r.id])).toEqual([
      ["instance-pool", "pool-a"],
      ["dbfs-file", "dbfs:/init/setup.sh"],
    ]);
    const copy = structuredClone(policy);
    expect(getAtPath(copy, refs[0].field)).toBe("pool-a");
    expect(setAtPath(copy, refs[0].field, "pool-b")).toBe(true);
    expect(JSON.parse(copy.definition!).instance_pool_id.value).toBe("pool-b");
    expect(JSON.parse(copy.definition!)["spark_conf.spark.x"].value).toBe("pool-a");
    expect(setAtPath(copy, 'definition["absent"].value', "x")).toBe(false);
  });

  it("reads a legacy single-task job and a SQL file task", () => {
    const job: JobDescriptor = {
      id: "12",
      name: "Test",
      settings: { existing_cluster_id: "test2", notebook_task: { notebook_path: "/Users/a@b.c/Test" } },
      originalPause: {},
    };
    expect(KINDS.job.references(job).map((r) => `${r.kind}:${r.id}@${r.field}`)).toEqual([
      "cluster:test2@settings.existing_cluster_id",
      "notebook:/Users/a@b.c/Test@settings.notebook_task.notebook_path",
    ]);
    const sqlJob: JobDescriptor = {
      ...job,
      settings: {
        tasks: [{ task_key: "q", sql_task: { warehouse_id: "w1", file: { path: "/Shared/q.sql" } } }],
      },
    };
    expect(KINDS.job.references(sqlJob).map((r) => `${r.kind}:${r.id}`)).toEqual([
      "sql-warehouse:w1",
      "workspace-file:/Shared/q.sql",
    ]);
  });
});
