/**
 * Paths and clouds: what an Azure secondary is sent for compute recorded elsewhere. Inputs are the recorded
 * API bodies (tests/fixtures/databricks-api: an AWS cluster, an AWS job), expected names come from those
 * bodies and from the provider's declarations (ClusterArgs, JobArgs).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clusterArgs } from "../../../kinds/cluster/mapping";
import { clusterPolicyArgs } from "../../../kinds/cluster-policy/mapping";
import { instancePoolArgs } from "../../../kinds/instance-pool/mapping";
import { jobSettings } from "../../../kinds/job/mapping";
import { PortEnv, portEnvOf } from "../../../components/mapping/portability";
import { Resolver } from "../../../components/mapping/refs";
import { normalizeCluster } from "../../../kinds/cluster/exporter";
import { normalizeJob } from "../../../kinds/job/exporter";
import { clusterSchema } from "../../../kinds/cluster/schema";
import { instancePoolSchema } from "../../../kinds/instance-pool/schema";
import { jobSchema } from "../../../kinds/job/schema";
import { unknownProperties } from "../helpers/provider-types";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../fixtures/databricks-api", name), "utf8"));
const resolve: Resolver = (ref) => ({ value: `sec(${ref.id})` });
const compute = {
  activation: false,
  clusterStartPolicy: "noWait" as const,
  passiveAutoTerminationMinutes: 15,
};
const env = (over: Partial<PortEnv> = {}): PortEnv => ({ storage: {}, nodeTypes: {}, ...over });
const awsCluster = () =>
  clusterSchema.parse(normalizeCluster(fixture("get-cluster-awscluster-response.json"), []));
const AWS_TYPES = {
  "i3.2xlarge": "Standard_DS4_v2",
  "i3.4xlarge": "Standard_DS5_v2",
  "i3.xlarge": "Standard_DS3_v2",
};

describe("other clouds' settings on an Azure secondary", () => {
  it("an AWS cluster with unmapped node types is not sent: skipped, naming the field and the config to set", () => {
    const m = clusterArgs(awsCluster(), compute, resolve, env());
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.skip).toMatch(
      /^spec\.node_type_id "i3\.2xlarge" is not an Azure node type: .*databricks-dr:nodeTypeMap/,
    );
  });

  it("node types mapped by nodeTypeMap; aws_attributes dropped from the args and named with its fields", () => {
    const m = clusterArgs(awsCluster(), compute, resolve, env({ nodeTypes: AWS_TYPES }));
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.args.nodeTypeId).toBe("Standard_DS4_v2");
    expect(m.args.driverNodeTypeId).toBe("Standard_DS5_v2");
    expect(m.args).not.toHaveProperty("awsAttributes");
    expect(m.args).not.toHaveProperty("aws_attributes");
    expect(unknownProperties(m.args, "ClusterArgs")).toEqual([]);
    // The fixture's aws_attributes fields.
    expect(m.notes).toContainEqual(
      expect.stringMatching(
        /^spec\.aws_attributes \(availability, ebs_volume_count, first_on_demand, instance_profile_arn, spot_bid_price_percent, zone_id\) dropped/,
      ),
    );
    expect(m.notes).toContainEqual(
      'spec.node_type_id "i3.2xlarge" mapped to Standard_DS4_v2 (databricks-dr:nodeTypeMap)',
    );
  });

  it("an Azure cluster from the recordings is sent as it was, with no note about clouds or paths", () => {
    const d = clusterSchema.parse(normalizeCluster(fixture("get-cluster-test1-response.json"), []));
    const m = clusterArgs(d, compute, resolve, env());
    expect(m.ok && m.args.nodeTypeId).toBe("Standard_DS3_v2");
    expect(m.notes.filter((n) => /node type|attributes|storage/.test(n))).toEqual([]);
  });

  it("an AWS job from the recorded jobs list: skipped until its node type is mapped, then sent without aws_attributes", () => {
    const raw = fixture("get-jobs-list.json").jobs.find((j: { job_id: number }) => j.job_id === 17);
    const d = jobSchema.parse(normalizeJob(raw));
    const none = jobSettings(d, { activation: false, resolve, port: env() });
    expect(none.ok).toBe(false);
    expect(!none.ok && none.skip).toMatch(
      /^settings\.tasks\[0\]\.new_cluster\.node_type_id "i3\.xlarge" is not an Azure node type/,
    );
    const m = jobSettings(d, { activation: false, resolve, port: env({ nodeTypes: AWS_TYPES }) });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const cluster = (m.args.tasks as { new_cluster: Record<string, unknown> }[])[0].new_cluster;
    expect(cluster.node_type_id).toBe("Standard_DS3_v2");
    expect(cluster).not.toHaveProperty("aws_attributes");
    expect(m.notes).toContainEqual(
      expect.stringMatching(/^settings\.tasks\[0\]\.new_cluster\.aws_attributes .* dropped/),
    );
  });

  it("pools: gcp_attributes dropped, a GCP node type refused until mapped", () => {
    const d = instancePoolSchema.parse({
      id: "pool-g",
      name: "gcp pool",
      spec: {
        node_type_id: "n1-standard-4",
        gcp_attributes: { gcp_availability: "PREEMPTIBLE_GCP" },
        idle_instance_autotermination_minutes: 10,
      },
    });
    const none = instancePoolArgs(d, compute, env());
    expect(!none.ok && none.skip).toMatch(/^spec\.node_type_id "n1-standard-4" is not an Azure node type/);
    const m = instancePoolArgs(d, compute, env({ nodeTypes: { "n1-standard-4": "Standard_D4s_v3" } }));
    expect(m.ok && m.args.nodeTypeId).toBe("Standard_D4s_v3");
    expect(m.ok && m.args).not.toHaveProperty("gcpAttributes");
    expect(m.notes).toContainEqual(
      expect.stringMatching(/^spec\.gcp_attributes \(gcp_availability\) dropped/),
    );
  });

  it("policies: rules on aws_attributes dropped, node types mapped or left out, each named", () => {
    const definition = JSON.stringify({
      "aws_attributes.availability": { type: "fixed", value: "SPOT_WITH_FALLBACK" },
      node_type_id: {
        type: "allowlist",
        values: ["m5d.large", "Standard_DS3_v2", "i3.xlarge"],
        defaultValue: "Standard_DS3_v2",
      },
      spark_version: { type: "fixed", value: "14.3.x-scala2.12" },
    });
    const m = clusterPolicyArgs(
      { id: "P", name: "p", definition },
      resolve,
      env({ nodeTypes: { "i3.xlarge": "Standard_DS3_v2" } }),
    );
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(JSON.parse(m.args.definition as string)).toEqual({
      node_type_id: {
        type: "allowlist",
        values: ["Standard_DS3_v2", "Standard_DS3_v2"],
        defaultValue: "Standard_DS3_v2",
      },
      spark_version: { type: "fixed", value: "14.3.x-scala2.12" },
    });
    expect(m.notes).toEqual([
      'definition["aws_attributes.availability"] dropped: a rule on another cloud\'s attributes does not apply in Azure',
      expect.stringMatching(
        /^definition\.node_type_id\.values\[0\] "m5d\.large" is not an Azure node type.*left out of the list/,
      ),
    ]);
  });

  it("a policy with nothing to port keeps its definition byte for byte", () => {
    const definition =
      '{"spark_version":{"type":"fixed","value":"14.3.x-scala2.12"},  "x":{"type":"unlimited"}}';
    const m = clusterPolicyArgs({ id: "P", name: "p", definition }, resolve, env());
    expect(m.ok && m.args.definition).toBe(definition);
  });
});

describe("paths to the primary's storage", () => {
  const storage = {
    accounts: { prodlake: { account: "drlake", containers: { raw: "raw-dr" } }, grsacct: "keep" },
    catalogs: { main: "main_dr" },
  };
  const spec = () => ({
    spark_version: "14.3.x-scala2.12",
    node_type_id: "Standard_DS3_v2",
    init_scripts: [
      { volumes: { destination: "/Volumes/main/ops/scripts/init.sh" } },
      { abfss: { destination: "abfss://raw@prodlake.dfs.core.windows.net/init/setup.sh" } },
      { abfss: { destination: "abfss://cfg@grsacct.dfs.core.windows.net/init.sh" } },
      { s3: { destination: "s3://bucket/init.sh", region: "us-west-2" } },
      { abfss: { destination: "abfss://data@otheracct.dfs.core.windows.net/init.sh" } },
    ],
  });
  const cluster = () =>
    clusterSchema.parse({
      id: "c1",
      name: "c",
      source: "UI",
      pinned: false,
      spec: spec(),
      libraries: [
        { jar: "abfss://raw@prodlake.dfs.core.windows.net/jars/a.jar" },
        { whl: "/Volumes/sandbox/libs/w/x.whl" },
        { pypi: { package: "requests" } },
      ],
    });

  it("cluster init scripts and libraries are rewritten by the storage map; S3 scripts dropped; the rest named", () => {
    const m = clusterArgs(cluster(), compute, resolve, portEnvOf({ storageMap: storage }));
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.args.initScripts).toEqual([
      { volumes: { destination: "/Volumes/main_dr/ops/scripts/init.sh" } },
      { abfss: { destination: "abfss://raw-dr@drlake.dfs.core.windows.net/init/setup.sh" } },
      { abfss: { destination: "abfss://cfg@grsacct.dfs.core.windows.net/init.sh" } },
      { abfss: { destination: "abfss://data@otheracct.dfs.core.windows.net/init.sh" } },
    ]);
    expect(m.args.libraries).toEqual([
      { jar: "abfss://raw-dr@drlake.dfs.core.windows.net/jars/a.jar" },
      { whl: "/Volumes/sandbox/libs/w/x.whl" },
      { pypi: { package: "requests" } },
    ]);
    expect(m.notes).toEqual([
      expect.stringMatching(/^spec\.init_scripts\[3\]\.s3 \("s3:\/\/bucket\/init\.sh"\) dropped/),
      expect.stringMatching(
        /^spec\.init_scripts\[4\]\.abfss\.destination "abfss:\/\/data@otheracct.*storage account "otheracct" is not in databricks-dr:storageMap/,
      ),
      expect.stringMatching(/^libraries\[1\]\.whl "\/Volumes\/sandbox\/.*catalog "sandbox"/),
    ]);
  });

  it("job clusters and task libraries too, by field", () => {
    const d = jobSchema.parse({
      id: "9",
      name: "etl",
      settings: {
        name: "etl",
        job_clusters: [{ job_cluster_key: "main", new_cluster: spec() }],
        tasks: [
          {
            task_key: "t1",
            job_cluster_key: "main",
            spark_python_task: { python_file: "/Workspace/Shared/x.py" },
            libraries: [
              { whl: "/Volumes/main/libs/w/etl.whl" },
              { jar: "abfss://jars@nowhere.dfs.core.windows.net/a.jar" },
            ],
          },
        ],
      },
      originalPause: {},
    });
    const m = jobSettings(d, { activation: false, resolve, port: portEnvOf({ storageMap: storage }) });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const s = m.args as {
      job_clusters: { new_cluster: { init_scripts: unknown[] } }[];
      tasks: { libraries: unknown[] }[];
    };
    expect(s.job_clusters[0].new_cluster.init_scripts[0]).toEqual({
      volumes: { destination: "/Volumes/main_dr/ops/scripts/init.sh" },
    });
    expect(s.tasks[0].libraries).toEqual([
      { whl: "/Volumes/main_dr/libs/w/etl.whl" },
      { jar: "abfss://jars@nowhere.dfs.core.windows.net/a.jar" },
    ]);
    expect(m.notes).toContainEqual(
      expect.stringMatching(
        /^settings\.job_clusters\[0\]\.new_cluster\.init_scripts\[4\]\.abfss\.destination/,
      ),
    );
    expect(m.notes).toContainEqual(
      expect.stringMatching(/^settings\.tasks\[0\]\.libraries\[1\]\.jar "abfss:\/\/jars@nowhere/),
    );
  });

  it("policy init-script destinations are rewritten inside the definition", () => {
    const definition = JSON.stringify({
      "init_scripts.0.volumes.destination": { type: "fixed", value: "/Volumes/main/ops/scripts/init.sh" },
      "init_scripts.1.abfss.destination": {
        type: "fixed",
        value: "abfss://x@unknownacct.dfs.core.windows.net/i.sh",
      },
    });
    const m = clusterPolicyArgs(
      { id: "P", name: "p", definition },
      resolve,
      portEnvOf({ storageMap: storage }),
    );
    expect(m.ok && JSON.parse(m.args.definition as string)["init_scripts.0.volumes.destination"].value).toBe(
      "/Volumes/main_dr/ops/scripts/init.sh",
    );
    expect(m.notes).toEqual([
      expect.stringMatching(
        /^definition\["init_scripts\.1\.abfss\.destination"\]\.value "abfss:\/\/x@unknownacct/,
      ),
    ]);
  });

  it("mounts the stack re-creates keep their /mnt paths; others are named", () => {
    const d = clusterSchema.parse({
      ...cluster(),
      spec: { spark_version: "x", node_type_id: "Standard_DS3_v2" },
      libraries: [{ jar: "dbfs:/mnt/raw/a.jar" }, { jar: "dbfs:/mnt/gone/b.jar" }],
    });
    const m = clusterArgs(
      d,
      compute,
      () => ({ missing: "not exported" }),
      portEnvOf({ mounts: [{ name: "raw" }] }),
    );
    expect(m.notes.filter((n) => n.includes("storageMap"))).toEqual([
      expect.stringMatching(/^libraries\[1\]\.jar "dbfs:\/mnt\/gone\/b\.jar".*mount "gone"/),
    ]);
  });
});
