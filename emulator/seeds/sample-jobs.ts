import { createJob } from "../routes/jobs";
import { SAMPLE_IDS, SampleContext } from "./sample-ids";

/** Jobs: multi-task with job clusters, wheel and SQL tasks; schedule, continuous and file-arrival triggers. */
export function addSampleJobs({ state, tick, people }: SampleContext): void {
  const { admin, alice, bob, carol, etlSp } = people;
  const aliceHome = `/Users/${alice.userName}`;
  const J = SAMPLE_IDS.jobs;
  createJob(
    state,
    {
      name: "Nightly ETL",
      tags: { team: "data-eng" },
      email_notifications: { on_failure: [alice.userName] },
      schedule: {
        quartz_cron_expression: "0 0 2 * * ?",
        timezone_id: "Europe/Paris",
        pause_status: "UNPAUSED",
      },
      max_concurrent_runs: 1,
      run_as: { service_principal_name: etlSp.applicationId },
      job_clusters: [
        {
          job_cluster_key: "etl_cluster",
          new_cluster: {
            spark_version: "14.3.x-scala2.12",
            policy_id: SAMPLE_IDS.jobsPolicy,
            instance_pool_id: SAMPLE_IDS.generalPool,
            driver_instance_pool_id: SAMPLE_IDS.driverPool,
            num_workers: 4,
            spark_env_vars: { STORAGE_KEY: "{{secrets/kv-prod/storage-account-key}}" },
          },
        },
      ],
      tasks: [
        {
          task_key: "ingest",
          job_cluster_key: "etl_cluster",
          notebook_task: {
            notebook_path: "/Shared/etl/bronze_to_silver",
            source: "WORKSPACE",
            base_parameters: { env: "prod" },
          },
        },
        {
          task_key: "transform",
          depends_on: [{ task_key: "ingest" }],
          job_cluster_key: "etl_cluster",
          python_wheel_task: {
            package_name: "etl_utils",
            entry_point: "main",
            parameters: ["--date", "{{job.start_time.iso_date}}"],
          },
          libraries: [
            { whl: "/Workspace/Shared/libs/etl_utils-0.3.0-py3-none-any.whl" },
            { pypi: { package: "pyyaml==6.0.1" } },
          ],
        },
        {
          task_key: "report",
          depends_on: [{ task_key: "transform" }],
          sql_task: {
            warehouse_id: SAMPLE_IDS.warehouse,
            file: { path: "/Shared/reports/kpis.sql", source: "WORKSPACE" },
          },
        },
      ],
    },
    { id: J.nightlyEtl, creator: alice.userName, created: tick() },
  );
  createJob(
    state,
    {
      name: "Hourly report refresh",
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
      tasks: [
        {
          task_key: "refresh",
          existing_cluster_id: SAMPLE_IDS.analyticsCluster,
          notebook_task: { notebook_path: "/Shared/reports/daily_kpis" },
        },
      ],
    },
    { id: J.hourlyReport, creator: bob.userName, created: tick() },
  );
  createJob(
    state,
    {
      name: "Streaming ingest",
      continuous: { pause_status: "UNPAUSED" },
      tasks: [
        {
          task_key: "stream",
          existing_cluster_id: SAMPLE_IDS.sharedCluster,
          notebook_task: { notebook_path: `${aliceHome}/etl/ingest_orders` },
          libraries: [{ maven: { coordinates: "com.microsoft.azure:azure-eventhubs-spark_2.12:2.3.22" } }],
        },
      ],
    },
    { id: J.streaming, creator: alice.userName, created: tick() },
  );
  createJob(
    state,
    {
      name: "Landing zone loader",
      trigger: {
        pause_status: "PAUSED",
        file_arrival: {
          url: "abfss://landing@stdrprimary.dfs.core.windows.net/orders/",
          min_time_between_triggers_seconds: 60,
        },
      },
      tasks: [
        {
          task_key: "load",
          new_cluster: {
            spark_version: "14.3.x-scala2.12",
            node_type_id: "Standard_DS3_v2",
            num_workers: 1,
            init_scripts: [{ dbfs: { destination: "dbfs:/databricks/init-scripts/install-deps.sh" } }],
          },
          notebook_task: { notebook_path: "/Production/MakeFeatures" },
        },
      ],
    },
    { id: J.fileArrival, creator: carol.userName, created: tick() },
  );
  createJob(
    state,
    {
      name: "Ad-hoc maintenance",
      tasks: [
        {
          task_key: "vacuum",
          existing_cluster_id: SAMPLE_IDS.etlApiCluster,
          spark_jar_task: { main_class_name: "com.example.etl.Vacuum", parameters: ["--retain", "168"] },
          libraries: [{ jar: "dbfs:/FileStore/jars/etl-udfs-1.2.0.jar" }],
        },
      ],
    },
    { id: J.maintenance, creator: admin.userName, created: tick() },
  );
}
