/**
 * Descriptor factories for tests and `sampleWorkspace()`: a small workspace with every kind and the
 * references between them.
 */
import { Descriptor } from "../../kinds/registry";
import { PERMISSION_OBJECT_TYPES, PermissionObjectType } from "../../kinds/permission-types";
import { permissionsId } from "../../kinds/permissions/schema";
import { SnapshotBuilder } from "./snapshot-builder";
import { BuilderOptions } from "./snapshot-write";

export function user(userName: string, over: Partial<Descriptor<"user">> = {}): Descriptor<"user"> {
  return { id: userName, userName, active: true, entitlements: [], roles: [], ...over };
}

export function group(
  displayName: string,
  members: Descriptor<"group">["members"] = [],
  over: Partial<Descriptor<"group">> = {},
): Descriptor<"group"> {
  return { id: displayName, displayName, members, entitlements: [], roles: [], ...over };
}

export function servicePrincipal(
  applicationId: string,
  over: Partial<Descriptor<"service-principal">> = {},
): Descriptor<"service-principal"> {
  return { id: applicationId, applicationId, active: true, entitlements: [], roles: [], ...over };
}

export function directory(p: string): Descriptor<"directory"> {
  return { id: p, path: p };
}

export function cluster(
  id: string,
  name: string,
  spec: Record<string, unknown> = {},
  over: Partial<Descriptor<"cluster">> = {},
): Descriptor<"cluster"> {
  return {
    id,
    name,
    source: "UI",
    pinned: false,
    // `undefined` in `spec` removes a default (a pool-backed cluster has no node_type_id).
    spec: Object.fromEntries(
      Object.entries({
        cluster_name: name,
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 2,
        autotermination_minutes: 60,
        ...spec,
      }).filter(([, v]) => v !== undefined),
    ),
    libraries: [],
    ...over,
  };
}

export function job(
  id: string | number,
  name: string,
  settings: Record<string, unknown> = {},
  over: Partial<Descriptor<"job">> = {},
): Descriptor<"job"> {
  const s: Record<string, unknown> = { name, tasks: [], ...settings };
  const originalPause: Descriptor<"job">["originalPause"] = {};
  for (const t of ["schedule", "continuous", "trigger"] as const) {
    const v = s[t] as { pause_status?: string } | undefined;
    if (v) originalPause[t] = v.pause_status === "PAUSED" ? "PAUSED" : "UNPAUSED";
  }
  return { id: String(id), name, settings: s, originalPause, ...over };
}

export function permissions(
  objectType: PermissionObjectType,
  objectId: string,
  acl: Descriptor<"permissions">["acl"],
): Descriptor<"permissions"> {
  return { id: permissionsId(objectType, objectId), objectType, objectId, acl };
}

export const grant = (
  kind: "user" | "group" | "service-principal",
  id: string,
  level: string,
): Descriptor<"permissions">["acl"][number] => ({ principal: { kind, id }, level });

export { PERMISSION_OBJECT_TYPES };

export const SP_APP_ID = "9f0c6a52-5b1e-4c55-a3f1-2b7de1c0a001";

/**
 * A small workspace with every kind, references among them (policy and pool behind clusters, jobs on an
 * existing cluster, a warehouse, a notebook, another job), paused and unpaused triggers, two jobs sharing a
 * name, secrets whose values are needed, skipped objects.
 */
