/**
 * A job using every block the Jobs API 2.1 documents for job settings (field names as the REST reference
 * spells them, https://docs.databricks.com/api/azure/workspace/jobs/create), planted into the tests'
 * sample world so the shape check sees fields no emulated workspace holds (git_source, health, queue,
 * condition/for_each/dbt/jar/submit tasks, periodic triggers...). What it references (policy, warehouse,
 * notebook, files, the job it runs) is the emulator's sample seed's.
 */
import { SAMPLE_IDS } from "../../emulator/seeds/sample-ids";

const cluster = {
  spark_version: "15.4.x-scala2.12",
  node_type_id: "Standard_DS3_v2",
  autoscale: { min_workers: 1, max_workers: 4 },
  spark_conf: { "spark.databricks.delta.preview.enabled": "true" },
  spark_env_vars: { PYSPARK_PYTHON: "/databricks/python3/bin/python3" },
  custom_tags: { "cost-center": "42" },
  init_scripts: [
    { workspace: { destination: "/Shared/init/cluster-init.sh" } },
    { volumes: { destination: "/Volumes/a/b/c.sh" } },
  ],
  azure_attributes: { availability: "SPOT_WITH_FALLBACK_AZURE", first_on_demand: 1, spot_bid_max_price: -1 },
  cluster_log_conf: { dbfs: { destination: "dbfs:/cluster-logs" } },
  data_security_mode: "USER_ISOLATION",
  runtime_engine: "PHOTON",
  policy_id: SAMPLE_IDS.jobsPolicy,
};

export const RICH_JOB = {
  id: "190",
  name: "rich",
  settings: {
    name: "rich",
    description: "every documented block",
    tags: { team: "data", "cost-center": "42" },
    timeout_seconds: 3600,
    max_concurrent_runs: 2,
    git_source: { git_url: "https://github.com/contoso/etl", git_provider: "gitHub", git_branch: "main" },
    parameters: [{ name: "env", default: "prod" }],
    queue: { enabled: true },
    health: { rules: [{ metric: "RUN_DURATION_SECONDS", op: "GREATER_THAN", value: 600 }] },
    email_notifications: {
      on_start: ["team@contoso.com"],
      on_failure: ["oncall@contoso.com"],
      on_duration_warning_threshold_exceeded: ["oncall@contoso.com"],
      no_alert_for_skipped_runs: true,
    },
    notification_settings: { no_alert_for_skipped_runs: true, no_alert_for_canceled_runs: true },
    job_clusters: [{ job_cluster_key: "c", new_cluster: cluster }],
    tasks: [
      {
        task_key: "py",
        job_cluster_key: "c",
        spark_python_task: { python_file: "etl/main.py", parameters: ["--env", "prod"], source: "GIT" },
        libraries: [
          { pypi: { package: "requests==2.32.0", repo: "https://pypi.org/simple" } },
          { maven: { coordinates: "org.example:lib:1.0", exclusions: ["org.slf4j:slf4j-api"] } },
          { whl: "/Workspace/Shared/libs/etl_utils-0.3.0-py3-none-any.whl" },
        ],
        timeout_seconds: 600,
        max_retries: 2,
        min_retry_interval_millis: 60000,
        retry_on_timeout: true,
        email_notifications: { on_failure: ["oncall@contoso.com"] },
      },
      {
        task_key: "cond",
        depends_on: [{ task_key: "py" }],
        condition_task: { op: "EQUAL_TO", left: "{{job.parameters.env}}", right: "prod" },
      },
      {
        task_key: "each",
        depends_on: [{ task_key: "cond", outcome: "true" }],
        for_each_task: {
          inputs: "[1, 2, 3]",
          concurrency: 2,
          task: {
            task_key: "each-inner",
            job_cluster_key: "c",
            notebook_task: {
              notebook_path: "/Shared/etl/bronze_to_silver",
              base_parameters: { n: "{{input}}" },
            },
          },
        },
      },
      {
        task_key: "jar",
        job_cluster_key: "c",
        spark_jar_task: { main_class_name: "com.contoso.Main", parameters: ["1"] },
        libraries: [{ jar: "dbfs:/FileStore/jars/etl-udfs-1.2.0.jar" }],
      },
      {
        task_key: "submit",
        new_cluster: { ...cluster, autoscale: undefined, num_workers: 2 },
        spark_submit_task: {
          parameters: ["--class", "com.contoso.Main", "dbfs:/FileStore/jars/etl-udfs-1.2.0.jar"],
        },
      },
      {
        task_key: "dbt",
        job_cluster_key: "c",
        dbt_task: {
          commands: ["dbt deps", "dbt run"],
          project_directory: "dbt",
          warehouse_id: SAMPLE_IDS.warehouse,
        },
        libraries: [{ pypi: { package: "dbt-databricks>=1.8.0" } }],
      },
      {
        task_key: "run",
        run_job_task: { job_id: SAMPLE_IDS.jobs.nightlyEtl, job_parameters: { env: "prod" } },
      },
      {
        task_key: "wheel",
        job_cluster_key: "c",
        python_wheel_task: { package_name: "etl", entry_point: "main", named_parameters: { env: "prod" } },
      },
    ],
    trigger: { periodic: { interval: 1, unit: "HOURS" }, pause_status: "PAUSED" },
  },
  originalPause: { trigger: "PAUSED" },
};
