/**
 * Cutover: with activation on, each job gets back exactly the pause state it had in the primary (a job
 * paused there stays paused), pools their idle instances, clusters their own auto-termination.
 */
import { buildStack, secondaryValues } from "./helpers/build";
import { jobNamed } from "./helpers/jobs";
import { MockWorld } from "./helpers/mocks";
import { CLUSTER_1, CLUSTER_2, POOL_1, WAREHOUSE_1, writeSampleSnapshot } from "./helpers/sample-snapshot";

let world: MockWorld;
const stackTraceLimit = Error.stackTraceLimit;
beforeAll(async () => {
  ({ world } = await buildStack(
    secondaryValues(writeSampleSnapshot(), {
      activation: "true",
      mounts: JSON.stringify([{ name: "raw", container: "raw", directory: "/landing" }]),
      mountAuth: JSON.stringify({
        clientId: "app-1",
        tenantId: "tenant-1",
        secretScope: "etl",
        secretKey: "db-password",
      }),
    }),
  ));
});

/** A job's settings (the Jobs API's) as its batch holds them. */
const job = (name: string) => jobNamed(world, name).settings;

it("restores every trigger's original pause state", () => {
  expect(job("nightly-etl").schedule).toMatchObject({
    pause_status: "UNPAUSED",
    quartz_cron_expression: "0 0 2 * * ?",
  });
  expect(job("stream").continuous).toEqual({ pause_status: "PAUSED" });
  expect(job("on-arrival").trigger).toMatchObject({ pause_status: "UNPAUSED" });
  expect(job("legacy").schedule).toMatchObject({ pause_status: "PAUSED" });
  // No pause_status in the primary's settings means UNPAUSED, and the exporter recorded it so.
  expect(job("alerts").schedule).toMatchObject({ pause_status: "UNPAUSED", timezone_id: "Europe/Paris" });
});

it("gives compute back its own settings", () => {
  const cluster = (id: string) => world.one("databricks:index/cluster:Cluster", `cluster:${id}`).inputs;
  expect(cluster(CLUSTER_1).autoterminationMinutes).toBe(120);
  expect(cluster(CLUSTER_2).autoterminationMinutes).toBe(0);
  expect(
    world.one("databricks:index/instancePool:InstancePool", `pool:${POOL_1}`).inputs.minIdleInstances,
  ).toBe(3);
  expect(
    world.one("databricks:index/sqlEndpoint:SqlEndpoint", `warehouse:${WAREHOUSE_1}`).inputs.autoStopMins,
  ).toBe(45);
});

it("re-creates configured mounts on this region's storage account, after the secret scope they read", () => {
  const mount = world.one("databricks:index/mount:Mount", "mount:raw");
  const account = world.byType("azure-native:storage:StorageAccount")[0];
  expect(mount.inputs).toMatchObject({
    name: "raw",
    abfs: {
      containerName: "raw",
      directory: "/landing",
      storageAccountName: account.inputs.accountName,
      clientId: "app-1",
      tenantId: "tenant-1",
      clientSecretScope: "etl",
      clientSecretKey: "db-password",
    },
  });
  expect(mount.dependencies).toContain(
    world.one("databricks:index/secretScope:SecretScope", "scope:etl").urn,
  );
});

it("restores the stack-trace limit it lowers while registering resources", () => {
  expect(Error.stackTraceLimit).toBe(stackTraceLimit);
});
