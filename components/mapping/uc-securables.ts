import type * as pulumi from "@pulumi/pulumi";
import type {
  CatalogArgs,
  CatalogWorkspaceBindingArgs,
  ExternalLocationArgs,
  SchemaArgs,
  StorageCredentialArgs,
  VolumeArgs,
  WorkspaceBindingArgs,
} from "@pulumi/databricks";
import type { UcCatalogDescriptor } from "../../kinds/unity-catalog/catalog";
import type { UcExternalLocationDescriptor } from "../../kinds/unity-catalog/external-location";
import type { UcSchemaDescriptor } from "../../kinds/unity-catalog/schema";
import type { UcStorageCredentialDescriptor } from "../../kinds/unity-catalog/storage-credential";
import type { UcVolumeDescriptor } from "../../kinds/unity-catalog/volume";
import type { WorkspaceBinding } from "../../kinds/unity-catalog/grants";
import { Mapping, skip } from "./refs";
import { secondaryLocation } from "./uc-locations";
import type { StorageMap } from "./storage-map";

type In = pulumi.Input<string>;

const ok = <A>(args: A, notes: string[] = []): Mapping<A> => ({ ok: true, args, notes });

/** The API spells isolation modes both ways; the provider takes OPEN or ISOLATED. */
export function isolation(mode: string | undefined): "OPEN" | "ISOLATED" | undefined {
  if (!mode) return undefined;
  return mode.endsWith("ISOLATED") ? "ISOLATED" : "OPEN";
}

/**
 * Storage credentials and external locations take the API's own spelling (the provider's .d.ts:
 * `ISOLATION_MODE_ISOLATED` or `ISOLATION_MODE_OPEN`), unlike catalogs.
 */
export function storageIsolation(mode: string | undefined): string | undefined {
  const m = isolation(mode);
  return m && `ISOLATION_MODE_${m}`;
}

/** Fields left out when undefined, so the provider keeps its defaults (and the shape check sees no nulls). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A primary storage credential becomes the same-named credential on the SECONDARY's access connector: its
 * name is what external locations and grants use, and the primary's identity (an access connector in the
 * primary region, or a service principal whose secret is never exported) cannot be relied on once that
 * region is down. What it reaches is the secondary connector's role assignments.
 */
export function storageCredentialArgs(
  d: UcStorageCredentialDescriptor,
  accessConnectorId: In,
): Mapping<StorageCredentialArgs> {
  if (d.otherCloud && !d.azureManagedIdentity && !d.azureServicePrincipal)
    return skip(`a ${d.otherCloud} credential cannot reach Azure storage: create an Azure one by hand`);
  const notes: string[] = [];
  if (d.azureServicePrincipal)
    notes.push(
      `service principal ${d.azureServicePrincipal.applicationId} replaced by the secondary's access connector (its secret is never exported)`,
    );
  else if (d.azureManagedIdentity?.managedIdentityId)
    notes.push(
      "user-assigned identity replaced by the secondary access connector's system-assigned identity",
    );
  return ok(
    defined({
      name: d.name,
      azureManagedIdentity: { accessConnectorId },
      readOnly: d.readOnly,
      comment: d.comment,
      owner: d.owner,
      isolationMode: storageIsolation(d.isolationMode),
    }),
    notes,
  );
}

/**
 * `ownAccount` is the secondary's storage account, the one account its connector is granted on: a location
 * elsewhere skips the service's access check at creation (the grant there is a manual action, and a
 * "keep" account may be unreachable until its failover), rather than failing the whole deployment.
 */
export function externalLocationArgs(
  d: UcExternalLocationDescriptor,
  credentialName: In,
  map: StorageMap,
  ownAccount?: string,
): Mapping<ExternalLocationArgs> {
  const loc = secondaryLocation(d.url, map, "url");
  if (!loc.ok) return skip(loc.reason);
  const elsewhere = !ownAccount || loc.account !== ownAccount.toLowerCase();
  return ok(
    defined({
      name: d.name,
      url: loc.url,
      credentialName,
      readOnly: d.readOnly || loc.readOnly || undefined,
      comment: d.comment,
      owner: d.owner,
      fallback: d.fallback,
      isolationMode: storageIsolation(d.isolationMode),
      skipValidation: elsewhere || undefined,
    }),
    loc.notes,
  );
}

/** Catalogs Databricks creates in every metastore: never created by the stack. */
const BUILT_IN_CATALOG_TYPES = new Set(["SYSTEM_CATALOG", "INTERNAL_CATALOG", "HIVE_METASTORE_CATALOG"]);
const BUILT_IN_CATALOGS = new Set(["system", "hive_metastore", "samples", "__databricks_internal"]);

