import { parseStackConfig, ConfigError, RawConfig } from "../../../components/config";

const raw = (values: Record<string, string>, secretKeys?: string[]): RawConfig => ({
  project: "databricks-dr",
  stack: "secondary",
  values,
  secretKeys: secretKeys ? new Set(secretKeys) : undefined,
});
const base = { role: "secondary", location: "westus", snapshotPath: "snap" };
const parse = (values: Record<string, string>, secretKeys?: string[]) =>
  parseStackConfig(raw({ ...base, ...values }, secretKeys));

describe("stack config", () => {
  it("applies the documented defaults", () => {
    const c = parse({});
    expect(c).toMatchObject({
      role: "secondary",
      namePrefix: "dbdr-secondary",
      network: {
        vnetCidr: "10.139.0.0/16",
        publicSubnetCidr: "10.139.0.0/18",
        privateSubnetCidr: "10.139.64.0/18",
      },
      storage: { sku: "Standard_RAGRS", containers: ["data"] },
      clusterStartPolicy: "noWait",
      passiveAutoTerminationMinutes: 10,
      activation: false,
      prune: false,
      checkEntraId: true,
      mounts: [],
    });
    expect(c.granularity).toEqual({
      notebooksPerObjectMax: 500,
      treeSize: 500,
      usersPerObjectMax: 1000,
      userBatchSize: 500,
      groupsPerObjectMax: 200,
      groupBatchSize: 250,
      jobsPerObjectMax: 500,
      jobBatchSize: 250,
      aclsPerObjectMax: 200,
      aclBatchSize: 500,
    });
  });

  it.each(["Standard_LRS", "Standard_ZRS", "Premium_LRS"])("refuses %s for DR, naming the key", (sku) => {
    expect(() => parse({ storageSku: sku })).toThrow(ConfigError);
    expect(() => parse({ storageSku: sku })).toThrow(
      new RegExp(
        `^databricks-dr:storageSku: ${sku} keeps data in one region and is refused for disaster recovery: use one of Standard_GRS, Standard_RAGRS, Standard_GZRS, Standard_RAGZRS`,
      ),
    );
  });

  it.each(["Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"])("accepts %s", (sku) => {
    expect(parse({ storageSku: sku }).storage.sku).toBe(sku);
  });

  it("decodes booleans, integers, lists and structured values as Pulumi hands them over", () => {
    const c = parse({
      activation: "true",
      prune: "false",
      passiveAutoTerminationMinutes: "30",
      containers: '["raw","curated"]',
      includeKinds: "job, cluster",
      excludePaths: '["/Users/old@contoso.com"]',
      granularity: '{"treeSize":100}',
    });
    expect(c.activation).toBe(true);
    expect(c.passiveAutoTerminationMinutes).toBe(30);
    expect(c.storage.containers).toEqual(["raw", "curated"]);
    expect(c.filters).toEqual({
      includeKinds: ["job", "cluster"],
      excludeKinds: undefined,
      includePaths: undefined,
      excludePaths: ["/Users/old@contoso.com"],
    });
    expect(c.granularity.treeSize).toBe(100);
    expect(c.granularity.usersPerObjectMax).toBe(1000);
  });

  it.each([
    [{ role: "tertiary" }, /^databricks-dr:role: /],
    [{ activation: "yes" }, /^databricks-dr:activation: expected true or false, got "yes"/],
    [{ passiveAutoTerminationMinutes: "5" }, /^databricks-dr:passiveAutoTerminationMinutes: /],
    [{ includeKinds: "jobs" }, /^databricks-dr:includeKinds\[0\]: /],
    [
      { includeKinds: "job", excludeKinds: "job" },
      /^databricks-dr:excludeKinds: job also listed in includeKinds/,
    ],
    [{ includePaths: "Users" }, /^databricks-dr:includePaths\[0\]: must be an absolute workspace path/],
    [{ clusterStartPolicy: "lazy" }, /^databricks-dr:clusterStartPolicy: /],
    [{ granularity: '{"treeSize":0}' }, /^databricks-dr:granularity\.treeSize: /],
    [{ granularity: '{"tree":5}' }, /^databricks-dr:granularity: /],
    [{ granularity: "{not json" }, /^databricks-dr:granularity: is not valid structured config/],
    [{ containers: '["Bad_Name"]' }, /^databricks-dr:containers\[0\]: 3-63 lowercase/],
    [{ snapshotPth: "x" }, /^databricks-dr:snapshotPth: unknown setting/],
    [{ storageAccountName: "Has-Dash" }, /^databricks-dr:storageAccountName: /],
  ])("refuses %j naming the key", (values, message) => {
    expect(() => parse(values as Record<string, string>)).toThrow(message);
  });

  it("requires role, location (unless adopting a workspace) and, for the secondary, a snapshot", () => {
    expect(() => parseStackConfig(raw({ location: "westus" }))).toThrow(/^databricks-dr:role: is required/);
    expect(() => parseStackConfig(raw({ role: "primary" }))).toThrow(
      /^databricks-dr:location: is required unless existingWorkspace/,
    );
    expect(() => parseStackConfig(raw({ role: "secondary", location: "westus" }))).toThrow(
      /^databricks-dr:snapshotPath: is required for the secondary/,
    );
    expect(parseStackConfig(raw({ role: "primary", location: "eastus2" })).snapshotPath).toBeUndefined();
  });

  it("checks the address spaces: syntax, subnets inside the VNet, /26 at least, no overlap", () => {
    expect(() => parse({ vnetCidr: "10.0.0.0/33" })).toThrow(/^databricks-dr:vnetCidr: /);
    expect(() => parse({ publicSubnetCidr: "10.139.0.1/24" })).toThrow(
      /^databricks-dr:publicSubnetCidr: "10.139.0.1\/24" has host bits set/,
    );
    expect(() => parse({ publicSubnetCidr: "10.140.0.0/24" })).toThrow(
      /^databricks-dr:publicSubnetCidr: 10.140.0.0\/24 is not inside vnetCidr 10.139.0.0\/16/,
    );
    expect(() => parse({ privateSubnetCidr: "10.139.64.0/27" })).toThrow(
      /smaller than the \/26 Databricks requires/,
    );
    expect(() => parse({ privateSubnetCidr: "10.139.32.0/24" })).toThrow(
      /^databricks-dr:privateSubnetCidr: 10.139.32.0\/24 overlaps publicSubnetCidr/,
    );
    expect(
      parse({ vnetCidr: "10.1.0.0/20", publicSubnetCidr: "10.1.0.0/24", privateSubnetCidr: "10.1.1.0/24" })
        .network.privateSubnetCidr,
    ).toBe("10.1.1.0/24");
  });

  it("keeps secret values wrapped, and refuses them when not set as secrets", () => {
    const secrets = JSON.stringify({ etl: { "db-password": "hunter2" } });
    const c = parse({ secrets }, ["secrets"]);
    const v = c.secretValues.get("etl/db-password")!;
    expect(v.reveal()).toBe("hunter2");
    expect(String(v)).toBe("[secret]");
    expect(JSON.stringify({ v })).toBe('{"v":"[secret]"}');
    expect(() => parse({ secrets }, [])).toThrow(/^databricks-dr:secrets: holds secret values/);
    let message = "";
    try {
      parse({ secrets: JSON.stringify({ etl: { k: 42 } }) }, ["secrets"]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^databricks-dr:secrets\.etl\.k: /);
  });

  it("needs mount credentials for mounts, and a storage account for each in existing-workspace mode", () => {
    const mounts = JSON.stringify([{ name: "raw", container: "raw" }]);
    expect(() => parse({ mounts })).toThrow(/^databricks-dr:mountAuth: is required when mounts are set/);
    const mountAuth = JSON.stringify({ clientId: "c", tenantId: "t", secretScope: "s", secretKey: "k" });
    expect(parse({ mounts, mountAuth }).mounts).toEqual([{ name: "raw", container: "raw" }]);
    const existingWorkspace = JSON.stringify({
      url: "https://adb-1.1.azuredatabricks.net/",
      resourceId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Databricks/workspaces/w",
    });
    expect(() => parse({ mounts, mountAuth, existingWorkspace })).toThrow(
      /^databricks-dr:mounts\[0\]\.storageAccount: is required in existing-workspace mode/,
    );
    const c = parseStackConfig(raw({ role: "secondary", snapshotPath: "s", existingWorkspace }));
    expect(c.existingWorkspace).toEqual({
      url: "https://adb-1.1.azuredatabricks.net",
      resourceId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Databricks/workspaces/w",
    });
    expect(() => parse({ existingWorkspace: JSON.stringify({ url: "http://x", resourceId: "y" }) })).toThrow(
      /^databricks-dr:existingWorkspace\.url: must be https/,
    );
  });
});
