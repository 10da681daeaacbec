/**
 * Plaintext credentials in exported settings (kinds/credentials.ts finds them) reach Pulumi as secrets:
 * the registered input that carries one is secret-marked, the others stay plain.
 */
import { buildStack, secondaryValues } from "./helpers/build";
import { JOB_BATCH, jobNamed } from "./helpers/jobs";
import { MockWorld, Registration, SECRET_SIG } from "./helpers/mocks";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { sampleWorld } from "../helpers/sample-world";

// Built at run time: nothing credential-shaped is committed.
const PAT = "dapi" + "9b".repeat(16);
const PASSWORD = "plain-pass-" + "w0rd".repeat(3);

const isSecret = (v: unknown) => !!v && typeof v === "object" && SECRET_SIG in (v as object);

function snapshotWithCredentials(): { dir: string; cluster: string; job: string } {
  // The emulator sample's Shared Autoscaling cluster and Nightly ETL job.
  const dir = sampleWorld()
    .update("cluster", SAMPLE_IDS.sharedCluster, (c) => {
      c.spec.spark_conf = { ...(c.spec.spark_conf as object), "spark.databricks.service.token": PAT };
    })
    .update("job", String(SAMPLE_IDS.jobs.nightlyEtl), (j) => {
      j.settings.parameters = [{ name: "warehouse_password", default: PASSWORD }];
    })
    .write();
  return { dir, cluster: "Shared Autoscaling", job: "Nightly ETL" };
}

describe("credentials become secret inputs", () => {
  it("one resource per object: the cluster's sparkConf and the job's own batch are secret", async () => {
    const s = snapshotWithCredentials();
    const { world } = await buildStack(secondaryValues(s.dir));
    const clusters = world.byType("databricks:index/cluster:Cluster");
    const withPat = clusters.find((r) => r.inputs.clusterName === s.cluster)!;
    expect(isSecret(withPat.rawInputs.sparkConf)).toBe(true);
    expect((withPat.inputs.sparkConf as Record<string, string>)["spark.databricks.service.token"]).toBe(PAT);
    // What carries no credential stays a plain input.
    expect(isSecret(withPat.rawInputs.sparkVersion)).toBe(false);
    for (const other of clusters.filter((r) => r !== withPat))
      expect(isSecret(other.rawInputs.sparkConf)).toBe(false);
    // A job is its own batch (or its run_job component's): that batch's jobs input is secret, no other.
    const withPassword = jobNamed(world, s.job).batch;
    expect(isSecret(withPassword.rawInputs.jobs)).toBe(true);
    expect(
      (withPassword.inputs.jobs as Record<string, { parameters: unknown }>)[jobNamed(world, s.job).sourceId]
        .parameters,
    ).toEqual([{ name: "warehouse_password", default: PASSWORD }]);
    expect(isSecret(withPassword.rawInputs.order)).toBe(false);
    const others = world.byType(JOB_BATCH).filter((r) => r !== withPassword);
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(isSecret(other.rawInputs.jobs)).toBe(false);
    expect(plainText(world, [withPat, withPassword])).not.toMatch(new RegExp(`${PAT}|${PASSWORD}`));
  });

  it("job batches: the batch input holding the job is secret", async () => {
    const s = snapshotWithCredentials();
    const { world } = await buildStack(
      secondaryValues(s.dir, { granularity: JSON.stringify({ jobsPerObjectMax: 0 }) }),
    );
    const batches = world.registrations.filter(
      (r) => r.inputs.jobs !== undefined && r.inputs.order !== undefined,
    );
    expect(batches.length).toBeGreaterThan(0);
    const holding = batches.filter((r) => JSON.stringify(r.inputs.jobs).includes(PASSWORD));
    expect(holding).toHaveLength(1);
    expect(isSecret(holding[0].rawInputs.jobs)).toBe(true);
    for (const other of batches.filter((r) => r !== holding[0]))
      expect(isSecret(other.rawInputs.jobs)).toBe(false);
  });
});

/** Every registration's raw (secret-marked) inputs but the given ones, as text. */
function plainText(world: MockWorld, except: Registration[]): string {
  return JSON.stringify(world.registrations.filter((r) => !except.includes(r)).map((r) => r.rawInputs));
}

describe("every field the scan flags is a secret input, whatever kind holds it", () => {
  // A storage account key: 86 base64 characters and "==" (built at run time).
  const KEY = "Qk".repeat(43) + "==";
  const SECRETISH = "top-secret-" + "v4lue".repeat(3);

  it("cluster spark_env_vars, task base_parameters, job cluster env, pool tags, policy definition, warehouse tags", async () => {
    // The emulator sample's Shared Autoscaling cluster, Nightly ETL job, general pool, job policy, warehouse.
    const dir = sampleWorld()
      .update("cluster", SAMPLE_IDS.sharedCluster, (c) => {
        c.spec.spark_env_vars = { STORAGE_KEY: KEY };
      })
      .update("job", String(SAMPLE_IDS.jobs.nightlyEtl), (j) => {
        const tasks = j.settings.tasks as { notebook_task?: { base_parameters?: Record<string, string> } }[];
        tasks[0].notebook_task!.base_parameters = { db_password: SECRETISH };
        const jc = j.settings.job_clusters as { new_cluster: Record<string, unknown> }[];
        jc[0].new_cluster.spark_env_vars = { SAS_TOKEN: KEY };
      })
      .update("instance-pool", SAMPLE_IDS.generalPool, (p) => {
        p.spec.custom_tags = { storage_account_key: KEY };
      })
      .update("cluster-policy", SAMPLE_IDS.jobsPolicy, (p) => {
        const policy = JSON.parse(p.definition as string);
        policy["spark_conf.fs.azure.account.key.acct.dfs.core.windows.net"] = { type: "fixed", value: KEY };
        p.definition = JSON.stringify(policy);
      })
      .update("sql-warehouse", SAMPLE_IDS.warehouse, (w) => {
        w.spec.tags = { custom_tags: [{ key: "storage", value: KEY }] };
      })
      .write();
    const { world } = await buildStack(secondaryValues(dir));
    const named = (type: string, field: string, name: string) =>
      world.byType(`databricks:index/${type}`).find((r) => r.inputs[field] === name)!;
    const cluster = named("cluster:Cluster", "clusterName", "Shared Autoscaling");
    expect(isSecret(cluster.rawInputs.sparkEnvVars)).toBe(true);
    // The job's batch holds its tasks and job clusters: its jobs input is secret.
    const job = jobNamed(world, "Nightly ETL").batch;
    expect(isSecret(job.rawInputs.jobs)).toBe(true);
    const pool = named("instancePool:InstancePool", "instancePoolName", "general-pool");
    const policy = named("clusterPolicy:ClusterPolicy", "name", "Job clusters (pool)");
    const warehouse = named("sqlEndpoint:SqlEndpoint", "name", "Analytics Warehouse");
    expect(isSecret(pool.rawInputs.customTags)).toBe(true);
    expect(isSecret(policy.rawInputs.definition)).toBe(true);
    expect(isSecret(warehouse.rawInputs.tags)).toBe(true);
    const flagged = [cluster, job, pool, policy, warehouse];
    expect(plainText(world, flagged)).not.toMatch(new RegExp(`${KEY.slice(0, 40)}|${SECRETISH}`));
  });
});
