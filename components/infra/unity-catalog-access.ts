import * as pulumi from "@pulumi/pulumi";
import * as azureDatabricks from "@pulumi/azure-native/databricks";
import * as authorization from "@pulumi/azure-native/authorization";

/** Built-in Azure role "Storage Blob Data Contributor": read, write and delete blobs (ADLS Gen2 data). */
export const STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

/** The subscription-scoped id ARM expects for a built-in role definition. */
export function roleDefinitionId(subscriptionId: string, role: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
}

export interface UnityCatalogAccessArgs {
  resourceGroupName: pulumi.Input<string>;
  location: string;
  namePrefix: string;
  /** The secondary's ADLS Gen2 account: the role assignment's scope. */
  storageAccountId: pulumi.Input<string>;
  tags: Record<string, string>;
}

/**
 * What lets Unity Catalog in the secondary reach the secondary's storage: an Azure Databricks access
 * connector with a system-assigned managed identity (no secret to rotate or replicate), and that identity
 * granted Storage Blob Data Contributor on the storage account. The storage credential that uses the
 * connector is a workspace object (components/workspace/unity-catalog-foundation.ts).
 */
export class UnityCatalogAccess extends pulumi.ComponentResource {
  readonly accessConnectorId: pulumi.Output<string>;
  readonly principalId: pulumi.Output<string>;

  constructor(name: string, args: UnityCatalogAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-dr:infra:UnityCatalogAccess", name, {}, opts);
    const connector = new azureDatabricks.AccessConnector(
      "access-connector",
      {
        resourceGroupName: args.resourceGroupName,
        connectorName: `${args.namePrefix}-uc-connector`,
        location: args.location,
        identity: { type: "SystemAssigned" },
        tags: { ...args.tags, "databricks-dr": args.namePrefix },
      },
      { parent: this },
    );
    this.accessConnectorId = connector.id;
    this.principalId = connector.identity.apply((i) => {
      if (!i?.principalId) throw new Error("the access connector has no system-assigned identity");
      return i.principalId;
    });
    const client = authorization.getClientConfigOutput({ parent: this });
    new authorization.RoleAssignment(
      "access-connector-blob-contributor",
      {
        scope: args.storageAccountId,
        roleDefinitionId: client.subscriptionId.apply((s) =>
          roleDefinitionId(s, STORAGE_BLOB_DATA_CONTRIBUTOR),
        ),
        principalId: this.principalId,
        // A new identity may not have replicated through Entra ID yet: the type spares ARM the lookup.
        principalType: "ServicePrincipal",
      },
      { parent: this },
    );
    this.registerOutputs({ accessConnectorId: this.accessConnectorId, principalId: this.principalId });
  }
}
