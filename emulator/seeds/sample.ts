import { createCluster } from "../routes/clusters";
import { dbfsWrite } from "../routes/dbfs";
import { createGlobalInitScript } from "../routes/init-scripts";
import { createJob } from "../routes/jobs";
import { installLibraries } from "../routes/libraries";
import { createPolicy } from "../routes/policies";
import { createPool } from "../routes/pools";
import { createRepo } from "../routes/repos";
import { createScope, putSecret } from "../routes/secrets";
import { createWarehouse } from "../routes/sql";
import { permissionsKeyOf } from "../routes/workspace";
import { WorkspaceState } from "../state/workspace-state";
import { buildSampleUc } from "./sample-uc";
import { buildSampleSql } from "./sample-sql";
import {
  addBuiltIns,
  addFile,
  addGroup,
  addMember,
  addNotebook,
  addServicePrincipal,
  addUser,
  grant,
  group,
  sp,
  user,
} from "./build";

/** 2025-01-01T00:00:00Z: every timestamp the sample sets is relative to it, so it loads the same each time. */
export const SAMPLE_T0 = 1735689600000;
const DAY = 24 * 3600 * 1000;

/** Secret values planted in the sample: tests search snapshots and logs for them (never found). */
export const SAMPLE_SECRET_VALUES = [
  "PLANTED-db-password-7f3a9c",
  "PLANTED-storage-key-b41e2d",
  "PLANTED-api-token-0c88aa",
];

export const SAMPLE_IDS = {
  sharedCluster: "0101-120000-shared01",
  etlApiCluster: "0101-120000-etlapi02",
  analyticsCluster: "0101-120000-analyt03",
  jobCluster: "0101-120000-jobrun04",
  sqlCluster: "0101-120000-sqlwh005",
  pipelineCluster: "0101-120000-dltpl006",
  jobsPolicy: "E0631F5C0D000001",
  personalPolicy: "E0631F5C0D000002",
  generalPool: "0101-120000-brick1-pool-a1b2c3d4",
  driverPool: "0101-120000-brick2-pool-e5f6a7b8",
  warehouse: "a1b2c3d4e5f60718",
  pipeline: "5f3c2a10-8d4e-4c1b-9a77-2e5b6c7d8e9f",
  jobs: {
    nightlyEtl: 311111111111101,
    hourlyReport: 311111111111102,
    streaming: 311111111111103,
    fileArrival: 311111111111104,
    maintenance: 311111111111105,
  },
  spApplicationId: "9f0c2b1e-3d4a-4b5c-8e6f-7a8b9c0d1e2f",
};

/**
 * A small but realistic workspace: every kind the exporter reads, the references between them, and the
 * quirks that matter (job clusters and SQL/pipeline clusters to skip, nested groups, a notebook imported
 * from .ipynb, an awkward but legal name, Key Vault scopes, inherited folder ACLs).
 */
