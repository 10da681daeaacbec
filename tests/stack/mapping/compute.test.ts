import { autoTerminationFor, clusterArgs } from "../../../kinds/cluster/mapping";
import { clusterPolicyArgs } from "../../../kinds/cluster-policy/mapping";
import { instancePoolArgs } from "../../../kinds/instance-pool/mapping";
import { sqlWarehouseArgs } from "../../../kinds/sql-warehouse/mapping";
import { Resolver } from "../../../components/mapping/refs";
import { ClusterDescriptor } from "../../../kinds/cluster/schema";

const policy = (over: object = {}) => ({
  activation: false,
  clusterStartPolicy: "noWait" as const,
  passiveAutoTerminationMinutes: 15,
  ...over,
});
const resolve: Resolver = (ref) =>
  ref.id === "missing" ? { missing: "not replicated" } : { value: `sec(${ref.id})` };
const cluster = (spec: Record<string, unknown>): ClusterDescriptor => ({
  id: "c1",
  name: "c",
  source: "UI",
  pinned: true,
  spec,
  libraries: [{ whl: "/Workspace/Shared/lib.whl" }],
});

describe("cluster start policy", () => {
  it.each([
    [120, policy(), 15],
    [5, policy(), 5],
    [0, policy(), 15],
    [undefined, policy(), 15],
    [120, policy({ activation: true }), 120],
    [0, policy({ clusterStartPolicy: "keepOriginal" }), 0],
    [undefined, policy({ activation: true }), undefined],
  ])("auto-termination %s with %j gives %s", (own, p, expected) => {
    expect(autoTerminationFor(own, p)).toBe(expected);
  });

  it("creates clusters without waiting (noWait), except with keepOriginal", () => {
    const spec = { spark_version: "15.4.x-scala2.12", num_workers: 1, autotermination_minutes: 60 };
    const a = clusterArgs(cluster(spec), policy(), resolve);
    expect(
      a.ok && [a.args.noWait, a.args.autoterminationMinutes, a.args.isPinned, a.args.clusterName],
    ).toEqual([true, 15, true, "c"]);
    const b = clusterArgs(cluster(spec), policy({ clusterStartPolicy: "keepOriginal" }), resolve);
    expect(b.ok && [b.args.noWait, b.args.autoterminationMinutes]).toEqual([false, 60]);
  });

  it("skips all-purpose clusters with skipAllPurpose, and clusters whose settings were not readable", () => {
    expect(
      clusterArgs(cluster({ spark_version: "x" }), policy({ clusterStartPolicy: "skipAllPurpose" }), resolve),
    ).toMatchObject({ ok: false, skip: expect.stringMatching(/skipAllPurpose/) });
    expect(clusterArgs(cluster({ cluster_name: "only-a-name" }), policy(), resolve)).toMatchObject({
      ok: false,
      skip: expect.stringMatching(/no spark_version/),
    });
  });

  it("remaps policy, pools and library files, strips read-only fields", () => {
    const m = clusterArgs(
      cluster({
        spark_version: "x",
        policy_id: "p",
        instance_pool_id: "ip",
        driver_instance_pool_id: "dp",
        state: "RUNNING",
        cluster_id: "c1",
        default_tags: { a: "b" },
      }),
      policy(),
      resolve,
    );
    expect(m.ok && m.args).toEqual({
      sparkVersion: "x",
      policyId: "sec(p)",
      instancePoolId: "sec(ip)",
      driverInstancePoolId: "sec(dp)",
      autoterminationMinutes: 15,
      clusterName: "c",
      customTags: { "databricks-dr-source-id": "c1" },
      isPinned: true,
      noWait: true,
      libraries: [{ whl: "sec(/Shared/lib.whl)" }],
    });
    expect(
      clusterArgs(cluster({ spark_version: "x", policy_id: "missing" }), policy(), resolve),
    ).toMatchObject({ ok: false });
  });
});

