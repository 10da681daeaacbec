import { createCluster } from "../routes/clusters";
import { installLibraries } from "../routes/libraries";
import { createPolicy } from "../routes/policies";
import { createPool } from "../routes/pools";
import { createWarehouse } from "../routes/sql";
import { SAMPLE_IDS, SampleContext } from "./sample-ids";

/** Pools, policies, clusters (with the ones other services own), libraries, the SQL warehouse, a DLT pipeline. */
export function addSampleCompute({ state, tick, people }: SampleContext): void {
  const { admin, alice, bob, etlSp } = people;
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
}
