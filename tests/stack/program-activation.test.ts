/**
 * Cutover: with activation on, each job gets back exactly the pause state it had in the primary (a job
 * paused there stays paused), pools their idle instances, clusters their own auto-termination.
 */
import { buildStack, secondaryValues } from "./helpers/build";
import { jobNamed } from "./helpers/jobs";
import { MockWorld } from "./helpers/mocks";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { sampleWorld } from "../helpers/sample-world";

let world: MockWorld;
const stackTraceLimit = Error.stackTraceLimit;
beforeAll(async () => {
  ({ world } = await buildStack(
    secondaryValues(
      // The emulator sample, its file-arrival trigger written without a pause_status (UNPAUSED in the API).
      sampleWorld()
        .update("job", String(SAMPLE_IDS.jobs.fileArrival), (j) => {
          delete (j.settings.trigger as Record<string, unknown>).pause_status;
          j.originalPause.trigger = "UNPAUSED";
        })
        .write(),
      {
        activation: "true",
        mounts: JSON.stringify([{ name: "raw", container: "raw", directory: "/landing" }]),
        mountAuth: JSON.stringify({
          clientId: "app-1",
          tenantId: "tenant-1",
          secretScope: "etl",
          secretKey: "db-password",
        }),
      },
    ),
  ));
});

/** A job's settings (the Jobs API's) as its batch holds them. */
const job = (name: string) => jobNamed(world, name).settings;

it("restores every trigger's original pause state", () => {
  // The emulator sample's jobs (emulator/seeds/sample-jobs.ts).
  expect(job("Nightly ETL").schedule).toMatchObject({
    pause_status: "UNPAUSED",
    quartz_cron_expression: "0 0 2 * * ?",
    timezone_id: "Europe/Paris",
  });
  expect(job("Streaming ingest").continuous).toEqual({ pause_status: "UNPAUSED" });
  expect(job("Hourly report refresh").schedule).toMatchObject({ pause_status: "PAUSED" });
  // No pause_status in the primary's settings means UNPAUSED, as the exporter records it.
  expect(job("Landing zone loader").trigger).toMatchObject({ pause_status: "UNPAUSED" });
});

it("gives compute back its own settings", () => {
  const cluster = (id: string) => world.one("databricks:index/cluster:Cluster", `cluster:${id}`).inputs;
  // The sample's own values (emulator/seeds/sample-compute.ts): 60 and 30 min, one idle driver, 20 min.
  expect(cluster(SAMPLE_IDS.sharedCluster).autoterminationMinutes).toBe(60);
  expect(cluster(SAMPLE_IDS.etlApiCluster).autoterminationMinutes).toBe(30);
  expect(
    world.one("databricks:index/instancePool:InstancePool", `pool:${SAMPLE_IDS.driverPool}`).inputs
      .minIdleInstances,
  ).toBe(1);
  expect(
    world.one("databricks:index/sqlEndpoint:SqlEndpoint", `warehouse:${SAMPLE_IDS.warehouse}`).inputs
      .autoStopMins,
  ).toBe(20);
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
