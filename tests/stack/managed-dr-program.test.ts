/**
 * Managed DR mode of the secondary stack under Pulumi's mocks: the failover group and stable URLs through
 * an account-level provider, children of one component; what Databricks replicates left out of the replica
 * with the reason recorded in the outputs; everything else still replicated as without Managed DR.
 */
import { KIND_NAMES } from "../../kinds/common";
import { readSnapshot } from "../../snapshot/reader";
import { StackOutputs } from "../../components/program";
import { checkResourceInputs, formatFinding } from "../../roundtrip/provider-shape";
import { buildStack, secondaryValues } from "./helpers/build";
import { MockWorld } from "./helpers/mocks";
import { sampleWorld } from "../helpers/sample-world";

const ACCOUNT = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const FG = "databricks:index/disasterRecoveryFailoverGroup:DisasterRecoveryFailoverGroup";
const SU = "databricks:index/disasterRecoveryStableUrl:DisasterRecoveryStableUrl";
const COMPONENT = "databricks-dr:account:ManagedDisasterRecovery";
const PROVIDER = "pulumi:providers:databricks";
const managedDr = (replicateWorkspaceAssets: boolean) =>
  JSON.stringify({
    accountId: ACCOUNT,
    failoverGroup: "sales-dr",
    workspaceSet: {
      name: "sales",
      primary: { workspaceId: "1111111111111111", region: "eastus2" },
      secondary: { workspaceId: "2222222222222222", region: "westus" },
      replicateWorkspaceAssets,
    },
    stableUrls: ["sales-url", "sales-sql"],
  });

type Counts = Record<string, { inSnapshot: number; replicated: number; skipped: number; excluded: number }>;
let snapshotDir: string;
let world: MockWorld;
let outputs: StackOutputs;
let plain: { world: MockWorld; outputs: StackOutputs };

beforeAll(async () => {
  snapshotDir = sampleWorld().write();
  plain = await buildStack(secondaryValues(snapshotDir));
  ({ world, outputs } = await buildStack(secondaryValues(snapshotDir, { managedDr: managedDr(true) })));
}, 120_000);

