/**
 * Unity Catalog descriptors of a primary, written by hand from kinds/unity-catalog/ schemas (the snapshot
 * reader validates them): a metastore, credentials (access connector, service principal), external
 * locations on a mapped, an unmapped and a "keep" account, an ISOLATED catalog with bindings, a catalog
 * whose managed location is unmapped, the system catalog, schemas (one `default`), volumes, an external
 * table, a managed table, a view, a function and a connection.
 */
import { MANAGED_TABLE_REMEDY } from "../../../kinds/unity-catalog/table";
import type { SnapshotDescriptors } from "../../../bench/stack-build";

export const PRIMARY_METASTORE = "aaaaaaaa-0000-4000-8000-000000000001";
export const SECONDARY_METASTORE = "bbbbbbbb-0000-4000-8000-000000000002";
export const PRIMARY_WORKSPACE_ID = "1111111111111111";
export const PRIMARY_CONNECTOR =
  "/subscriptions/p/resourceGroups/primary-rg/providers/Microsoft.Databricks/accessConnectors/primary-ac";
/** The primary's storage accounts: mapped to drwestsa, unmapped, kept (GRS failover). */
export const PRIMARY_ACCOUNT = "primarysa";
export const SECONDARY_ACCOUNT = "drwestsa";
export const UNMAPPED_ACCOUNT = "archivesa";
export const KEPT_ACCOUNT = "grssa";

const grant = (principal: string, ...privileges: string[]) => ({ principal, privileges });

