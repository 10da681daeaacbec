import * as pulumi from "@pulumi/pulumi";
import type { UnityCatalogConfig } from "../config/unity-catalog";
import type { StorageMap } from "../mapping/storage-map";
import type { DataToReplicate } from "../mapping/uc-deep-clone";
import type { UcTableDescriptor } from "../../kinds/unity-catalog/table";
import type { ReplicaContext } from "./context";
import type { UnityCatalogFoundation } from "./unity-catalog-foundation";

/** What the program hands the replica for Unity Catalog (absent: Unity Catalog is not replicated). */
export interface UnityCatalogSetup {
  config: UnityCatalogConfig;
  /** The stack's region (a created metastore's default region). */
  location?: string;
  namePrefix: string;
  /** The secondary workspace's numeric id. */
  workspaceId: pulumi.Input<string>;
  /** The secondary's access connector (created, or configured with existingWorkspace). */
  accessConnectorId: pulumi.Input<string>;
  /** The secondary's storage account name when known before deployment (its connector's own account). */
  secondaryStorageAccount?: string;
  storageMap: StorageMap;
  databricksAuthType?: string;
}

/** Where a replicated schema is, for its tables, volumes and functions. */
export interface SchemaPlace {
  catalogName: pulumi.Input<string>;
  schemaName: pulumi.Input<string>;
}

/** The Unity Catalog build's working state, per replica. */
export interface UcState {
  setup: UnityCatalogSetup;
  foundation: UnityCatalogFoundation;
  /** The primary workspace's id, from the metastore descriptor's assignment (catalog bindings). */
  primaryWorkspaceId?: string;
  schemas: Map<string, SchemaPlace>;
  /** Storage accounts the mapped locations name (role assignments the connector may lack). */
  accounts: Set<string>;
  managedTables: UcTableDescriptor[];
  dataToReplicate: DataToReplicate[];
}

const STATES = new WeakMap<ReplicaContext, UcState>();

export function ucState(ctx: ReplicaContext): UcState | undefined {
  return STATES.get(ctx);
}
export function setUcState(ctx: ReplicaContext, s: UcState): void {
  STATES.set(ctx, s);
}