export function buildSample(state: WorkspaceState): void {
  let t = SAMPLE_T0;
  const tick = () => (t += 3600_000);
  const { admin } = addBuiltIns(state);
  const alice = addUser(state, "alice.smith@example.com", {
    displayName: "Alice Smith",
    entitlements: ["allow-cluster-create"],
  });
  const bob = addUser(state, "bob.jones@example.com", { displayName: "Bob Jones" });
  const carol = addUser(state, "carol.nguyen@example.com", {
    displayName: "Carol Nguyen",
    externalId: "a3c1e5f7-0000-4000-8000-00000000c4r0",
  });
  const dave = addUser(state, "dave.okafor@example.com", { displayName: "Dave Okafor", active: false });
  const etlSp = addServicePrincipal(state, SAMPLE_IDS.spApplicationId, "etl-automation", [
    "allow-cluster-create",
  ]);
  addGroup(state, "data-engineers", [alice, etlSp], { entitlements: ["allow-cluster-create"] });
  const scientists = addGroup(state, "data-scientists", [bob, carol]);
  const analytics = addGroup(state, "analytics", [dave], { entitlements: ["databricks-sql-access"] });
  addMember(analytics, scientists); // a group nested in a group
  void admin;

  // Workspace tree.
  const aliceHome = `/Users/${alice.userName}`;
  const bobHome = `/Users/${bob.userName}`;
  const carolHome = `/Users/${carol.userName}`;
  addNotebook(state, `${aliceHome}/etl/ingest_orders`, "PYTHON", PY_INGEST, tick());
  addNotebook(state, `${aliceHome}/scratch/explore`, "SCALA", SCALA_SCRATCH, tick());
  addNotebook(state, `${bobHome}/churn_analysis`, "PYTHON", PY_CHURN, tick(), "JUPYTER");
  const awkward = addNotebook(
    state,
    `${carolHome}/R analysis/Survival – model (v2) été ✓`,
    "R",
    R_SURVIVAL,
    tick(),
  );
  addNotebook(state, "/Shared/etl/bronze_to_silver", "PYTHON", PY_BRONZE, tick());
  addNotebook(state, "/Shared/etl/silver_to_gold", "SCALA", SCALA_GOLD, tick());
  const cfg = addFile(
    state,
    "/Shared/etl/config.yaml",
    "source: abfss://landing@stdrprimary.dfs.core.windows.net/\nformat: delta\n",
    tick(),
  );
  addFile(state, "/Shared/etl/requirements.txt", "pyyaml==6.0.1\nrequests==2.32.3\n", tick());
  const kpis = addNotebook(state, "/Shared/reports/daily_kpis", "SQL", SQL_KPIS, tick());
  addFile(
    state,
    "/Shared/reports/kpis.sql",
    "SELECT order_date, sum(amount) AS revenue FROM gold.orders GROUP BY order_date;\n",
    tick(),
  );
  addFile(
    state,
    "/Shared/init/cluster-init.sh",
    "#!/bin/bash\nset -e\npip install /Workspace/Shared/libs/etl_utils-0.3.0-py3-none-any.whl\n",
    tick(),
  );
  addFile(state, "/Shared/libs/etl_utils-0.3.0-py3-none-any.whl", Buffer.from(WHEEL_BYTES), tick());
  // A legacy workspace library: listed, but LIBRARY objects cannot be exported.
  state.tree.put({ path: "/Shared/libs/legacy-udfs", object_type: "LIBRARY", object_id: state.objectId() });
  const makeFeatures = addNotebook(state, "/Production/MakeFeatures", "PYTHON", PY_FEATURES, tick());

  // Repo with content.
  const repo = createRepo(state, {
    url: "https://github.com/example-org/analytics-pipelines.git",
    provider: "gitHub",
    path: `/Repos/${alice.userName}/analytics-pipelines`,
  });
  addNotebook(state, `${repo.path}/notebooks/train`, "PYTHON", PY_TRAIN, tick());
  addFile(state, `${repo.path}/README.md`, "# analytics-pipelines\n", tick());

  // DBFS: init scripts, a jar, a legacy global init script.
  dbfsWrite(
    state,
    "/databricks/init-scripts/install-deps.sh",
    Buffer.from("#!/bin/bash\napt-get install -y jq\n"),
    false,
    tick(),
  );
  dbfsWrite(state, "/FileStore/jars/etl-udfs-1.2.0.jar", Buffer.from(JAR_BYTES), false, tick());
  dbfsWrite(
    state,
    "/databricks/init/legacy-global.sh",
    Buffer.from("#!/bin/bash\necho legacy\n"),
    false,
    tick(),
  );

  // Policies and pools, referenced by clusters and jobs.
  createPool(
    state,
    {
      instance_pool_name: "general-pool",
      node_type_id: "Standard_DS3_v2",
      min_idle_instances: 0,
      max_capacity: 20,
      idle_instance_autotermination_minutes: 15,
      azure_attributes: { availability: "ON_DEMAND_AZURE" },
      preloaded_spark_versions: ["14.3.x-scala2.12"],
      custom_tags: { team: "data-eng" },
    },
    { id: SAMPLE_IDS.generalPool },
  );
  createPool(
    state,
    {
      instance_pool_name: "driver-pool",
      node_type_id: "Standard_DS4_v2",
      min_idle_instances: 1,
      max_capacity: 5,
      idle_instance_autotermination_minutes: 30,
    },
    { id: SAMPLE_IDS.driverPool },
  );
  createPolicy(
    state,
    {
      name: "Job clusters (pool)",
      description: "Job clusters draw from the general pool",
      definition: JSON.stringify({
        spark_version: { type: "regex", pattern: "1[3-5]\\.[0-9]+\\.x-scala.*" },
        instance_pool_id: { type: "fixed", value: SAMPLE_IDS.generalPool, hidden: true },
        driver_instance_pool_id: { type: "fixed", value: SAMPLE_IDS.driverPool, hidden: true },
        autotermination_minutes: { type: "fixed", value: 0, hidden: true },
        cluster_type: { type: "fixed", value: "job" },
      }),
    },
    { id: SAMPLE_IDS.jobsPolicy, created: tick() },
  );
  createPolicy(
    state,
    {
      name: "Personal compute",
      max_clusters_per_user: 1,
      definition: JSON.stringify({
        node_type_id: { type: "allowlist", values: ["Standard_DS3_v2", "Standard_DS4_v2"] },
        autotermination_minutes: { type: "range", maxValue: 120, defaultValue: 60 },
        "spark_env_vars.DB_PASSWORD": { type: "fixed", value: "{{secrets/etl/db-password}}" },
        "init_scripts.0.workspace.destination": { type: "fixed", value: "/Shared/init/cluster-init.sh" },
      }),
    },
    { id: SAMPLE_IDS.personalPolicy, created: tick() },
  );

  // Clusters: UI and API all-purpose clusters, plus clusters other services own (skipped by the exporter).
  createCluster(
    state,
    {
      cluster_name: "Shared Autoscaling",
      spark_version: "14.3.x-scala2.12",
      node_type_id: "Standard_DS3_v2",
      driver_node_type_id: "Standard_DS4_v2",
      autoscale: { min_workers: 2, max_workers: 8 },
      autotermination_minutes: 60,
      policy_id: SAMPLE_IDS.personalPolicy,
      spark_conf: {
        "spark.databricks.delta.preview.enabled": "true",
        "spark.hadoop.fs.azure.account.key": "{{secrets/etl/storage-key}}",
      },
      spark_env_vars: { DB_PASSWORD: "{{secrets/etl/db-password}}" },
      init_scripts: [
        { dbfs: { destination: "dbfs:/databricks/init-scripts/install-deps.sh" } },
        { workspace: { destination: "/Shared/init/cluster-init.sh" } },
      ],
      custom_tags: { team: "data-eng", costcenter: "1234" },
      data_security_mode: "USER_ISOLATION",
    },
    { id: SAMPLE_IDS.sharedCluster, source: "UI", creator: alice.userName, state: "RUNNING", time: tick() },
  );
  state.clusters.get(SAMPLE_IDS.sharedCluster)!.pinned_by_user_name = "4567890123456789";
  createCluster(
    state,
    {
      cluster_name: "ETL API cluster",
      spark_version: "13.3.x-scala2.12",
      instance_pool_id: SAMPLE_IDS.generalPool,
      driver_instance_pool_id: SAMPLE_IDS.driverPool,
      num_workers: 4,
      autotermination_minutes: 30,
      policy_id: SAMPLE_IDS.jobsPolicy,
      cluster_log_conf: { dbfs: { destination: "dbfs:/cluster-logs" } },
    },
    {
      id: SAMPLE_IDS.etlApiCluster,
      source: "API",
      creator: etlSp.applicationId,
      state: "TERMINATED",
      time: tick(),
    },
  );
  state.clusters.get(SAMPLE_IDS.etlApiCluster)!.pinned_by_user_name = "4567890123456789";
  createCluster(
    state,
    {
      cluster_name: "Analytics Small",
      spark_version: "15.4.x-scala2.12",
      node_type_id: "Standard_DS3_v2",
      num_workers: 0,
      autotermination_minutes: 45,
      spark_conf: { "spark.databricks.cluster.profile": "singleNode", "spark.master": "local[*]" },
      custom_tags: { ResourceClass: "SingleNode" },
      data_security_mode: "SINGLE_USER",
      single_user_name: bob.userName,
    },
    { id: SAMPLE_IDS.analyticsCluster, source: "UI", creator: bob.userName, state: "RUNNING", time: tick() },
  );
  createCluster(
    state,
    {
      cluster_name: "job-311111111111101-run-9001",
      spark_version: "14.3.x-scala2.12",
      instance_pool_id: SAMPLE_IDS.generalPool,
      num_workers: 2,
    },
    { id: SAMPLE_IDS.jobCluster, source: "JOB", creator: alice.userName, state: "RUNNING", time: tick() },
  );
  createCluster(
    state,
    {
      cluster_name: "SQLWarehouse-a1b2c3d4",
      spark_version: "14.3.x-photon-scala2.12",
      node_type_id: "Standard_E8ds_v4",
      num_workers: 1,
    },
    { id: SAMPLE_IDS.sqlCluster, source: "SQL", creator: admin.userName, state: "RUNNING", time: tick() },
  );
  createCluster(
    state,
    {
      cluster_name: "dlt-execution-5f3c2a10",
      spark_version: "dlt:14.1.5-delta-pipelines-dlt-release-2024.04-rc0-commit-abcdef",
      node_type_id: "Standard_DS3_v2",
      num_workers: 1,
    },
    {
      id: SAMPLE_IDS.pipelineCluster,
      source: "PIPELINE",
      creator: alice.userName,
      state: "RUNNING",
      time: tick(),
    },
  );
  installLibraries(state, SAMPLE_IDS.sharedCluster, [
    { pypi: { package: "great-expectations==0.18.12" } },
    {
      maven: {
        coordinates: "com.microsoft.azure:azure-eventhubs-spark_2.12:2.3.22",
        exclusions: ["org.slf4j:slf4j-api"],
      },
    },
    { jar: "dbfs:/FileStore/jars/etl-udfs-1.2.0.jar" },
    { whl: "/Workspace/Shared/libs/etl_utils-0.3.0-py3-none-any.whl" },
  ]);
  installLibraries(state, SAMPLE_IDS.analyticsCluster, [{ cran: { package: "survival" } }]);

  // SQL warehouse and a DLT pipeline.
  createWarehouse(
    state,
    {
      name: "Analytics Warehouse",
      cluster_size: "Small",
      auto_stop_mins: 20,
      max_num_clusters: 2,
      enable_serverless_compute: false,
      warehouse_type: "PRO",
      tags: { custom_tags: [{ key: "team", value: "analytics" }] },
    },
    { id: SAMPLE_IDS.warehouse },
  );
  state.pipelines.set(SAMPLE_IDS.pipeline, {
    pipeline_id: SAMPLE_IDS.pipeline,
    name: "Orders DLT",
    state: "IDLE",
    creator_user_name: alice.userName,
    run_as_user_name: alice.userName,
    cluster_id: SAMPLE_IDS.pipelineCluster,
    last_modified: tick(),
    spec: {
      id: SAMPLE_IDS.pipeline,
      name: "Orders DLT",
      libraries: [{ notebook: { path: "/Shared/etl/bronze_to_silver" } }],
      clusters: [{ label: "default", num_workers: 1 }],
      continuous: false,
      development: false,
      edition: "ADVANCED",
      channel: "CURRENT",
      target: "orders",
    },
  });

  // Jobs: multi-task with job clusters, wheel and SQL tasks; schedule, continuous and file-arrival triggers.
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

  // Global init scripts (one disabled).
  createGlobalInitScript(
    state,
    {
      name: "install-monitoring-agent",
      script: Buffer.from("#!/bin/bash\necho 'installing agent'\n").toString("base64"),
      enabled: true,
      position: 0,
    },
    { id: "A1B2C3D4E5F60001", time: tick() },
  );
  createGlobalInitScript(
    state,
    {
      name: "set-proxy",
      script: Buffer.from("#!/bin/bash\nexport HTTPS_PROXY=http://proxy.internal:3128\n").toString("base64"),
      enabled: false,
      position: 1,
    },
    { id: "A1B2C3D4E5F60002", time: tick() },
  );

  // Secrets: a Databricks-backed scope with keys, a Key Vault-backed one; ACLs on both.
  createScope(state, { scope: "etl", initial_manage_principal: admin.userName });
  ["db-password", "storage-key", "api-token"].forEach((k, i) =>
    putSecret(state, "etl", k, Buffer.from(SAMPLE_SECRET_VALUES[i]), SAMPLE_T0 + i * DAY),
  );
  const etl = state.secretScopes.get("etl")!;
  etl.acls.set("data-engineers", "READ");
  etl.acls.set(alice.userName, "WRITE");
  createScope(state, {
    scope: "kv-prod",
    scope_backend_type: "AZURE_KEYVAULT",
    initial_manage_principal: admin.userName,
    backend_azure_keyvault: {
      resource_id:
        "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-dr-primary/providers/Microsoft.KeyVault/vaults/kv-prod-primary",
      dns_name: "https://kv-prod-primary.vault.azure.net/",
    },
  });
  const kv = state.secretScopes.get("kv-prod")!;
  kv.keys.set("storage-account-key", { key: "storage-account-key", last_updated_timestamp: SAMPLE_T0 });
  kv.acls.set("users", "READ");

  // Permissions on every object kind; folder ACLs are inherited by what the folder holds.
  const dir = (p: string) => permissionsKeyOf(state.tree.get(p)!);
  grant(
    state,
    dir("/Shared/etl"),
    group("data-engineers", "CAN_MANAGE"),
    group("data-scientists", "CAN_READ"),
  );
  grant(state, dir("/Shared/reports"), group("users", "CAN_RUN"));
  grant(state, permissionsKeyOf(makeFeatures), user(bob.userName, "CAN_EDIT"));
  grant(state, permissionsKeyOf(kpis), group("analytics", "CAN_EDIT"));
  grant(state, permissionsKeyOf(awkward), user(bob.userName, "CAN_READ"));
  grant(state, permissionsKeyOf(cfg), user(carol.userName, "CAN_READ"));
  grant(state, `repos/${repo.id}`, group("data-engineers", "CAN_EDIT"));
  grant(
    state,
    `clusters/${SAMPLE_IDS.sharedCluster}`,
    group("users", "CAN_ATTACH_TO"),
    group("data-engineers", "CAN_RESTART"),
  );
  grant(state, `clusters/${SAMPLE_IDS.analyticsCluster}`, group("data-scientists", "CAN_ATTACH_TO"));
  grant(state, `clusters/${SAMPLE_IDS.etlApiCluster}`, group("data-engineers", "CAN_MANAGE"));
  grant(state, `cluster-policies/${SAMPLE_IDS.personalPolicy}`, group("users", "CAN_USE"));
  grant(
    state,
    `cluster-policies/${SAMPLE_IDS.jobsPolicy}`,
    group("data-engineers", "CAN_USE"),
    sp(etlSp.applicationId, "CAN_USE"),
  );
  grant(state, `instance-pools/${SAMPLE_IDS.generalPool}`, group("data-engineers", "CAN_ATTACH_TO"));
  grant(
    state,
    `jobs/${J.nightlyEtl}`,
    group("data-engineers", "CAN_MANAGE_RUN"),
    group("users", "CAN_VIEW"),
    sp(etlSp.applicationId, "CAN_MANAGE"),
  );
  grant(state, `jobs/${J.hourlyReport}`, group("analytics", "CAN_VIEW"));
  grant(state, `jobs/${J.streaming}`, group("data-engineers", "CAN_MANAGE"));
  grant(
    state,
    `sql/warehouses/${SAMPLE_IDS.warehouse}`,
    group("users", "CAN_USE"),
    group("analytics", "CAN_MANAGE"),
  );
  grant(
    state,
    `pipelines/${SAMPLE_IDS.pipeline}`,
    user(alice.userName, "IS_OWNER"),
    group("data-engineers", "CAN_RUN"),
  );
  state.acls.set("authorization/tokens", [
    group("admins", "CAN_MANAGE"),
    group("data-engineers", "CAN_USE"),
    sp(etlSp.applicationId, "CAN_USE"),
  ]);
  state.acls.set("authorization/passwords", [group("admins", "CAN_USE"), user(dave.userName, "CAN_USE")]);

  state.workspaceConf = {
    enableTokensConfig: "true",
    maxTokenLifetimeDays: "90",
    enableIpAccessLists: "false",
    enableResultsDownloading: "true",
    enableExportNotebook: "true",
    enableDbfsFileBrowser: "false",
    enableWebTerminal: "true",
  };
  buildSampleUc(state, SAMPLE_IDS.spApplicationId);
  buildSampleSql(state, SAMPLE_IDS.warehouse, alice.userName);
}

