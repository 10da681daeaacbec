/**
 * The round trip's conversion of provider inputs into REST bodies, checked against values written from
 * outside the code: inputs as the provider's documentation spells them, bodies as the Jobs, Clusters and
 * SQL Warehouses APIs spell them (the recorded fixtures' field names).
 */
import { apiBody, blockBody, UndeclaredInput } from "../../roundtrip/api-body";

it("turns a job's provider inputs into the Jobs API's settings", () => {
  const inputs = {
    name: "etl",
    gitSource: { url: "https://github.com/contoso/etl", provider: "gitHub", branch: "main" },
    tasks: [
      {
        taskKey: "b",
        dependsOns: [{ taskKey: "a" }],
        notebookTask: { notebookPath: "/Shared/b", baseParameters: { "run.date": "x", camelKey: "y" } },
        libraries: [{ pypi: { package: "requests" } }],
      },
    ],
    emailNotifications: { onFailures: ["oncall@contoso.com"], onSuccesses: ["a@contoso.com"] },
    schedule: { quartzCronExpression: "0 0 2 * * ?", timezoneId: "UTC", pauseStatus: "PAUSED" },
    tags: { costCenter: "42" },
  };
  expect(apiBody("databricks:index/job:Job", inputs)).toEqual({
    name: "etl",
    git_source: { git_url: "https://github.com/contoso/etl", git_provider: "gitHub", git_branch: "main" },
    tasks: [
      {
        task_key: "b",
        depends_on: [{ task_key: "a" }],
        notebook_task: { notebook_path: "/Shared/b", base_parameters: { "run.date": "x", camelKey: "y" } },
        libraries: [{ pypi: { package: "requests" } }],
      },
    ],
    email_notifications: { on_failure: ["oncall@contoso.com"], on_success: ["a@contoso.com"] },
    schedule: { quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
    tags: { costCenter: "42" },
  });
});

it("keeps the keys of maps the provider declares as maps, and converts list blocks that are not", () => {
  const cluster = apiBody(
    "databricks:index/cluster:Cluster",
    {
      sparkVersion: "15.4.x-scala2.12",
      sparkConf: { "spark.databricks.io.cache.enabled": "true" },
      customTags: { teamName: "x" },
      initScripts: [{ workspace: { destination: "/Shared/init.sh" } }],
      noWait: true,
    },
    { drop: ["noWait"] },
  );
  expect(cluster).toEqual({
    spark_version: "15.4.x-scala2.12",
    spark_conf: { "spark.databricks.io.cache.enabled": "true" },
    custom_tags: { teamName: "x" },
    init_scripts: [{ workspace: { destination: "/Shared/init.sh" } }],
  });
  // A warehouse's tags are a block holding a list, not a map.
  expect(
    apiBody("databricks:index/sqlEndpoint:SqlEndpoint", {
      name: "w",
      tags: { customTags: [{ key: "team", value: "analytics" }] },
    }),
  ).toEqual({ name: "w", tags: { custom_tags: [{ key: "team", value: "analytics" }] } });
  expect(blockBody("ClusterLibrary", { maven: { coordinates: "g:a:1" } })).toEqual({
    maven: { coordinates: "g:a:1" },
  });
});

it("refuses an input the provider does not declare, at any depth, naming it", () => {
  expect(() => apiBody("databricks:index/job:Job", { gitSource: { gitUrl: "x" } })).toThrow(
    new UndeclaredInput("JobArgs.gitSource.gitUrl: the provider declares no input gitUrl on JobGitSource"),
  );
  expect(() => apiBody("databricks:index/sqlEndpoint:SqlEndpoint", { tags: { custom_tags: [] } })).toThrow(
    /SqlEndpointArgs\.tags\.custom_tags/,
  );
  expect(() => apiBody("databricks:index/nope:Nope", {})).toThrow(UndeclaredInput);
});

it("names the permissions list, the repo provider and the secret scope as their APIs do", () => {
  expect(
    apiBody("databricks:index/permissions:Permissions", {
      jobId: "1",
      accessControls: [{ groupName: "data-eng", permissionLevel: "CAN_VIEW" }],
    }),
  ).toEqual({ job_id: "1", access_control_list: [{ group_name: "data-eng", permission_level: "CAN_VIEW" }] });
  expect(
    apiBody("databricks:index/repo:Repo", { url: "u", gitProvider: "gitHub", path: "/Repos/x" }),
  ).toEqual({
    url: "u",
    provider: "gitHub",
    path: "/Repos/x",
  });
  expect(
    apiBody("databricks:index/secretScope:SecretScope", {
      name: "kv",
      keyvaultMetadata: { resourceId: "/subscriptions/x", dnsName: "https://kv.vault.azure.net/" },
    }),
  ).toEqual({
    scope: "kv",
    backend_azure_keyvault: { resource_id: "/subscriptions/x", dns_name: "https://kv.vault.azure.net/" },
  });
});
