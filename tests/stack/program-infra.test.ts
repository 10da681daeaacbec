/**
 * The secondary stack of the sample world under Pulumi's mocks: the provider every workspace object uses,
 * secrets, protection, and the regional infrastructure (split from program.test.ts, which checks coverage,
 * the passive secondary and references).
 */
import { StackOutputs } from "../../components/program";
import { buildStack, SECRET_DB_PASSWORD, secondaryValues } from "./helpers/build";
import { JOB_BATCH } from "./helpers/jobs";
import { MockWorld, Registration, SECRET_SIG } from "./helpers/mocks";
import { sampleWorld } from "../helpers/sample-world";

const BUILTIN_GROUPS = new Set(["admins", "users"]);
const T = {
  job: JOB_BATCH,
  secret: "databricks:index/secret:Secret",
  provider: "pulumi:providers:databricks",
};

let world: MockWorld;
let outputs: StackOutputs;
beforeAll(async () => {
  ({ world, outputs } = await buildStack(secondaryValues(sampleWorld().write())));
});
const one = (type: string, name: string) => world.one(type, name);

describe("provider, secrets, protection", () => {
  it("passes the explicit workspace provider to every workspace object and invoke", () => {
    const provider = world.byType(T.provider);
    expect(provider).toHaveLength(1);
    expect(provider[0].inputs.azureWorkspaceResourceId).toBe(
      one("azure-native:databricks:Workspace", "workspace").id,
    );
    expect(String(provider[0].inputs.host)).toMatch(/^https:\/\/adb-\d+\.7\.azuredatabricks\.net$/);
    const objects = world.registrations.filter((r) => r.type.startsWith("databricks:"));
    expect(objects.length).toBeGreaterThan(35);
    for (const r of objects) expect(r.provider.startsWith(`${provider[0].urn}::`)).toBe(true);
    // Jobs go through the Jobs API of the same workspace (their batches call it themselves).
    const batches = world.byType(T.job);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(b.inputs.host).toBe(provider[0].inputs.host);
    const invokes = world.invocations.filter((i) => i.token.startsWith("databricks:"));
    // The built-in groups the world names are looked up, not created.
    const looked = invokes.map((i) => i.inputs.displayName).filter((n) => n !== undefined);
    expect(looked.sort()).toEqual([...BUILTIN_GROUPS].sort());
    for (const i of invokes) expect(i.provider.startsWith(`${provider[0].urn}::`)).toBe(true);
  });

  it("keeps secret values secret in inputs and out of the outputs", () => {
    const secret = world.one(T.secret, "secret:etl/db-password");
    expect((secret.rawInputs.stringValue as Record<string, unknown>)[SECRET_SIG]).toBeDefined();
    expect(secret.inputs.stringValue).toBe(SECRET_DB_PASSWORD);
    const others = world.registrations.filter((r) => r !== secret);
    expect(JSON.stringify(others.map((r) => r.rawInputs))).not.toContain(SECRET_DB_PASSWORD);
    expect(JSON.stringify(outputs)).not.toContain(SECRET_DB_PASSWORD);
    expect(world.byType(T.secret)).toHaveLength(1); // api-key has no value: reported, never invented
  });

  it("protects the workspace and the storage account, and only those", () => {
    const protectedOnes = world.registrations.filter((r) => r.protect).map((r) => r.type);
    expect(protectedOnes.sort()).toEqual([
      "azure-native:databricks:Workspace",
      "azure-native:storage:StorageAccount",
    ]);
  });

  it("leaves objects in the workspace when they leave the snapshot unless prune is on", () => {
    const objects = world.registrations.filter((r) => r.type.startsWith("databricks:"));
    expect(objects.every((r) => r.retainOnDelete)).toBe(true);
  });
});

describe("regional infrastructure", () => {
  const byType = (t: string) => world.byType(t);

  it("delegates both subnets to Databricks behind an NSG whose rules Databricks owns", () => {
    const nsg = byType("azure-native:network:NetworkSecurityGroup")[0];
    expect(nsg.ignoreChanges).toEqual(["securityRules"]);
    expect(nsg.inputs.securityRules).toBeUndefined();
    const subnets = byType("azure-native:network:Subnet");
    expect(subnets.map((s) => s.inputs.addressPrefix).sort()).toEqual(["10.139.0.0/18", "10.139.64.0/18"]);
    for (const s of subnets) {
      expect(s.inputs.delegations).toEqual([
        { name: "databricks", serviceName: "Microsoft.Databricks/workspaces" },
      ]);
      expect((s.inputs.networkSecurityGroup as { id: string }).id).toBe(nsg.id);
    }
  });

  it("creates geo-redundant ADLS Gen2 storage and a premium VNet-injected workspace without public IPs", () => {
    const sa = byType("azure-native:storage:StorageAccount")[0].inputs;
    expect(sa).toMatchObject({
      kind: "StorageV2",
      isHnsEnabled: true,
      sku: { name: "Standard_RAGRS" },
      location: "westus",
    });
    expect(byType("azure-native:storage:BlobContainer").map((c) => c.inputs.containerName)).toEqual(["data"]);
    const ws: Registration = byType("azure-native:databricks:Workspace")[0];
    const vnet = byType("azure-native:network:VirtualNetwork")[0];
    expect(ws.inputs.sku).toEqual({ name: "premium" });
    expect(ws.inputs.parameters).toEqual({
      customVirtualNetworkId: { value: vnet.id },
      customPublicSubnetName: { value: "dbdr-secondary-public" },
      customPrivateSubnetName: { value: "dbdr-secondary-private" },
      enableNoPublicIp: { value: true },
    });
    expect(String(ws.inputs.managedResourceGroupId)).toMatch(/\/dbdr-secondary-managed-rg$/);
    for (const r of world.registrations.filter((x) => x.type.startsWith("azure-native:")))
      expect(r.parent).toContain("RegionalInfrastructure");
  });

  it("exports what a StackReference and the exporter need", () => {
    expect(outputs.role).toBe("secondary");
    expect(typeof outputs.workspaceUrl).not.toBe("string"); // an output of the workspace
    expect(outputs.counts).toBeDefined();
  });
});
