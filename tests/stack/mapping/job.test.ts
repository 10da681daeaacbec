import { JobDescriptor } from "../../../kinds/job/schema";
import { allJobReferences, jobSettings, normalizeLegacyJob } from "../../../kinds/job/mapping";
import { applyPausePolicy, pauseStateFor } from "../../../kinds/job/pause";
import { Resolver } from "../../../components/mapping/refs";

const secondary: Record<string, string> = {
  "cluster:c-primary": "c-secondary",
  "cluster-policy:p-primary": "p-secondary",
  "instance-pool:pool-primary": "pool-secondary",
  "sql-warehouse:w-primary": "w-secondary",
  "job:7": "9007",
  "notebook:/Shared/nb": "/Shared/nb",
  "service-principal:app-1": "app-1",
};
const resolve: Resolver = (ref) => {
  const v = secondary[`${ref.kind}:${ref.id}`];
  if (v === undefined) return { missing: "not replicated" };
  return { value: ref.kind === "job" ? Number(v) : v };
};

const job = (
  settings: Record<string, unknown>,
  originalPause: JobDescriptor["originalPause"] = {},
): JobDescriptor => ({
  id: "42",
  name: String(settings.name ?? "j"),
  settings,
  originalPause,
});

describe("pause policy", () => {
  it("pauses every trigger while passive, whatever the primary had", () => {
    const s = { schedule: { pause_status: "UNPAUSED" }, continuous: {}, trigger: { pause_status: "PAUSED" } };
    applyPausePolicy(s, { schedule: "UNPAUSED", continuous: "UNPAUSED", trigger: "PAUSED" }, false);
    expect(s).toEqual({
      schedule: { pause_status: "PAUSED" },
      continuous: { pause_status: "PAUSED" },
      trigger: { pause_status: "PAUSED" },
    });
  });

  it("restores exactly the original state on activation, a paused job staying paused", () => {
    const s = { schedule: { pause_status: "PAUSED" }, continuous: { pause_status: "PAUSED" }, trigger: {} };
    applyPausePolicy(s, { schedule: "UNPAUSED", continuous: "PAUSED", trigger: "UNPAUSED" }, true);
    expect(s).toEqual({
      schedule: { pause_status: "UNPAUSED" },
      continuous: { pause_status: "PAUSED" },
      trigger: { pause_status: "UNPAUSED" },
    });
  });

  it("falls back to the settings' own state (absent = UNPAUSED) when the exporter recorded none", () => {
    expect(pauseStateFor("schedule", { schedule: { pause_status: "PAUSED" } }, {}, true)).toBe("PAUSED");
    expect(pauseStateFor("schedule", { schedule: {} }, {}, true)).toBe("UNPAUSED");
    expect(pauseStateFor("schedule", { schedule: {} }, {}, false)).toBe("PAUSED");
  });

  it("adds no trigger the job does not have", () => {
    const m = jobSettings(job({ name: "n", tasks: [] }), { activation: false, resolve });
    expect(m.ok && [m.args.schedule, m.args.continuous, m.args.trigger]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("job settings", () => {
  it("remaps clusters, policies, pools, warehouses, jobs and run_as to the secondary's values", () => {
    const d = job(
      {
        name: "etl",
        job_clusters: [
          {
            job_cluster_key: "k",
            new_cluster: { spark_version: "x", policy_id: "p-primary", instance_pool_id: "pool-primary" },
          },
        ],
        tasks: [
          {
            task_key: "a",
            existing_cluster_id: "c-primary",
            notebook_task: { notebook_path: "/Shared/nb", warehouse_id: "w-primary" },
          },
          { task_key: "b", run_job_task: { job_id: 7 }, depends_on: [{ task_key: "a" }] },
          {
            task_key: "c",
            for_each_task: {
              inputs: "[1,2]",
              task: {
                task_key: "c1",
                existing_cluster_id: "c-primary",
                notebook_task: { notebook_path: "/Shared/nb" },
              },
            },
          },
        ],
        run_as: { user_name: "someone@else" },
        job_id: 42,
        created_time: 1,
        format: "MULTI_TASK",
      },
      {},
    );
    d.runAs = { servicePrincipalName: "app-1" };
    const m = jobSettings(d, { activation: false, resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(m.args).toEqual({
      name: "etl",
      job_clusters: [
        {
          job_cluster_key: "k",
          new_cluster: { spark_version: "x", policy_id: "p-secondary", instance_pool_id: "pool-secondary" },
        },
      ],
      tasks: [
        {
          task_key: "a",
          existing_cluster_id: "c-secondary",
          notebook_task: { notebook_path: "/Shared/nb", warehouse_id: "w-secondary" },
        },
        { task_key: "b", run_job_task: { job_id: 9007 }, depends_on: [{ task_key: "a" }] },
        {
          task_key: "c",
          for_each_task: {
            inputs: "[1,2]",
            task: {
              task_key: "c1",
              existing_cluster_id: "c-secondary",
              notebook_task: { notebook_path: "/Shared/nb" },
            },
          },
        },
      ],
      run_as: { service_principal_name: "app-1" },
    });
    expect(d.settings.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ existing_cluster_id: "c-primary" })]),
    );
  });

  it("skips a job whose cluster (or any hard reference) is not in the secondary, naming the field", () => {
    const m = jobSettings(job({ name: "x", tasks: [{ task_key: "a", existing_cluster_id: "gone" }] }), {
      activation: false,
      resolve,
    });
    expect(m).toMatchObject({
      ok: false,
      skip: 'settings.tasks[0].existing_cluster_id references cluster "gone": not replicated',
    });
  });

  it("keeps a missing notebook path (same in both workspaces) with a note", () => {
    const m = jobSettings(
      job({
        name: "x",
        tasks: [
          {
            task_key: "a",
            existing_cluster_id: "c-primary",
            notebook_task: { notebook_path: "/Users/x/nb" },
          },
        ],
      }),
      { activation: false, resolve },
    );
    expect(m.ok).toBe(true);
    expect(m.notes).toEqual([
      'settings.tasks[0].notebook_task.notebook_path references notebook "/Users/x/nb": not replicated',
    ]);
  });

  it("remaps the query, alert and pipeline a job runs to the secondary's (they are replicated kinds)", () => {
    const replicated: Record<string, string> = {
      "sql-query:q-primary": "q-secondary",
      "sql-alert:a-primary": "a-secondary",
      "pipeline:pl-primary": "pl-secondary",
    };
    const known: Resolver = (ref) => {
      const v = replicated[`${ref.kind}:${ref.id}`];
      return v === undefined ? resolve(ref) : { value: v };
    };
    const m = jobSettings(
      job({
        name: "x",
        tasks: [
          { task_key: "q", sql_task: { query: { query_id: "q-primary" }, warehouse_id: "w-primary" } },
          { task_key: "a", sql_task: { alert: { alert_id: "a-primary" }, warehouse_id: "w-primary" } },
          { task_key: "p", pipeline_task: { pipeline_id: "pl-primary" } },
        ],
      }),
      { activation: false, resolve: known },
    );
    if (!m.ok) throw new Error(m.skip);
    expect(m.args.tasks).toEqual([
      { task_key: "q", sql_task: { query: { query_id: "q-secondary" }, warehouse_id: "w-secondary" } },
      { task_key: "a", sql_task: { alert: { alert_id: "a-secondary" }, warehouse_id: "w-secondary" } },
      { task_key: "p", pipeline_task: { pipeline_id: "pl-secondary" } },
    ]);
  });

  it("skips a job whose query, alert or pipeline is not in the secondary, naming the field", () => {
    for (const [task, field] of [
      [{ sql_task: { query: { query_id: "q" }, warehouse_id: "w-primary" } }, "sql_task.query.query_id"],
      [{ sql_task: { alert: { alert_id: "q" }, warehouse_id: "w-primary" } }, "sql_task.alert.alert_id"],
      [{ pipeline_task: { pipeline_id: "q" } }, "pipeline_task.pipeline_id"],
    ] as const) {
      const m = jobSettings(job({ name: "x", tasks: [{ task_key: "a", ...task }] }), {
        activation: false,
        resolve,
      });
      expect(m).toMatchObject({ ok: false, skip: expect.stringContaining(`settings.tasks[0].${field} `) });
    }
  });

  it("drops webhook destinations with a note, and run_as of a missing principal", () => {
    const d = job({
      name: "x",
      tasks: [{ task_key: "a", webhook_notifications: { on_start: [{ id: "d" }] } }],
      webhook_notifications: { on_failure: [{ id: "d" }] },
    });
    d.runAs = { userName: "gone@contoso.com" };
    const m = jobSettings(d, { activation: false, resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(m.args.webhook_notifications).toBeUndefined();
    expect((m.args.tasks as Record<string, unknown>[])[0].webhook_notifications).toBeUndefined();
    expect(m.args.run_as).toBeUndefined();
    expect(m.notes).toHaveLength(3);
  });

  it("turns a legacy single-task job into one task, references included", () => {
    const legacy = {
      name: "l",
      existing_cluster_id: "c-primary",
      notebook_task: { notebook_path: "/Shared/nb" },
      max_retries: 2,
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC" },
    };
    expect(normalizeLegacyJob(legacy)).toEqual({
      name: "l",
      schedule: legacy.schedule,
      tasks: [
        {
          task_key: "main",
          existing_cluster_id: "c-primary",
          notebook_task: { notebook_path: "/Shared/nb" },
          max_retries: 2,
        },
      ],
    });
    const m = jobSettings(job(legacy, { schedule: "UNPAUSED" }), { activation: true, resolve });
    expect(m.ok && m.args).toMatchObject({
      tasks: [{ task_key: "main", existing_cluster_id: "c-secondary", max_retries: 2 }],
      schedule: { pause_status: "UNPAUSED" },
    });
    expect(allJobReferences(job(legacy)).map((r) => r.field)).toContain(
      "settings.tasks[0].existing_cluster_id",
    );
  });
});