export function ucDescriptors(): SnapshotDescriptors {
  const d: SnapshotDescriptors = {};
  d["uc-metastore"] = [
    {
      id: PRIMARY_METASTORE,
      name: "primary-eastus2",
      region: "eastus2",
      storageRoot: `abfss://meta@${PRIMARY_ACCOUNT}.dfs.core.windows.net/root`,
      assignment: { workspaceId: PRIMARY_WORKSPACE_ID, defaultCatalogName: "sales" },
      grants: [grant("admins", "CREATE_CATALOG")],
    },
  ];
  d["uc-storage-credential"] = [
    {
      id: "cred-0001",
      name: "primary-connector",
      readOnly: false,
      azureManagedIdentity: { accessConnectorId: PRIMARY_CONNECTOR },
      isolationMode: "ISOLATION_MODE_ISOLATED",
      workspaceBindings: [{ workspaceId: PRIMARY_WORKSPACE_ID, bindingType: "BINDING_TYPE_READ_WRITE" }],
      owner: "admins",
      grants: [grant("data-eng", "CREATE_EXTERNAL_LOCATION")],
    },
    {
      id: "cred-0002",
      name: "legacy-sp",
      readOnly: true,
      azureServicePrincipal: {
        directoryId: "tenant-p",
        applicationId: "33333333-3333-4333-8333-333333333333",
      },
      grants: [],
    },
  ];
  d["uc-external-location"] = [
    {
      id: "landing",
      name: "landing",
      url: `abfss://landing@${PRIMARY_ACCOUNT}.dfs.core.windows.net/raw`,
      credentialId: "cred-0001",
      credentialName: "primary-connector",
      readOnly: false,
      comment: "raw landing zone",
      grants: [grant("analysts", "READ_FILES"), grant("data-eng", "READ_FILES", "WRITE_FILES")],
    },
    {
      id: "archive",
      name: "archive",
      url: `abfss://archive@${UNMAPPED_ACCOUNT}.dfs.core.windows.net/`,
      credentialId: "cred-0001",
      credentialName: "primary-connector",
      readOnly: false,
      grants: [grant("data-eng", "READ_FILES")],
    },
    {
      id: "shared",
      name: "shared",
      url: `abfss://shared@${KEPT_ACCOUNT}.dfs.core.windows.net/x`,
      credentialId: "cred-0002",
      credentialName: "legacy-sp",
      readOnly: true,
      grants: [],
    },
  ];
  d["uc-connection"] = [
    {
      id: "conn-0001",
      name: "pg",
      connectionType: "POSTGRESQL",
      options: { host: "pg.contoso.com", port: "5432" },
      secretOptions: ["password"],
      properties: {},
      grants: [],
    },
  ];
  d["uc-catalog"] = [
    {
      id: "sales",
      name: "sales",
      catalogType: "MANAGED_CATALOG",
      storageRoot: `abfss://managed@${PRIMARY_ACCOUNT}.dfs.core.windows.net/sales`,
      isolationMode: "ISOLATED",
      workspaceBindings: [
        { workspaceId: PRIMARY_WORKSPACE_ID, bindingType: "BINDING_TYPE_READ_ONLY" },
        { workspaceId: "2222222222222222", bindingType: "BINDING_TYPE_READ_WRITE" },
      ],
      properties: { team: "sales" },
      owner: "admins",
      comment: "sales data",
      grants: [grant("analysts", "USE_CATALOG"), grant("data-eng", "ALL_PRIVILEGES")],
    },
    {
      id: "ops",
      name: "ops",
      catalogType: "MANAGED_CATALOG",
      storageRoot: `abfss://managed@${UNMAPPED_ACCOUNT}.dfs.core.windows.net/ops`,
      workspaceBindings: [],
      properties: {},
      grants: [grant("data-eng", "USE_CATALOG")],
    },
    {
      id: "system",
      name: "system",
      catalogType: "SYSTEM_CATALOG",
      workspaceBindings: [],
      properties: {},
      grants: [],
    },
  ];
  const inOrders = { catalogName: "sales", schemaName: "orders", schemaId: "sch-0001" };
  d["uc-schema"] = [
    {
      id: "sch-0001",
      name: "orders",
      catalogName: "sales",
      fullName: "sales.orders",
      catalogId: "sales",
      properties: {},
      owner: "data-eng",
      grants: [grant("analysts", "SELECT", "USE_SCHEMA")],
    },
    {
      id: "sch-0002",
      name: "default",
      catalogName: "sales",
      fullName: "sales.default",
      catalogId: "sales",
      properties: {},
      grants: [grant("analysts", "USE_SCHEMA")],
    },
    {
      id: "sch-0003",
      name: "metrics",
      catalogName: "ops",
      fullName: "ops.metrics",
      catalogId: "ops",
      properties: {},
      grants: [],
    },
  ];
  d["uc-volume"] = [
    {
      id: "vol-0001",
      name: "raw_files",
      ...inOrders,
      fullName: "sales.orders.raw_files",
      volumeType: "EXTERNAL",
      storageLocation: `abfss://landing@${PRIMARY_ACCOUNT}.dfs.core.windows.net/raw/files`,
      dataToReplicate: false,
      grants: [grant("analysts", "READ_VOLUME")],
    },
    {
      id: "vol-0002",
      name: "exports",
      ...inOrders,
      fullName: "sales.orders.exports",
      volumeType: "MANAGED",
      dataToReplicate: true,
      grants: [],
    },
  ];
  d["uc-table"] = [
    {
      id: "tbl-0001",
      name: "events",
      ...inOrders,
      fullName: "sales.orders.events",
      tableType: "EXTERNAL",
      replication: "definition",
      dataSourceFormat: "DELTA",
      storageLocation: `abfss://landing@${PRIMARY_ACCOUNT}.dfs.core.windows.net/raw/events`,
      columns: [
        { name: "id", type_text: "bigint", type_name: "LONG", position: 0, nullable: false },
        {
          name: "day",
          type_text: "date",
          position: 1,
          nullable: true,
          partition_index: 0,
          comment: "partition",
        },
      ],
      partitionColumns: ["day"],
      properties: {
        "delta.minReaderVersion": "1",
        "delta.lastCommitTimestamp": "1700000000000",
        quality: "gold",
      },
      owner: "data-eng",
      comment: "click events",
      grants: [grant("analysts", "SELECT")],
    },
    {
      id: "tbl-0002",
      name: "customers",
      ...inOrders,
      fullName: "sales.orders.customers",
      tableType: "MANAGED",
      replication: "data",
      dataSourceFormat: "DELTA",
      columns: [{ name: "id", type_text: "bigint", position: 0 }],
      partitionColumns: [],
      properties: {},
      managedData: { sizeBytes: 123456, remedy: MANAGED_TABLE_REMEDY },
      grants: [grant("analysts", "SELECT")],
    },
    {
      id: "tbl-0003",
      name: "recent_events",
      ...inOrders,
      fullName: "sales.orders.recent_events",
      tableType: "VIEW",
      replication: "view",
      columns: [{ name: "id", type_text: "bigint", position: 0 }],
      partitionColumns: [],
      properties: {},
      viewDefinition: "SELECT * FROM sales.orders.events WHERE day > current_date() - 7",
      grants: [grant("analysts", "SELECT")],
    },
  ];
  d["uc-function"] = [
    {
      id: "fn-0001",
      name: "mask_email",
      ...inOrders,
      fullName: "sales.orders.mask_email",
      definition: {
        routine_body: "SQL",
        routine_definition: "regexp_replace(e, '^.*@', '***@')",
        data_type: "STRING",
      },
      grants: [],
    },
  ];
  return d;
}