describe("the account-level resources", () => {
  it("registers the failover group and stable URLs with an account provider, under one component", () => {
    const component = world.one(COMPONENT, "managed-dr");
    const provider = world.one(PROVIDER, "account");
    expect(provider.parent).toBe(component.urn);
    expect(provider.inputs).toMatchObject({
      host: "https://accounts.azuredatabricks.net",
      accountId: ACCOUNT,
    });
    const group = world.one(FG, "failover-group:sales-dr");
    const urls = world.byType(SU);
    expect(urls.map((u) => u.name).sort()).toEqual(["stable-url:sales-sql", "stable-url:sales-url"]);
    for (const r of [group, ...urls]) {
      expect(r.parent).toBe(component.urn);
      expect(r.provider.startsWith(`${provider.urn}::`)).toBe(true);
    }
    // The group names the stable URLs, which must already exist: it depends on them.
    for (const u of urls) expect(group.dependencies).toContain(u.urn);
    expect(group.inputs.workspaceSets).toEqual([
      expect.objectContaining({
        stableUrlNames: [
          `accounts/${ACCOUNT}/stable-urls/sales-url`,
          `accounts/${ACCOUNT}/stable-urls/sales-sql`,
        ],
      }),
    ]);
  });

  it("comes after the workspace the stack creates (the group takes existing workspaces)", () => {
    const component = world.one(COMPONENT, "managed-dr");
    const [workspace] = world.byType("azure-native:databricks:Workspace");
    expect(component.dependencies).toContain(workspace.urn);
  });

  it("gives the provider only arguments its .d.ts declares", () => {
    const findings = [...world.byType(FG), ...world.byType(SU)].flatMap((r) =>
      checkResourceInputs(r.type, r.inputs),
    );
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it("is absent without managedDr", () => {
    expect(plain.world.byType(FG)).toEqual([]);
    expect(plain.world.byType(SU)).toEqual([]);
    expect(plain.outputs.managedDr).toBeUndefined();
  });
});

describe("what is left to Databricks, and what is not", () => {
  const LEFT = ["notebook", "job", "cluster", "sql-warehouse"];

  it("records every object it leaves to Databricks in the outputs, with the reason", () => {
    const snap = readSnapshot(snapshotDir);
    const skipped = outputs.skipped ?? [];
    for (const kind of LEFT)
      for (const d of snap.descriptors[kind as "job"]) {
        expect(skipped).toContainEqual({
          kind,
          id: d.id,
          reason: "replicated by Databricks Managed DR (failover group sales-dr, workspace assets)",
        });
      }
    const counts = outputs.counts as Counts;
    for (const kind of LEFT) {
      expect(counts[kind].inSnapshot).toBeGreaterThan(0);
      expect(counts[kind].excluded).toBe(counts[kind].inSnapshot);
      expect(counts[kind].replicated).toBe(0);
    }
    for (const kind of KIND_NAMES)
      expect(counts[kind].replicated + counts[kind].skipped + counts[kind].excluded).toBe(
        counts[kind].inSnapshot,
      );
    expect(outputs.managedDr).toMatchObject({
      failoverGroup: `accounts/${ACCOUNT}/failover-groups/sales-dr`,
      workspaceAssetKinds: LEFT,
      catalogs: [],
    });
  });

  it("registers none of them, nor their ACLs", () => {
    for (const t of [
      "databricks:index/notebook:Notebook",
      "databricks:index/cluster:Cluster",
      "databricks:index/sqlEndpoint:SqlEndpoint",
      "databricks:index/job:Job",
      "pulumi-nodejs:dynamic/databricks-dr:JobBatch",
    ])
      expect(world.byType(t)).toEqual([]);
    expect(plain.world.byType("databricks:index/notebook:Notebook").length).toBeGreaterThan(0);
    const acl = (w: MockWorld) =>
      w.byType("databricks:index/permissions:Permissions").map((r) => Object.keys(r.inputs).sort().join(","));
    expect(acl(world).some((k) => /jobId|clusterId|notebookPath|sqlEndpointId/.test(k))).toBe(false);
    expect(acl(plain.world).some((k) => /jobId|clusterId/.test(k))).toBe(true);
  });

  it("still replicates every other kind exactly as without Managed DR", () => {
    const mine = outputs.counts as Counts;
    const theirs = plain.outputs.counts as Counts;
    for (const kind of KIND_NAMES) {
      if (LEFT.includes(kind) || kind === "permissions") continue;
      expect([kind, mine[kind]]).toEqual([kind, theirs[kind]]);
    }
    const types = (w: MockWorld, t: string) =>
      w
        .byType(t)
        .map((r) => r.name)
        .sort();
    for (const t of [
      "databricks:index/directory:Directory",
      "databricks:index/instancePool:InstancePool",
      "databricks:index/clusterPolicy:ClusterPolicy",
      "databricks:index/secretScope:SecretScope",
      "databricks:index/user:User",
    ])
      expect(types(world, t)).toEqual(types(plain.world, t));
  });

  it("resolves a warehouse left to Databricks by its name in the secondary, and records it", () => {
    const snap = readSnapshot(snapshotDir);
    const nameOf = new Map(snap.descriptors["sql-warehouse"].map((w) => [w.id, w.name]));
    // The query and dashboard kinds name their warehouse `warehouseId` (query.d.ts, dashboard.d.ts).
    const cases = [
      { type: "databricks:index/query:Query", kind: "sql-query" as const },
      { type: "databricks:index/dashboard:Dashboard", kind: "dashboard" as const },
    ];
    for (const { type, kind } of cases) {
      const referrers = snap.descriptors[kind].filter(
        (d) => typeof d.settings.warehouse_id === "string" && nameOf.has(d.settings.warehouse_id),
      );
      expect([kind, referrers.length > 0]).toEqual([kind, true]);
      const got = world
        .byType(type)
        .map((r) => r.inputs.warehouseId)
        .sort();
      const want = referrers.map(
        (d) => `sec-warehouse-named-${nameOf.get(d.settings.warehouse_id as string)}`,
      );
      expect([kind, got]).toEqual([kind, want.sort()]);
    }
    const looked = world.invocations.filter(
      (i) => i.token === "databricks:index/getSqlWarehouse:getSqlWarehouse",
    );
    expect(looked.length).toBeGreaterThan(0);
    expect(looked.map((i) => i.inputs.name).sort()).toEqual(
      [...new Set(looked.map((i) => i.inputs.name))].sort(),
    );
    for (const i of looked) expect(i.provider).toMatch(/pulumi:providers:databricks::workspace::/);
    for (const name of looked.map((i) => String(i.inputs.name))) {
      const id = [...nameOf].find(([, n]) => n === name)![0];
      expect(outputs.manualActions).toContainEqual({
        kind: "sql-warehouse",
        id,
        action: `resolved by name ${JSON.stringify(name)} in the secondary: left to Managed DR`,
      });
    }
    expect(plain.world.invocations.some((i) => /getSqlWarehouse/.test(i.token))).toBe(false);
  });

  it("without workspace assets, replicates the workspace objects itself", async () => {
    const { world: w, outputs: o } = await buildStack(
      secondaryValues(snapshotDir, { managedDr: managedDr(false) }),
    );
    expect(w.byType(FG)).toHaveLength(1);
    expect((o.counts as Counts).job).toEqual((plain.outputs.counts as Counts).job);
    expect(o.skipped).toEqual(plain.outputs.skipped);
  }, 120_000);
});

it("notes a reference to an object left to Managed DR as such, never as gone from the snapshot", () => {
  const snap = readSnapshot(snapshotDir);
  const text = JSON.stringify(outputs);
  const notebooks = snap.descriptors.notebook.map((n) => n.id);
  // The world's pipelines and jobs name its notebooks, so the check can fail.
  expect(text).toContain('references notebook \\"');
  for (const id of notebooks)
    expect(text).not.toContain(`references notebook \\"${id}\\": not in the snapshot`);
  expect(text).toContain("left to Databricks Managed DR, which keeps its name and path in the secondary");
});
