import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { UnityCatalogConfig } from "../config/unity-catalog";

export interface UnityCatalogFoundationArgs {
  config: UnityCatalogConfig;
  /** The stack's Azure region: the created metastore's region unless configured. */
  location?: string;
  namePrefix: string;
  /** The secondary workspace's numeric id. */
  workspaceId: pulumi.Input<string>;
  /** The secondary's access connector (created by UnityCatalogAccess, or configured). */
  accessConnectorId: pulumi.Input<string>;
  /** The workspace-level provider. */
  provider: databricks.Provider;
  databricksAuthType?: string;
}

/** The name of the storage credential of the secondary's access connector. */
export function connectorCredentialName(uc: UnityCatalogConfig, namePrefix: string): string {
  return uc.storageCredentialName ?? `${namePrefix}-access-connector`;
}

/**
 * The secondary's metastore (an existing regional one, or one created through an account-level provider),
 * its assignment to the secondary workspace, the workspace's default catalog, and the storage credential of
 * the secondary's access connector. Every Unity Catalog object of the replica depends on `ready`.
 */
export class UnityCatalogFoundation extends pulumi.ComponentResource {
  readonly metastoreId: pulumi.Output<string>;
  readonly credentialName: pulumi.Output<string>;
  /** The access connector's storage credential. */
  readonly credential: databricks.StorageCredential;
  /** Resources the Unity Catalog objects wait for (the assignment and the connector's credential). */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: UnityCatalogFoundationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-dr:workspace:UnityCatalogFoundation", name, {}, opts);
    const ws = { parent: this, provider: args.provider };
    const m = args.config.metastore;
    let metastoreId: pulumi.Output<string>;
    let assignment: databricks.MetastoreAssignment;
    const extra: pulumi.Resource[] = [];
    if (m.mode === "create") {
      // Metastores and their assignments are account objects: an account-level provider.
      const account = new databricks.Provider(
        "account",
        {
          host: m.accountHost.replace(/\/$/, ""),
          accountId: m.accountId,
          ...(args.databricksAuthType ? { authType: args.databricksAuthType } : {}),
        },
        { parent: this },
      );
      const metastore = new databricks.Metastore(
        "metastore",
        {
          name: m.name,
          region: m.region ?? args.location,
          ...(m.storageRoot ? { storageRoot: m.storageRoot } : {}),
        },
        // Deleting a metastore deletes every catalog's metadata in it.
        { parent: this, provider: account, protect: true },
      );
      // The provider's id of a metastore is its metastore id.
      metastoreId = metastore.id;
      assignment = new databricks.MetastoreAssignment(
        "metastore-assignment",
        { metastoreId, workspaceId: args.workspaceId },
        { parent: this, provider: account },
      );
      // The metastore's root is reached through the secondary's access connector too.
      if (m.storageRoot)
        extra.push(
          new databricks.MetastoreDataAccess(
            "metastore-root-access",
            {
              metastoreId,
              name: `${args.namePrefix}-metastore-root`,
              azureManagedIdentity: { accessConnectorId: args.accessConnectorId },
              isDefault: true,
            },
            { parent: this, provider: account },
          ),
        );
    } else {
      metastoreId = pulumi.output(m.metastoreId);
      assignment = new databricks.MetastoreAssignment(
        "metastore-assignment",
        { metastoreId, workspaceId: args.workspaceId },
        ws,
      );
    }
    const credential = new databricks.StorageCredential(
      "access-connector-credential",
      {
        name: connectorCredentialName(args.config, args.namePrefix),
        azureManagedIdentity: { accessConnectorId: args.accessConnectorId },
        comment: "databricks-dr: the secondary's access connector",
      },
      { ...ws, dependsOn: [assignment] },
    );
    const ready: pulumi.Resource[] = [assignment, credential, ...extra];
    if (args.config.defaultCatalog)
      ready.push(
        new databricks.DefaultNamespaceSetting(
          "default-catalog",
          { namespace: { value: args.config.defaultCatalog } },
          { ...ws, dependsOn: [assignment] },
        ),
      );
    this.metastoreId = metastoreId;
    this.credentialName = credential.name;
    this.credential = credential;
    this.ready = ready;
    this.registerOutputs({ metastoreId, credentialName: this.credentialName });
  }
}
