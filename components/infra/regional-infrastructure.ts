import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import * as azureDatabricks from "@pulumi/azure-native/databricks";
import type { GeoRedundantSku } from "../config/schema";
import { infraNames } from "./names";

export interface RegionalInfrastructureArgs {
  location: string;
  namePrefix: string;
  /** project/stack, so generated global names (the storage account) differ per stack. */
  uniqueSeed: string;
  network: { vnetCidr: string; publicSubnetCidr: string; privateSubnetCidr: string };
  storage: { sku: GeoRedundantSku; accountName?: string; containers: string[] };
  tags: Record<string, string>;
}

const DATABRICKS_DELEGATION = "Microsoft.Databricks/workspaces";

/**
 * One region of the DR pair (guide requirements 1 and 2): resource group; VNet with the host (public) and
 * container (private) subnets, both delegated to Databricks and associated with an NSG; geo-redundant ADLS
 * Gen2 storage and its containers; a premium workspace injected into the VNet with no public IP. The
 * workspace and the storage account are protected: losing either is what DR exists to prevent.
 */
export class RegionalInfrastructure extends pulumi.ComponentResource {
  readonly resourceGroupName: pulumi.Output<string>;
  readonly workspaceUrl: pulumi.Output<string>;
  readonly workspaceResourceId: pulumi.Output<string>;
  readonly storageAccountName: pulumi.Output<string>;
  /** For role assignments on the account (the Unity Catalog access connector). */
  readonly storageAccountId: pulumi.Output<string>;
  /** The numeric Databricks workspace id (metastore assignment). */
  readonly workspaceId: pulumi.Output<string>;
  readonly vnetId: pulumi.Output<string>;

  constructor(name: string, args: RegionalInfrastructureArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-dr:infra:RegionalInfrastructure", name, {}, opts);
    const n = infraNames(args.namePrefix, args.uniqueSeed, args.storage.accountName);
    const tags = { ...args.tags, "databricks-dr": args.namePrefix };
    const child = { parent: this };

    const rg = new resources.ResourceGroup(
      "rg",
      { resourceGroupName: n.resourceGroup, location: args.location, tags },
      child,
    );

    // Databricks adds and owns its rules on this NSG (requiredNsgRules AllRules): the stack declares none and
    // ignores the ones Databricks writes, so neither side keeps undoing the other.
    const nsg = new network.NetworkSecurityGroup(
      "nsg",
      { resourceGroupName: rg.name, networkSecurityGroupName: n.nsg, location: args.location, tags },
      { parent: this, ignoreChanges: ["securityRules"] },
    );

    const vnet = new network.VirtualNetwork(
      "vnet",
      {
        resourceGroupName: rg.name,
        virtualNetworkName: n.vnet,
        location: args.location,
        addressSpace: { addressPrefixes: [args.network.vnetCidr] },
        tags,
      },
      // Subnets are their own resources below; inline subnets would fight them.
      { parent: this, ignoreChanges: ["subnets"] },
    );

    const subnet = (logical: string, subnetName: string, cidr: string, dependsOn?: pulumi.Resource[]) =>
      new network.Subnet(
        logical,
        {
          resourceGroupName: rg.name,
          virtualNetworkName: vnet.name,
          subnetName,
          addressPrefix: cidr,
          networkSecurityGroup: { id: nsg.id },
          delegations: [{ name: "databricks", serviceName: DATABRICKS_DELEGATION }],
        },
        { parent: this, dependsOn },
      );
    const publicSubnet = subnet("public-subnet", n.publicSubnet, args.network.publicSubnetCidr);
    // Azure rejects concurrent writes to one VNet's subnets: one after the other.
    const privateSubnet = subnet("private-subnet", n.privateSubnet, args.network.privateSubnetCidr, [
      publicSubnet,
    ]);

    const account = new storage.StorageAccount(
      "storage",
      {
        resourceGroupName: rg.name,
        accountName: n.storageAccount,
        location: args.location,
        kind: "StorageV2",
        sku: { name: args.storage.sku },
        isHnsEnabled: true,
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        tags,
      },
      { parent: this, protect: true },
    );
    for (const c of args.storage.containers)
      new storage.BlobContainer(
        `container-${c}`,
        { resourceGroupName: rg.name, accountName: account.name, containerName: c, publicAccess: "None" },
        child,
      );

    // The managed resource group Databricks creates and owns, next to ours in the same subscription.
    const managedResourceGroupId = rg.id.apply(
      (id) => `${id.slice(0, id.lastIndexOf("/"))}/${n.managedResourceGroup}`,
    );
    const workspace = new azureDatabricks.Workspace(
      "workspace",
      {
        resourceGroupName: rg.name,
        workspaceName: n.workspace,
        location: args.location,
        sku: { name: "premium" },
        managedResourceGroupId,
        requiredNsgRules: "AllRules",
        publicNetworkAccess: "Enabled",
        parameters: {
          customVirtualNetworkId: { value: vnet.id },
          customPublicSubnetName: { value: n.publicSubnet },
          customPrivateSubnetName: { value: n.privateSubnet },
          enableNoPublicIp: { value: true },
        },
        tags,
      },
      { parent: this, protect: true, dependsOn: [publicSubnet, privateSubnet] },
    );

    this.resourceGroupName = rg.name;
    this.workspaceUrl = workspace.workspaceUrl.apply((u) => (u.startsWith("https://") ? u : `https://${u}`));
    this.workspaceResourceId = workspace.id;
    this.storageAccountName = account.name;
    this.storageAccountId = account.id;
    this.workspaceId = workspace.workspaceId;
    this.vnetId = vnet.id;
    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      workspaceUrl: this.workspaceUrl,
      workspaceResourceId: this.workspaceResourceId,
      storageAccountName: this.storageAccountName,
      vnetId: this.vnetId,
    });
  }
}
