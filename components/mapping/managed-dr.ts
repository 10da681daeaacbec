import type * as databricks from "@pulumi/databricks";
import { KindName } from "../../kinds/common";
import { PERMISSION_OBJECT_TYPES, PermissionObjectType } from "../../kinds/permission-types";
import { accountParent, failoverGroupName, ManagedDrConfig, stableUrlName } from "../config/managed-dr";

/**
 * Pure mapping of `databricks-dr:managedDr` to the provider's DisasterRecoveryFailoverGroup and
 * DisasterRecoveryStableUrl arguments, and the decision of which snapshot objects Databricks replicates
 * (so the stack leaves them out, recorded) and which the project still replicates.
 */

/**
 * The kinds Databricks replicates with `replicate_workspace_assets`: the ones its documentation names
 * ("workspace assets such as notebooks, jobs, SQL warehouses, clusters, and ACLs"; the API reference:
 * "notebooks, jobs, clusters, etc."), and the ACLs of those objects. Nothing is left out on a guess: every
 * other kind (folders, workspace files, repos, DBFS files, pools, policies, init scripts, secret scopes,
 * workspace settings, identities) stays the project's, as do the ACLs of what it replicates.
 */
export const WORKSPACE_ASSET_KINDS: readonly KindName[] = ["notebook", "job", "cluster", "sql-warehouse"];

export interface ManagedCoverage {
  failoverGroup: string;
  /** Kinds Databricks replicates for this workspace set (empty unless replicateWorkspaceAssets). */
  workspaceAssetKinds: KindName[];
  /** Unity Catalog catalogs in the group: their schemas, tables, volumes, views, functions and grants. */
  catalogs: string[];
  locationMappings: string[];
  stableUrls: string[];
}

export function managedCoverage(c: ManagedDrConfig): ManagedCoverage {
  return {
    failoverGroup: failoverGroupName(c),
    workspaceAssetKinds: c.workspaceSet.replicateWorkspaceAssets ? [...WORKSPACE_ASSET_KINDS] : [],
    catalogs: [...(c.unityCatalog?.catalogs ?? [])],
    locationMappings: (c.unityCatalog?.locationMappings ?? []).map((m) => m.name),
    stableUrls: c.stableUrls.map((id) => stableUrlName(c, id)),
  };
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/**
 * The catalog a Unity Catalog object lives in, read from the fields the UC API gives every securable
 * (`catalog_name`, a three-part `full_name`, a grant's securable `full_name`), or a catalog's own name.
 * Objects outside any catalog (metastore, storage credentials, external locations, connections) have none.
 */
export function catalogOf(kind: string, d: unknown): string | undefined {
  if (!d || typeof d !== "object") return undefined;
  const o = d as Obj;
  const direct = str(o.catalog_name) ?? str(o.catalogName);
  if (direct) return direct;
  if (/catalog$/.test(kind) && !/grant/.test(kind)) return str(o.name);
  const type = String(o.securable_type ?? o.securableType ?? "").toLowerCase();
  const full = str(o.full_name) ?? str(o.fullName) ?? str(o.securable_full_name) ?? str(o.securableFullName);
  if (!full) return undefined;
  if (
    type &&
    !["catalog", "schema", "table", "volume", "function", "view", "registered_model", "model"].includes(type)
  )
    return undefined;
  return full.split(".")[0];
}

/**
 * Why Managed DR, not the stack, replicates this descriptor (the reason recorded for it), or undefined
 * when the project still replicates it.
 */
export function managedSkipReason(c: ManagedDrConfig): (kind: KindName, d: unknown) => string | undefined {
  const cov = managedCoverage(c);
  const assets = new Set<string>(cov.workspaceAssetKinds);
  const catalogs = new Set(cov.catalogs);
  const group = c.failoverGroup;
  return (kind, d) => {
    if (assets.has(kind))
      return `replicated by Databricks Managed DR (failover group ${group}, workspace assets)`;
    if (kind === "permissions") {
      const objectType = (d as { objectType?: PermissionObjectType }).objectType;
      const of = objectType ? PERMISSION_OBJECT_TYPES[objectType] : null;
      if (of && assets.has(of))
        return `replicated by Databricks Managed DR (failover group ${group}, ACLs of ${of} objects)`;
      return undefined;
    }
    const catalog = catalogs.size ? catalogOf(kind, d) : undefined;
    if (catalog && catalogs.has(catalog))
      return `replicated by Databricks Managed DR (failover group ${group}, catalog ${catalog})`;
    return undefined;
  };
}

export function stableUrlArgs(c: ManagedDrConfig): databricks.DisasterRecoveryStableUrlArgs[] {
  // Bound first to the primary: a stable URL routes to the group's current primary.
  return c.stableUrls.map((id) => ({
    stableUrlId: id,
    parent: accountParent(c),
    initialWorkspaceId: c.workspaceSet.primary.workspaceId,
  }));
}

export function failoverGroupArgs(c: ManagedDrConfig): databricks.DisasterRecoveryFailoverGroupArgs {
  const { name, primary, secondary, replicateWorkspaceAssets } = c.workspaceSet;
  const regions = [primary.region, secondary.region];
  const args: databricks.DisasterRecoveryFailoverGroupArgs = {
    failoverGroupId: c.failoverGroup,
    parent: accountParent(c),
    initialPrimaryRegion: primary.region,
    regions,
    workspaceSets: [
      {
        name,
        workspaceIds: [primary.workspaceId, secondary.workspaceId],
        replicateWorkspaceAssets,
        ...(c.stableUrls.length ? { stableUrlNames: c.stableUrls.map((id) => stableUrlName(c, id)) } : {}),
      },
    ],
  };
  if (c.unityCatalog)
    args.unityCatalogAssets = {
      catalogs: c.unityCatalog.catalogs.map((n) => ({ name: n })),
      dataReplicationWorkspaceSet: name,
      ...(c.unityCatalog.locationMappings.length
        ? {
            locationMappings: c.unityCatalog.locationMappings.map((m) => ({
              name: m.name,
              // In the group's region order, so a preview never shows a reordering.
              uriByRegions: regions.map((region) => ({ region, uri: m.uris[region] })),
            })),
          }
        : {}),
    };
  return args;
}
