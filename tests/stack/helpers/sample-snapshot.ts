/**
 * A small snapshot with every kind and the references between them, written as the exporter writes
 * snapshots and validated by readSnapshot. Its ids are the primary's: the program tests check that none of
 * them reaches the secondary. (When the exporter's snapshot of the emulator's `sample` workspace is
 * settled, program tests can switch to it; tests/stack/program-exported.test.ts already builds it.)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { content, SnapshotDescriptors, writeSnapshotDir } from "../../../bench/stack-build";

export const ALICE = "alice@contoso.com";
export const BOB = "bob@contoso.com";
/** Not in Entra ID in the mocks. */
export const GHOST = "ghost@contoso.com";
export const SP_OK = "11111111-1111-4111-8111-111111111111";
/** Not in Entra ID in the mocks. */
export const SP_MISSING = "22222222-2222-4222-8222-222222222222";

export const CLUSTER_1 = "0101-111111-abc123";
export const CLUSTER_2 = "0101-222222-def456";
export const POOL_1 = "0101-333333-pool01";
export const POLICY_1 = "E0631F5C0D0005D1";
export const WAREHOUSE_1 = "a1b2c3d4e5f60718";
/** Primary ids that must never appear in the secondary's resource inputs. */
export const PRIMARY_IDS = [CLUSTER_1, CLUSTER_2, POOL_1, POLICY_1, WAREHOUSE_1];

export { SECRET_DB_PASSWORD } from "./build";