export function catalogArgs(
  d: UcCatalogDescriptor,
  map: StorageMap,
  connectionName?: In,
): Mapping<CatalogArgs> {
  if (BUILT_IN_CATALOG_TYPES.has(d.catalogType) || BUILT_IN_CATALOGS.has(d.name))
    return skip("built into every metastore: Databricks creates it");
  const notes: string[] = [];
  const args: CatalogArgs = {
    name: d.name,
    comment: d.comment,
    owner: d.owner,
    properties: Object.keys(d.properties).length ? d.properties : undefined,
    isolationMode: isolation(d.isolationMode),
    enablePredictiveOptimization: d.enablePredictiveOptimization,
  };
  if (d.catalogType === "DELTASHARING_CATALOG") {
    if (!d.providerName || !d.shareName) return skip("a Delta Sharing catalog without provider or share");
    notes.push(
      `Delta Sharing catalog: the provider ${JSON.stringify(d.providerName)} must exist in the secondary's metastore`,
    );
    return ok(defined({ ...args, providerName: d.providerName, shareName: d.shareName }), notes);
  }
  if (d.catalogType === "FOREIGN_CATALOG") {
    if (!connectionName) return skip(`its connection ${JSON.stringify(d.connectionName)} is not replicated`);
    return ok(defined({ ...args, connectionName, options: d.options }), notes);
  }
  if (d.storageRoot) {
    const loc = secondaryLocation(d.storageRoot, map, "managed location");
    if (!loc.ok) return skip(loc.reason);
    if (loc.readOnly)
      return skip(`managed location ${loc.url} is read-only (RA-GRS): managed tables need writes`);
    args.storageRoot = loc.url;
  }
  return ok(defined(args), notes);
}

/**
 * Schemas every catalog keeps: adopted by name, never created. Not `default`: the provider deletes the
 * `default` schema of every catalog it creates (terraform-provider-databricks resource_catalog.go), so a
 * primary's `default` is created like any schema.
 */
export const BUILT_IN_SCHEMAS = new Set(["information_schema"]);

export function schemaArgs(d: UcSchemaDescriptor, catalogName: In, map: StorageMap): Mapping<SchemaArgs> {
  const args: SchemaArgs = {
    catalogName,
    name: d.name,
    comment: d.comment,
    owner: d.owner,
    properties: Object.keys(d.properties).length ? d.properties : undefined,
    enablePredictiveOptimization: d.enablePredictiveOptimization,
  };
  if (d.storageRoot) {
    const loc = secondaryLocation(d.storageRoot, map, "managed location");
    if (!loc.ok) return skip(loc.reason);
    if (loc.readOnly)
      return skip(`managed location ${loc.url} is read-only (RA-GRS): managed tables need writes`);
    args.storageRoot = loc.url;
  }
  return ok(defined(args));
}

export function volumeArgs(
  d: UcVolumeDescriptor,
  where: { catalogName: In; schemaName: In },
  map: StorageMap,
): Mapping<VolumeArgs> {
  const args: VolumeArgs = {
    ...where,
    name: d.name,
    volumeType: d.volumeType,
    comment: d.comment,
    owner: d.owner,
  };
  if (d.volumeType === "EXTERNAL") {
    const loc = secondaryLocation(d.storageLocation!, map, "volume location");
    if (!loc.ok) return skip(loc.reason);
    return ok(defined({ ...args, storageLocation: loc.url }), loc.notes);
  }
  return ok(defined(args), [
    "managed volume: its files live in Unity Catalog's managed storage and must be copied (dataToReplicate)",
  ]);
}

/**
 * The binding of an ISOLATED catalog to the secondary workspace, with the binding type the primary
 * workspace had (read-write when it was not among the bindings). Other workspaces' bindings are the
 * primary region's and are not carried over.
 */
export function catalogBindingArgs(
  catalogName: In,
  bindings: WorkspaceBinding[],
  primaryWorkspaceId: string | undefined,
  secondaryWorkspaceId: In,
): CatalogWorkspaceBindingArgs {
  return bindingArgs("catalog", catalogName, bindings, primaryWorkspaceId, secondaryWorkspaceId);
}

/** The same for any bindable securable (`catalog`, `storage_credential`, `external_location`). */
export function bindingArgs(
  securableType: "catalog" | "storage_credential" | "external_location",
  securableName: In,
  bindings: WorkspaceBinding[] | undefined,
  primaryWorkspaceId: string | undefined,
  secondaryWorkspaceId: In,
): WorkspaceBindingArgs {
  const own = bindings?.find((b) => b.workspaceId === primaryWorkspaceId);
  return {
    securableName,
    securableType,
    workspaceId: secondaryWorkspaceId,
    bindingType: own?.bindingType ?? "BINDING_TYPE_READ_WRITE",
  };
}