const PY_INGEST = `from pyspark.sql import functions as F

# COMMAND ----------

df = spark.read.format("json").load("abfss://landing@stdrprimary.dfs.core.windows.net/orders/")
df.withColumn("ingested_at", F.current_timestamp()).write.mode("append").saveAsTable("bronze.orders")
`;
const SCALA_SCRATCH = `val df = spark.table("bronze.orders")

// COMMAND ----------

display(df.groupBy("country").count())
`;
const PY_CHURN = `# MAGIC %md
# MAGIC # Churn analysis
# MAGIC Imported from a Jupyter notebook.

# COMMAND ----------

import pandas as pd
pdf = spark.table("gold.customers").toPandas()
pdf.describe()
`;
const R_SURVIVAL = `library(survival)

# COMMAND ----------

fit <- survfit(Surv(time, status) ~ 1, data = lung)
summary(fit)
`;
const PY_BRONZE = `dbutils.widgets.text("env", "dev")
env = dbutils.widgets.get("env")
password = dbutils.secrets.get(scope="etl", key="db-password")

# COMMAND ----------

spark.table("bronze.orders").dropDuplicates(["order_id"]).write.mode("overwrite").saveAsTable("silver.orders")
`;
const SCALA_GOLD = `import org.apache.spark.sql.functions._

// COMMAND ----------

spark.table("silver.orders").groupBy("order_date").agg(sum("amount")).write.mode("overwrite").saveAsTable("gold.daily")
`;
const SQL_KPIS = `SELECT order_date, sum(amount) AS revenue
FROM gold.orders
GROUP BY order_date

-- COMMAND ----------

SELECT count(*) FROM gold.customers
`;
const PY_FEATURES = `features = spark.table("silver.orders").groupBy("customer_id").count()
features.write.mode("overwrite").saveAsTable("gold.features")
`;
const PY_TRAIN = `import mlflow
mlflow.autolog()
`;
// Small binary payloads with bytes that are not valid UTF-8, to catch text handling of binary content.
const WHEEL_BYTES = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x01];
const JAR_BYTES = [0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00, 0x00, 0x08, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28];