export function sampleDescriptors(): { descriptors: SnapshotDescriptors; contents: Record<string, string> } {
  const c: Record<string, string> = {};
  const d: SnapshotDescriptors = {};
  d.user = [
    {
      id: ALICE,
      userName: ALICE,
      displayName: "Alice",
      active: true,
      entitlements: ["allow-cluster-create"],
      roles: [],
    },
    { id: BOB, userName: BOB, active: true, entitlements: [], roles: [] },
    { id: GHOST, userName: GHOST, active: true, entitlements: [], roles: [] },
  ];
  d["service-principal"] = [
    { id: SP_OK, applicationId: SP_OK, displayName: "etl-sp", active: true, entitlements: [], roles: [] },
    {
      id: SP_MISSING,
      applicationId: SP_MISSING,
      displayName: "old-sp",
      active: true,
      entitlements: [],
      roles: [],
    },
  ];
  d.group = [
    {
      id: "admins",
      displayName: "admins",
      members: [{ kind: "user", id: ALICE }],
      entitlements: [],
      roles: [],
    },
    {
      id: "data-eng",
      displayName: "data-eng",
      members: [
        { kind: "user", id: BOB },
        { kind: "service-principal", id: SP_OK },
        { kind: "group", id: "analysts" },
        { kind: "user", id: GHOST },
      ],
      entitlements: ["workspace-access", "databricks-sql-access"],
      roles: [],
    },
    {
      id: "analysts",
      displayName: "analysts",
      members: [{ kind: "user", id: ALICE }],
      entitlements: [],
      roles: [],
    },
  ];
  d.directory = [
    { id: "/Shared/etl", path: "/Shared/etl" },
    { id: `/Users/${ALICE}/project`, path: `/Users/${ALICE}/project` },
  ];
  d.notebook = [
    {
      id: "/Shared/etl/ingest",
      path: "/Shared/etl/ingest",
      language: "PYTHON",
      content: content(
        c,
        "content/workspace/Shared/etl/ingest.py",
        "# Databricks notebook source\nprint(1)\n",
      ),
    },
    {
      id: "/Shared/etl/transform",
      path: "/Shared/etl/transform",
      language: "SCALA",
      content: content(
        c,
        "content/workspace/Shared/etl/transform.scala",
        "// Databricks notebook source\nval x = 1\n",
      ),
    },
    {
      id: `/Users/${ALICE}/project/report`,
      path: `/Users/${ALICE}/project/report`,
      language: "SQL",
      content: content(
        c,
        `content/workspace/Users/${ALICE}/project/report.sql`,
        "-- Databricks notebook source\nSELECT 1\n",
      ),
    },
    {
      id: `/Users/${ALICE}/project/stats`,
      path: `/Users/${ALICE}/project/stats`,
      language: "R",
      content: content(
        c,
        `content/workspace/Users/${ALICE}/project/stats.r`,
        "# Databricks notebook source\nx <- 1\n",
      ),
    },
  ];
  d["workspace-file"] = [
    {
      id: "/Shared/etl/config.yaml",
      path: "/Shared/etl/config.yaml",
      content: content(c, "content/workspace/Shared/etl/config.yaml", "env: prod\n"),
    },
    {
      id: "/Shared/etl/init.sh",
      path: "/Shared/etl/init.sh",
      content: content(c, "content/workspace/Shared/etl/init.sh", "#!/bin/bash\necho init\n"),
    },
  ];
  d.repo = [
    {
      id: `/Repos/${ALICE}/etl-repo`,
      path: `/Repos/${ALICE}/etl-repo`,
      url: "https://github.com/contoso/etl.git",
      provider: "gitHub",
      branch: "main",
    },
  ];
  d["dbfs-file"] = [
    {
      id: "dbfs:/databricks/init/setup.sh",
      path: "/databricks/init/setup.sh",
      content: content(c, "content/dbfs/databricks/init/setup.sh", "#!/bin/bash\n"),
    },
    {
      id: "dbfs:/FileStore/jars/lib.jar",
      path: "/FileStore/jars/lib.jar",
      content: content(c, "content/dbfs/FileStore/jars/lib.jar", "PK-jar"),
    },
  ];
  d["instance-pool"] = [
    {
      id: POOL_1,
      name: "etl-pool",
      spec: {
        node_type_id: "Standard_DS3_v2",
        min_idle_instances: 3,
        idle_instance_autotermination_minutes: 15,
        preloaded_spark_versions: ["15.4.x-scala2.12"],
      },
    },
  ];
  d["cluster-policy"] = [
    {
      id: POLICY_1,
      name: "etl-policy",
      definition: JSON.stringify({
        instance_pool_id: { type: "fixed", value: POOL_1 },
        "spark_conf.spark.databricks.io.cache.enabled": { type: "fixed", value: "true" },
      }),
      maxClustersPerUser: 2,
    },
  ];
  d.cluster = [
    {
      id: CLUSTER_1,
      name: "etl-shared",
      source: "UI",
      pinned: false,
      spec: {
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        autoscale: { min_workers: 1, max_workers: 4 },
        autotermination_minutes: 120,
        policy_id: POLICY_1,
        instance_pool_id: POOL_1,
        spark_conf: { "spark.databricks.io.cache.enabled": "true" },
        custom_tags: { team: "etl" },
        init_scripts: [
          { dbfs: { destination: "dbfs:/databricks/init/setup.sh" } },
          { workspace: { destination: "/Shared/etl/init.sh" } },
        ],
      },
      libraries: [
        { pypi: { package: "requests==2.32.0" } },
        { maven: { coordinates: "com.example:lib:1.0" } },
        { jar: "dbfs:/FileStore/jars/lib.jar" },
      ],
    },
    {
      id: CLUSTER_2,
      name: "alice-personal",
      source: "API",
      pinned: true,
      spec: {
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 0,
        autotermination_minutes: 0,
        data_security_mode: "SINGLE_USER",
        single_user_name: ALICE,
      },
      libraries: [],
    },
  ];
  d["sql-warehouse"] = [
    {
      id: WAREHOUSE_1,
      name: "bi",
      spec: {
        cluster_size: "Small",
        min_num_clusters: 1,
        max_num_clusters: 2,
        auto_stop_mins: 45,
        enable_photon: true,
      },
    },
  ];
  d.job = [
    {
      id: "101",
      name: "nightly-etl",
      settings: {
        name: "nightly-etl",
        max_concurrent_runs: 1,
        job_clusters: [
          {
            job_cluster_key: "etl",
            new_cluster: {
              spark_version: "15.4.x-scala2.12",
              node_type_id: "Standard_DS3_v2",
              num_workers: 2,
              policy_id: POLICY_1,
            },
          },
        ],
        tasks: [
          {
            task_key: "ingest",
            job_cluster_key: "etl",
            notebook_task: {
              notebook_path: "/Shared/etl/ingest",
              base_parameters: { "run.date": "{{job.start_time.iso_date}}" },
            },
          },
          {
            task_key: "transform",
            depends_on: [{ task_key: "ingest" }],
            existing_cluster_id: CLUSTER_1,
            notebook_task: { notebook_path: "/Shared/etl/transform" },
            libraries: [{ jar: "dbfs:/FileStore/jars/lib.jar" }],
          },
          {
            task_key: "publish",
            depends_on: [{ task_key: "transform" }],
            sql_task: {
              warehouse_id: WAREHOUSE_1,
              file: { path: "/Shared/etl/config.yaml", source: "WORKSPACE" },
            },
          },
        ],
        schedule: { quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
        email_notifications: { on_failure: ["oncall@contoso.com"], on_success: ["team@contoso.com"] },
      },
      originalPause: { schedule: "UNPAUSED" },
      runAs: { servicePrincipalName: SP_OK },
    },
    {
      id: "102",
      name: "stream",
      settings: {
        name: "stream",
        tasks: [
          {
            task_key: "wheel",
            existing_cluster_id: CLUSTER_2,
            python_wheel_task: { package_name: "etl", entry_point: "main" },
          },
        ],
        continuous: { pause_status: "PAUSED" },
      },
      originalPause: { continuous: "PAUSED" },
    },
    {
      id: "103",
      name: "on-arrival",
      settings: {
        name: "on-arrival",
        tasks: [{ task_key: "trigger-etl", run_job_task: { job_id: 101 } }],
        trigger: {
          file_arrival: { url: "abfss://landing@contosodata.dfs.core.windows.net/in/" },
          pause_status: "UNPAUSED",
        },
      },
      originalPause: { trigger: "UNPAUSED" },
      runAs: { userName: ALICE },
    },
    {
      id: "104",
      name: "legacy",
      settings: {
        name: "legacy",
        existing_cluster_id: CLUSTER_1,
        notebook_task: { notebook_path: `/Users/${ALICE}/project/report` },
        schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
      },
      originalPause: { schedule: "PAUSED" },
    },
    {
      id: "105",
      name: "orphan",
      settings: {
        name: "orphan",
        tasks: [
          {
            task_key: "t",
            existing_cluster_id: "0101-999999-gone00",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
        ],
      },
      originalPause: {},
    },
    {
      id: "106",
      name: "alerts",
      settings: {
        name: "alerts",
        tasks: [
          { task_key: "t", job_cluster_key: "c", notebook_task: { notebook_path: "/Shared/etl/ingest" } },
        ],
        job_clusters: [
          {
            job_cluster_key: "c",
            new_cluster: {
              spark_version: "15.4.x-scala2.12",
              node_type_id: "Standard_DS3_v2",
              num_workers: 1,
            },
          },
        ],
        webhook_notifications: { on_failure: [{ id: "0481e838-0a59-4eff-9541-a4ca6f149574" }] },
        schedule: { quartz_cron_expression: "0 30 * * * ?", timezone_id: "Europe/Paris" },
      },
      originalPause: { schedule: "UNPAUSED" },
    },
  ];
  d["global-init-script"] = [
    {
      id: "monitoring",
      name: "monitoring",
      enabled: true,
      position: 0,
      content: content(c, "content/global-init-scripts/monitoring.sh", "#!/bin/bash\necho monitor\n"),
    },
  ];
  d["secret-scope"] = [
    {
      id: "etl",
      name: "etl",
      backend: "DATABRICKS",
      keys: ["api-key", "db-password"],
      acls: [
        { principal: "data-eng", permission: "READ" },
        { principal: ALICE, permission: "MANAGE" },
        { principal: GHOST, permission: "READ" },
      ],
    },
    {
      id: "kv",
      name: "kv",
      backend: "AZURE_KEYVAULT",
      keyVault: {
        resourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso-kv",
        dnsName: "https://contoso-kv.vault.azure.net/",
      },
      keys: [],
      acls: [],
    },
  ];
  d["workspace-conf"] = [{ id: "workspace-conf", values: { enableTokensConfig: "true" } }];
  const grant = (kind: "user" | "group" | "service-principal", id: string, level: string) => ({
    principal: { kind, id },
    level,
  });
  d.permissions = [
    {
      id: `clusters:${CLUSTER_1}`,
      objectType: "clusters",
      objectId: CLUSTER_1,
      acl: [grant("group", "data-eng", "CAN_RESTART"), grant("user", GHOST, "CAN_ATTACH_TO")],
    },
    {
      id: `cluster-policies:${POLICY_1}`,
      objectType: "cluster-policies",
      objectId: POLICY_1,
      acl: [grant("group", "data-eng", "CAN_USE")],
    },
    {
      id: `instance-pools:${POOL_1}`,
      objectType: "instance-pools",
      objectId: POOL_1,
      acl: [grant("group", "data-eng", "CAN_ATTACH_TO")],
    },
    {
      id: "jobs:101",
      objectType: "jobs",
      objectId: "101",
      acl: [
        grant("user", ALICE, "IS_OWNER"),
        grant("group", "data-eng", "CAN_MANAGE_RUN"),
        grant("service-principal", SP_OK, "CAN_VIEW"),
      ],
    },
    { id: "jobs:105", objectType: "jobs", objectId: "105", acl: [grant("user", BOB, "IS_OWNER")] },
    {
      id: "notebooks:/Shared/etl/ingest",
      objectType: "notebooks",
      objectId: "/Shared/etl/ingest",
      acl: [grant("group", "analysts", "CAN_RUN")],
    },
    {
      id: "directories:/Shared/etl",
      objectType: "directories",
      objectId: "/Shared/etl",
      acl: [grant("group", "data-eng", "CAN_MANAGE"), grant("user", BOB, "CAN_EDIT")],
    },
    {
      id: "files:/Shared/etl/config.yaml",
      objectType: "files",
      objectId: "/Shared/etl/config.yaml",
      acl: [grant("group", "data-eng", "CAN_READ")],
    },
    {
      id: `repos:/Repos/${ALICE}/etl-repo`,
      objectType: "repos",
      objectId: `/Repos/${ALICE}/etl-repo`,
      acl: [grant("user", BOB, "CAN_READ")],
    },
    {
      id: `sql/warehouses:${WAREHOUSE_1}`,
      objectType: "sql/warehouses",
      objectId: WAREHOUSE_1,
      acl: [grant("group", "analysts", "CAN_USE")],
    },
    {
      id: "authorization/tokens:tokens",
      objectType: "authorization/tokens",
      objectId: "tokens",
      acl: [grant("group", "data-eng", "CAN_USE")],
    },
  ];
  return { descriptors: d, contents: c };
}

/** Writes the sample snapshot into a new temporary directory (optionally edited first). */
export function writeSampleSnapshot(edit?: (d: SnapshotDescriptors) => void): string {
  const { descriptors, contents } = sampleDescriptors();
  edit?.(descriptors);
  return writeSnapshotDir(fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-stack-")), descriptors, contents);
}
