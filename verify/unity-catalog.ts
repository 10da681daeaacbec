import { UcKindName } from "../kinds/unity-catalog/names";
import { ExpectedRule } from "./rules";
import type { KindVerifySpec } from "./kinds";

/**
 * How verify compares the Unity Catalog kinds (kinds/unity-catalog/). Securables are matched by full name
 * (their ids are assigned by each metastore); grants by principal, privileges as sets; columns by name.
 */

const isStorageUrl = (v: unknown) => typeof v === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(v);

/**
 * A storage location that differs between the two sides: the stack rewrites external locations, external
 * tables and volumes, and managed locations onto the secondary's storage (storage map), and the service
 * derives managed paths (`__unitystorage/...<uuid>`) of its own. verify has no storage map to check the
 * rewrite against (it reads no stack configuration), so the difference is shown apart, never counted:
 * reported, not failing.
 */
export const storageLocationRewritten: ExpectedRule = {
  id: "uc-storage-location",
  paths: ["url", "storageRoot", "storageLocation"],
  explain: (d) =>
    isStorageUrl(d.primary) && isStorageUrl(d.secondary)
      ? "storage location on the secondary's storage (storage-map rewrite or service-derived managed path; not checked against a storage map)"
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
const byFullName = (d: { fullName: string }) => d.fullName;

export const UC_VERIFY_KINDS: { [K in UcKindName]: KindVerifySpec<K> } = {
  "uc-metastore": {
    ...securable,
    naturalKey: () => "metastore",
    setFields: ["grants[].privileges"],
    expected: [regionalMetastore],
  },
  "uc-storage-credential": { ...securable, naturalKey: byName, canonical: bindingsByType },
  // Named, not numbered: the API gives external locations and catalogs no id of their own.
  "uc-external-location": {
    ...withStorage,
    assignedIds: false,
    naturalKey: byName,
    canonical: bindingsByType,
  },
  "uc-connection": { ...securable, naturalKey: byName, setFields: ["grants[].privileges", "secretOptions"] },
  "uc-catalog": { ...withStorage, assignedIds: false, naturalKey: byName, canonical: bindingsByType },
  "uc-schema": { ...withStorage, naturalKey: byFullName },
  "uc-volume": { ...withStorage, naturalKey: byFullName },
  "uc-table": {
    ...securable,
    naturalKey: byFullName,
    keyedArrays: { grants: "principal", columns: "name" },
    expected: [storageLocationRewritten, managedDataSize],
  },
  "uc-function": { ...securable, naturalKey: byFullName },
};