export function sampleWorkspace(opts: BuilderOptions = {}): SnapshotBuilder {
  const alice = "alice@contoso.com";
  const bob = "bob@contoso.com";
  const b = new SnapshotBuilder(opts)
    .add(
      "user",
      user(alice, { displayName: "Alice Ng", externalId: "a1", entitlements: ["allow-cluster-create"] }),
      user(bob, { displayName: "Bob Stone", externalId: "b2" }),
      user("carol@fabrikam.com", { displayName: "Carol (guest)" }),
    )
    .add(
      "group",
      group("admins", [{ kind: "user", id: alice }]),
      group("data-eng", [
        { kind: "user", id: alice },
        { kind: "user", id: bob },
        { kind: "service-principal", id: SP_APP_ID },
      ]),
    )
    .add("service-principal", servicePrincipal(SP_APP_ID, { displayName: "etl-runner" }))
    .add("directory", directory("/Shared"), directory("/Shared/etl"), directory(`/Users/${alice}`))
    .notebook("/Shared/etl/ingest", "# Databricks notebook source\nspark.range(10).count()\n")
    .notebook("/Shared/etl/report", "-- Databricks notebook source\nSELECT 1\n", "SQL")
    .notebook(`/Users/${alice}/explore`, "// Databricks notebook source\nval x = 1\n", "SCALA")
    .workspaceFile("/Shared/etl/config.yaml", "tables: [sales]\n")
    .add("repo", {
      id: `/Repos/${alice}/pipelines`,
      path: `/Repos/${alice}/pipelines`,
      url: "https://github.com/contoso/pipelines.git",
      provider: "gitHub",
      branch: "main",
    })
    .dbfsFile("dbfs:/databricks/init/install-deps.sh", "#!/bin/bash\npip install contoso-utils\n")
    .dbfsFile("dbfs:/FileStore/jars/udfs.jar", Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))
    .add("cluster-policy", {
      id: "E0631F5C0D000001",
      name: "Shared compute",
      definition: JSON.stringify({
        "spark_conf.spark.databricks.cluster.profile": { type: "fixed", value: "serverless" },
        autotermination_minutes: { type: "range", maxValue: 120 },
      }),
      maxClustersPerUser: 2,
    })
    .add("instance-pool", {
      id: "1101-120000-pool-warm",
      name: "warm-pool",
      spec: {
        instance_pool_name: "warm-pool",
        node_type_id: "Standard_DS4_v2",
        min_idle_instances: 2,
        idle_instance_autotermination_minutes: 30,
        preloaded_spark_versions: ["15.4.x-scala2.12"],
      },
    })
    .add(
      "cluster",
      cluster(
        "0923-164208-shared01",
        "shared-analytics",
        {
          policy_id: "E0631F5C0D000001",
          autoscale: { min_workers: 2, max_workers: 8 },
          num_workers: undefined,
          autotermination_minutes: 120,
          init_scripts: [{ dbfs: { destination: "dbfs:/databricks/init/install-deps.sh" } }],
        },
        {
          pinned: true,
          libraries: [
            { pypi: { package: "great-expectations==0.18.0" } },
            { jar: "dbfs:/FileStore/jars/udfs.jar" },
          ],
        },
      ),
      cluster("1101-000000-pooled01", "pooled-etl", {
        instance_pool_id: "1101-120000-pool-warm",
        node_type_id: undefined,
        num_workers: 4,
        autotermination_minutes: 0,
      }),
      cluster(
        "1102-000000-single01",
        "alice-single-node",
        { node_type_id: "Standard_D8s_v3", num_workers: 0, single_user_name: alice },
        { source: "API" },
      ),
    )
    .add("sql-warehouse", {
      id: "a1b2c3d4e5f60718",
      name: "reporting",
      spec: { name: "reporting", cluster_size: "Small", auto_stop_mins: 15, max_num_clusters: 2 },
    })
    .add(
      "job",
      job(101, "nightly-ingest", {
        schedule: { quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
        tasks: [
          {
            task_key: "ingest",
            existing_cluster_id: "0923-164208-shared01",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
          {
            task_key: "report",
            depends_on: [{ task_key: "ingest" }],
            sql_task: { warehouse_id: "a1b2c3d4e5f60718", query: { query_id: "q-1" } },
          },
        ],
      }),
      job(102, "hourly-report", {
        schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
        tasks: [
          {
            task_key: "main",
            existing_cluster_id: "0923-164208-shared01",
            notebook_task: { notebook_path: "/Shared/etl/report" },
          },
        ],
      }),
      job(103, "on-file-arrival", {
        trigger: { file_arrival: { url: "abfss://landing@contosodr.dfs.core.windows.net/in/" } },
        job_clusters: [
          {
            job_cluster_key: "etl",
            new_cluster: {
              spark_version: "15.4.x-scala2.12",
              policy_id: "E0631F5C0D000001",
              instance_pool_id: "1101-120000-pool-warm",
              num_workers: 2,
            },
          },
        ],
        tasks: [
          {
            task_key: "load",
            job_cluster_key: "etl",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
        ],
      }),
      job(104, "nightly-ingest", {
        continuous: { pause_status: "UNPAUSED" },
        tasks: [
          {
            task_key: "stream",
            existing_cluster_id: "1101-000000-pooled01",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
        ],
      }),
      job(105, "orchestrator", {
        tasks: [{ task_key: "run-ingest", run_job_task: { job_id: 101 } }],
      }),
    )
    .globalInitScript("datadog-agent", "#!/bin/bash\necho install agent\n")
    .add(
      "secret-scope",
      {
        id: "etl",
        name: "etl",
        backend: "DATABRICKS",
        keys: ["api-key", "db-password"],
        acls: [{ principal: "data-eng", permission: "READ" }],
      },
      {
        id: "kv-prod",
        name: "kv-prod",
        backend: "AZURE_KEYVAULT",
        keyVault: {
          resourceId: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod",
          dnsName: "https://kv-prod.vault.azure.net/",
        },
        keys: [],
        acls: [],
      },
    )
    .secretNeeded("etl", "api-key")
    .secretNeeded("etl", "db-password")
    .add("workspace-conf", {
      id: "workspace-conf",
      values: { enableIpAccessLists: "false", maxTokenLifetimeDays: "90" },
    })
    .add(
      "permissions",
      permissions("jobs", "101", [
        grant("user", alice, "IS_OWNER"),
        grant("group", "data-eng", "CAN_MANAGE_RUN"),
      ]),
      permissions("jobs", "104", [grant("user", bob, "IS_OWNER")]),
      permissions("clusters", "0923-164208-shared01", [grant("group", "data-eng", "CAN_RESTART")]),
      permissions("cluster-policies", "E0631F5C0D000001", [grant("group", "data-eng", "CAN_USE")]),
      permissions("instance-pools", "1101-120000-pool-warm", [grant("group", "data-eng", "CAN_ATTACH_TO")]),
      permissions("notebooks", "/Shared/etl/ingest", [grant("service-principal", SP_APP_ID, "CAN_RUN")]),
      permissions("directories", "/Shared/etl", [grant("group", "data-eng", "CAN_EDIT")]),
      permissions("sql/warehouses", "a1b2c3d4e5f60718", [grant("group", "data-eng", "CAN_USE")]),
      permissions("authorization/tokens", "tokens", [grant("group", "data-eng", "CAN_USE")]),
    )
    .skip("cluster", "0101-020000-jobclus1", "cluster_source JOB: created by a job run, recreated by its job")
    .skip("notebook", "/Users/bob@contoso.com/huge-model", "MAX_NOTEBOOK_SIZE_EXCEEDED: export over 10 MB");
  return b;
}
