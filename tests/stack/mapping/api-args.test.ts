/**
 * API settings -> provider arguments, checked against the provider's own type declarations: real-shaped
 * jobs, clusters, pools and warehouses (the sample snapshot and the recorded API fixtures) must map to
 * property names the provider knows, at every depth.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pauseStatesOf } from "../../../kinds/job/schema";
import { camel, MAP_FIELDS, pulumiName, toPulumiArgs } from "../../../components/mapping/api-args";
import { jobSettings } from "../../../kinds/job/mapping";
import { checkJobSettings } from "../../../roundtrip/job-batch-shape";
import { clusterArgs } from "../../../kinds/cluster/mapping";
import { instancePoolArgs } from "../../../kinds/instance-pool/mapping";
import { sqlWarehouseArgs } from "../../../kinds/sql-warehouse/mapping";
import { Resolver } from "../../../components/mapping/refs";
import { sampleWorld } from "../../helpers/sample-world";
import { mapProperties, unknownProperties } from "../helpers/provider-types";

const FIXTURES = path.join(__dirname, "../../fixtures/databricks-api");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));
const identity: Resolver = (ref) => ({ value: ref.kind === "job" ? Number(ref.id) : ref.id });
const passive = {
  activation: false,
  clusterStartPolicy: "noWait" as const,
  passiveAutoTerminationMinutes: 10,
};

describe("snake_case -> provider names", () => {
  it("camel-cases keys, pluralises list blocks and leaves user-keyed maps alone", () => {
    expect(camel("min_retry_interval_millis")).toBe("minRetryIntervalMillis");
    expect(pulumiName("depends_on", [])).toBe("dependsOns");
    expect(pulumiName("on_failure", [])).toBe("onFailures");
    expect(pulumiName("on_success", [])).toBe("onSuccesses");
    expect(pulumiName("libraries", [])).toBe("libraries");
    expect(pulumiName("on_failure", "x")).toBe("onFailure");
    expect(
      toPulumiArgs({
        spark_conf: { "spark.sql.shuffle_partitions": "8" },
        custom_tags: { cost_center: "42" },
        num_workers: 2,
      }),
    ).toEqual({
      sparkConf: { "spark.sql.shuffle_partitions": "8" },
      customTags: { cost_center: "42" },
      numWorkers: 2,
    });
  });

  it("keeps every map-typed provider property reachable from jobs, clusters, pools and warehouses verbatim", () => {
    const maps = mapProperties(["JobArgs", "ClusterArgs", "InstancePoolArgs", "SqlEndpointArgs"]);
    expect(maps.length).toBeGreaterThan(10);
    const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const missing = [...new Set(maps.map((m) => snake(m.prop)))].filter((p) => !MAP_FIELDS.has(p));
    expect(missing).toEqual([]);
  });
});

describe("mapped arguments use only names the provider declares", () => {
  // Jobs are sent as Jobs API settings (by their JobBatch): each field must name back to a JobArgs input.
  const jobFindings = (s: Record<string, unknown>) =>
    checkJobSettings(s).map((f) => `${f.path}: ${f.problem}`);
  it("for every job of the sample world (the emulator sample's export)", () => {
    let checked = 0;
    for (const j of sampleWorld().list("job")) {
      const m = jobSettings(j, { activation: false, resolve: identity });
      if (!m.ok) continue;
      expect(jobFindings(m.args)).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it.each(["get-job-12.json", "get-job-14.json", "get-job-15.json"])("for the recorded job %s", (name) => {
    const body = fixture(name);
    const m = jobSettings(
      {
        id: String(body.job_id),
        name: body.settings.name ?? "",
        settings: body.settings,
        originalPause: pauseStatesOf(body.settings),
      },
      { activation: false, resolve: identity },
    );
    if (!m.ok) throw new Error(m.skip);
    expect(jobFindings(m.args)).toEqual([]);
  });

  it("for clusters (sample and recorded), pools and warehouses", () => {
    const world = sampleWorld();
    for (const c of world.list("cluster")) {
      const m = clusterArgs(c, passive, identity);
      if (!m.ok) throw new Error(m.skip);
      expect(unknownProperties(m.args, "ClusterArgs")).toEqual([]);
    }
    const recorded = fixture("get-cluster-test1-response.json");
    const m = clusterArgs(
      {
        id: recorded.cluster_id,
        name: recorded.cluster_name,
        source: "UI",
        pinned: false,
        spec: recorded,
        libraries: [],
      },
      passive,
      identity,
    );
    if (!m.ok) throw new Error(m.skip);
    expect(unknownProperties(m.args, "ClusterArgs")).toEqual([]);
    const pool = instancePoolArgs(world.list("instance-pool")[0], passive);
    expect(pool.ok && unknownProperties(pool.args, "InstancePoolArgs")).toEqual([]);
    const wh = fixture("get-sql-endpoint.json");
    const w = sqlWarehouseArgs({ id: wh.id, name: wh.name, spec: wh }, passive);
    if (!w.ok) throw new Error(w.skip);
    expect(unknownProperties(w.args, "SqlEndpointArgs")).toEqual([]);
  });

  it("catches a name the provider does not know (the check itself can fail)", () => {
    expect(
      unknownProperties({ tasks: [{ taskKey: "a", dependsOn: [{ taskKey: "b" }] }] }, "JobArgs"),
    ).toEqual(["JobArgs.tasks[0].dependsOn"]);
  });
});