describe("pools, policies, warehouses", () => {
  it("keeps pools without idle instances while passive and restores them on activation", () => {
    const d = {
      id: "p",
      name: "pool",
      spec: {
        node_type_id: "Standard_F4",
        min_idle_instances: 4,
        idle_instance_autotermination_minutes: 10,
        stats: {},
      },
    };
    expect(instancePoolArgs(d, policy())).toMatchObject({
      ok: true,
      args: { minIdleInstances: 0, instancePoolName: "pool", nodeTypeId: "Standard_F4" },
    });
    expect(instancePoolArgs(d, policy({ activation: true }))).toMatchObject({
      ok: true,
      args: { minIdleInstances: 4 },
    });
  });

  it("remaps pools named inside a policy definition (a JSON string)", () => {
    const definition = JSON.stringify({
      instance_pool_id: { type: "fixed", value: "ip" },
      "spark_conf.x": { type: "fixed", value: "1" },
    });
    const m = clusterPolicyArgs({ id: "P", name: "pol", definition }, resolve);
    expect(m.ok && JSON.parse(m.args.definition as string)).toEqual({
      instance_pool_id: { type: "fixed", value: "sec(ip)" },
      "spark_conf.x": { type: "fixed", value: "1" },
    });
    const gone = JSON.stringify({ instance_pool_id: { type: "fixed", value: "missing" } });
    expect(clusterPolicyArgs({ id: "P", name: "pol", definition: gone }, resolve).ok).toBe(false);
  });

  it("stops warehouses after the short idle time while passive", () => {
    const d = { id: "w", name: "bi", spec: { cluster_size: "Small", auto_stop_mins: 0, state: "RUNNING" } };
    expect(sqlWarehouseArgs(d, policy())).toMatchObject({
      ok: true,
      args: { autoStopMins: 15, clusterSize: "Small", name: "bi", noWait: true },
    });
    expect(sqlWarehouseArgs(d, policy({ activation: true }))).toMatchObject({
      ok: true,
      args: { autoStopMins: 0 },
    });
  });
});

// Issue 9.2: what the stack creates carries the primary's id, so it is found again whatever its name.
// The keys are spelled out here, not imported: the test checks the mapping's output, not its constants.
describe("source-id markers on clusters, pools and warehouses", () => {
  it("tags a cluster with its source id, next to its own tags (a stale marker replaced)", () => {
    const spec = { spark_version: "x", custom_tags: { team: "data-eng", "databricks-dr-source-id": "old" } };
    const m = clusterArgs(cluster(spec), policy(), resolve);
    expect(m.ok && m.args.customTags).toEqual({ team: "data-eng", "databricks-dr-source-id": "c1" });
  });

  it("tags a pool with its source id under the pool's own key (pool-backed clusters carry both)", () => {
    const d = { id: "p-7", name: "pool", spec: { node_type_id: "Standard_F4", custom_tags: { a: "b" } } };
    const m = instancePoolArgs(d, policy());
    expect(m.ok && m.args.customTags).toEqual({ a: "b", "databricks-dr-pool-source-id": "p-7" });
    const bare = instancePoolArgs({ ...d, spec: { node_type_id: "Standard_F4" } }, policy());
    expect(bare.ok && bare.args.customTags).toEqual({ "databricks-dr-pool-source-id": "p-7" });
  });

  it("adds the marker pair to a warehouse's tag list, with or without tags of its own", () => {
    const spec = { cluster_size: "Small", tags: { custom_tags: [{ key: "team", value: "bi" }] } };
    const m = sqlWarehouseArgs({ id: "w9", name: "bi", spec }, policy());
    expect(m.ok && m.args.tags).toEqual({
      customTags: [
        { key: "team", value: "bi" },
        { key: "databricks-dr-source-id", value: "w9" },
      ],
    });
    const bare = sqlWarehouseArgs({ id: "w9", name: "bi", spec: { cluster_size: "Small" } }, policy());
    expect(bare.ok && bare.args.tags).toEqual({
      customTags: [{ key: "databricks-dr-source-id", value: "w9" }],
    });
  });
});
