import { UcKindName } from "./names";
import { ExpectedRule } from "../../verify/rules";
import { expectedLocation, serviceDerived } from "../../verify/uc-storage";
import type { KindVerifySpec } from "../../verify/spec";

/**
 * How verify compares the Unity Catalog kinds (kinds/unity-catalog/). Securables are matched by full name
 * (their ids are assigned by each metastore); grants by principal, privileges as sets; columns by name.
 */

const isStorageUrl = (v: unknown): v is string => typeof v === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(v);

/**
 * A storage location that differs between the two sides. The stack rewrites external locations, external
 * tables and volumes, and managed locations onto the secondary's storage with the storage map; with the
 * map given (`verify --stack-config`), a difference is expected only when the map gives exactly the
 * secondary's URL, and a path the service derived (`__unitystorage/...<uuid>`) is expected as such.
 * Without a map the difference is shown apart, never counted: reported, not failing.
 */
export const storageLocationRewritten: ExpectedRule = {
  id: "uc-storage-location",
  paths: ["url", "storageRoot", "storageLocation"],
  explain(d, ctx) {
    if (!isStorageUrl(d.primary) || !isStorageUrl(d.secondary)) return undefined;
    if (serviceDerived(d.primary) && serviceDerived(d.secondary))
      return "managed storage path the service derives (__unitystorage/<id>): differs in every metastore";
    if (!ctx.storageMap)
      return "storage location on the secondary's storage: not checked, no storage map given (verify --stack-config)";
    return expectedLocation(d.primary, ctx.storageMap) === d.secondary
      ? "rewritten by databricks-dr:storageMap"
      : undefined;
  },
};

const CONNECTOR = /\/providers\/Microsoft\.Databricks\/accessConnectors\/[^/]+$/i;

/**
 * The secondary's storage credential uses the secondary region's own Access Connector (its managed identity
 * holds Storage Blob Data Contributor on the secondary's storage): another resource id by design.
 */
export const ownAccessConnector: ExpectedRule = {
  id: "uc-own-access-connector",
  paths: ["azureManagedIdentity.accessConnectorId", "azureManagedIdentity.managedIdentityId"],
  explain: (d) =>
    typeof d.primary === "string" &&
    typeof d.secondary === "string" &&
    (CONNECTOR.test(d.primary) ? CONNECTOR.test(d.secondary) : d.path.endsWith("managedIdentityId"))
      ? "the secondary region's own Access Connector and managed identity"
      : undefined,
};

/** A managed table's copy is data, not metadata: its size follows the copy (DEEP CLONE / Delta Sharing). */
export const managedDataSize: ExpectedRule = {
  id: "uc-managed-data",
  paths: ["managedData.sizeBytes"],
  explain: () =>
    "managed table data is copied separately (DEEP CLONE or Delta Sharing): size follows the copy",
};

const METASTORE_PATHS = [
  "name",
  "region",
  "cloud",
  "storageRoot",
  "storageRootCredentialId",
  "globalMetastoreId",
  "deltaSharingScope",
  "privilegeModelVersion",
  "assignment",
  "assignment.workspaceId",
  "assignment.defaultCatalogName",
  "owner",
  "comment",
  "grants",
  "grants[]",
  "grants[].privileges",
  "grants[].privileges[]",
];

/** Each region has its own metastore: the primary's is informational, what differs is expected. */
export const regionalMetastore: ExpectedRule = {
  id: "uc-regional-metastore",
  paths: METASTORE_PATHS,
  explain: () => "each region has its own metastore (informational; never provisioned from the primary's)",
};

/**
 * Workspace bindings name workspace ids, which differ by region: the secondary binds its own workspace in
 * place of the primary's. Compared by how many bindings of each type there are.
 */
function bindingsByType(d: Record<string, unknown>): Record<string, unknown> {
  const b = d.workspaceBindings;
  if (!Array.isArray(b)) return d;
  const types = b.map((x) => String((x as { bindingType?: unknown }).bindingType)).sort();
  return { ...d, workspaceBindings: types };
}

const securable = {
  assignedIds: true,
  keyedArrays: { grants: "principal" },
  setFields: ["grants[].privileges"],
} as const;
const withStorage = { ...securable, expected: [storageLocationRewritten] } as const;
const byName = (d: { name: string }) => d.name;
/** The stack's own securables carry a `databricks-dr: ...` comment (README "Unity Catalog"). */
const marked = (d: { comment?: unknown }) =>
  typeof d.comment === "string" && d.comment.startsWith("databricks-dr:");
const byFullName = (d: { fullName: string }) => d.fullName;

export const UC_VERIFY_KINDS: { [K in UcKindName]: KindVerifySpec<K> } = {
  "uc-metastore": {
    ...securable,
    naturalKey: () => "metastore",
    setFields: ["grants[].privileges"],
    expected: [regionalMetastore],
  },
  "uc-storage-credential": {
    ...securable,
    naturalKey: byName,
    canonical: bindingsByType,
    expected: [ownAccessConnector],
    addedByStack: (_key, d) =>
      marked(d) ? "the secondary's own access connector credential (added by the stack)" : undefined,
  },
  // Named, not numbered: the API gives external locations and catalogs no id of their own.
  "uc-external-location": {
    ...withStorage,
    assignedIds: false,
    naturalKey: byName,
    canonical: bindingsByType,
  },
  "uc-connection": {
    ...securable,
    naturalKey: byName,
    setFields: ["grants[].privileges", "secretOptions"],
    missingByDesign: () => "a manual action: a connection holds credentials the snapshot never has",
  },
  "uc-catalog": {
    ...withStorage,
    assignedIds: false,
    naturalKey: byName,
    canonical: bindingsByType,
    addedByStack: (_key, d) =>
      marked(d) ? "a Delta Sharing catalog of the deep-clone job (added by the stack)" : undefined,
  },
  "uc-schema": { ...withStorage, naturalKey: byFullName },
  "uc-volume": { ...withStorage, naturalKey: byFullName },
  "uc-table": {
    ...securable,
    naturalKey: byFullName,
    keyedArrays: { grants: "principal", columns: "name" },
    expected: [storageLocationRewritten, managedDataSize],
    missingByDesign: (d) =>
      d.tableType === "MANAGED"
        ? "managed table: data to replicate (DEEP CLONE or Delta Sharing), listed in dataToReplicate"
        : undefined,
  },
  "uc-function": {
    ...securable,
    naturalKey: byFullName,
    missingByDesign: () => "a manual action: re-created by hand (the provider has no function resource)",
  },
};
