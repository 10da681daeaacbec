import { z } from "zod";
import { Descriptor, KINDS } from "../../kinds/registry";
import { MANAGED_TABLE_REMEDY } from "../../kinds/unity-catalog";
import { normalizeCatalog } from "../../exporters/kinds/uc-catalog";
import { normalizeConnection } from "../../exporters/kinds/uc-connection";
import { normalizeMetastore } from "../../exporters/kinds/uc-metastore";
import { normalizeSchema } from "../../exporters/kinds/uc-schema";
import { normalizeExternalLocation, normalizeStorageCredential } from "../../exporters/kinds/uc-storage";
import { normalizeTable } from "../../exporters/kinds/uc-table";
import { normalizeVolume } from "../../exporters/kinds/uc-volume";
import { normalizeFunction } from "../../exporters/kinds/uc-function";
import { bindingsFrom } from "../../exporters/kinds/uc-shared";

/*
 * Bodies shaped as the Unity Catalog 2.1 reference's Get responses show them (docs.databricks.com/api,
 * uc-catalogs/get-catalog, uc-schemas/get-schema, uc-tables/get-table, uc-volumes/get-volume,
 * uc-external-locations/get-external-location, uc-credentials/get-storage-credential,
 * uc-metastores/get-metastore): every field the reference lists, with realistic Azure values in place of
 * its "string" placeholders. The expected descriptors are written out by hand from those bodies.
 */
const META = "19a85dee-54bc-43a2-87ab-023d0ec16013";
const ROOT = "abfss://unity@stdrprimary.dfs.core.windows.net";
const CONNECTOR =
  "/subscriptions/3f2e4d1c-0000-4000-8000-00000000aaaa/resourceGroups/rg-dr/providers/Microsoft.Databricks/accessConnectors/ac-dr-primary";
const stamps = {
  created_at: 1700000000000,
  created_by: "admin@example.com",
  updated_at: 1710000000000,
  updated_by: "admin@example.com",
};
const flag = { value: "DISABLE", inherited_from_type: "METASTORE", inherited_from_name: META };

type Kind = keyof typeof KINDS;
const parse = <K extends Kind>(kind: K, d: unknown) =>
  (KINDS[kind].schema as unknown as z.ZodType<Descriptor<K>>).safeParse(d);
const ok = <K extends Kind>(kind: K, d: unknown): Descriptor<K> => {
  const r = parse(kind, d);
  if (!r.success) throw new Error(`${kind}: ${JSON.stringify(r.error.issues[0])}`);
  return r.data;
};
const issue = <K extends Kind>(kind: K, d: unknown) => {
  const r = parse(kind, d);
  return r.success ? undefined : `${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message}`;
};

describe("Unity Catalog descriptors from the reference's bodies", () => {
  it("metastore: id, region, storage root, the assignment; informational", () => {
    const body = {
      name: "metastore-eastus2",
      storage_root: `${ROOT}/metastore`,
      default_data_access_config_id: "c1a6ce6c-1f9f-4b8e-9a9c-7f2b1c4d5e6f",
      storage_root_credential_id: "de586541-b0b2-40af-a880-2ba546ec8a2b",
      delta_sharing_scope: "INTERNAL",
      delta_sharing_recipient_token_lifetime_in_seconds: 0,
      delta_sharing_organization_name: "contoso",
      owner: "metastore-admins",
      privilege_model_version: "1.0",
      region: "eastus2",
      metastore_id: META,
      ...stamps,
      storage_root_credential_name: "dr-primary-connector",
      cloud: "azure",
      global_metastore_id: `azure:eastus2:${META}`,
      external_access_enabled: false,
    };
    const d = ok("uc-metastore", {
      ...normalizeMetastore(body, {
        workspace_id: 1234567890123456,
        metastore_id: META,
        default_catalog_name: "main",
      }),
      grants: [],
    });
    expect(d).toEqual({
      id: META,
      name: "metastore-eastus2",
      region: "eastus2",
      cloud: "azure",
      storageRoot: `${ROOT}/metastore`,
      storageRootCredentialId: "de586541-b0b2-40af-a880-2ba546ec8a2b",
      globalMetastoreId: `azure:eastus2:${META}`,
      deltaSharingScope: "INTERNAL",
      privilegeModelVersion: "1.0",
      assignment: { workspaceId: "1234567890123456", defaultCatalogName: "main" },
      owner: "metastore-admins",
      grants: [],
    });
    expect(KINDS["uc-metastore"].references(d)).toEqual([
      {
        kind: "uc-storage-credential",
        id: "de586541-b0b2-40af-a880-2ba546ec8a2b",
        field: "storageRootCredentialId",
      },
    ]);
  });

  it("storage credential: the access connector by resource id, never a secret", () => {
    const body = {
      name: "dr-primary-connector",
      azure_managed_identity: {
        access_connector_id: CONNECTOR,
        credential_id: "0f8c7d6e-5b4a-4392-8170-6f5e4d3c2b1a",
      },
      comment: "Access connector of the primary region",
      read_only: false,
      owner: "admin@example.com",
      id: "de586541-b0b2-40af-a880-2ba546ec8a2b",
      metastore_id: META,
      ...stamps,
      used_for_managed_storage: true,
      full_name: "dr-primary-connector",
      isolation_mode: "ISOLATION_MODE_OPEN",
    };
    expect(ok("uc-storage-credential", { ...normalizeStorageCredential(body), grants: [] })).toEqual({
      id: "de586541-b0b2-40af-a880-2ba546ec8a2b",
      name: "dr-primary-connector",
      readOnly: false,
      usedForManagedStorage: true,
      isolationMode: "ISOLATION_MODE_OPEN",
      azureManagedIdentity: { accessConnectorId: CONNECTOR },
      owner: "admin@example.com",
      comment: "Access connector of the primary region",
      grants: [],
    });
    // A service principal credential as the reference shows it, client_secret included: never kept.
    const sp = normalizeStorageCredential({
      name: "legacy-sp",
      id: "5d6c7b8a-0000-4000-8000-000000000001",
      azure_service_principal: {
        directory_id: "72f988bf-86f1-41af-91ab-2d7cd011db47",
        application_id: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        client_secret: "abc8Q~0123456789abcdefghijklmnopqrstuvw",
      },
      read_only: true,
    });
    expect(JSON.stringify(sp)).not.toContain("Q~");
    expect(sp.azureServicePrincipal).toEqual({
      directoryId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      applicationId: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    });
    expect(issue("uc-storage-credential", { id: "x", name: "x", readOnly: false, grants: [] })).toMatch(
      /^azureManagedIdentity: .*names its identity/,
    );
  });

  it("external location: named (the API gives no id), its credential by credential_id", () => {
    const body = {
      name: "landing",
      url: "abfss://landing@stdrprimary.dfs.core.windows.net/raw",
      credential_name: "dr-primary-connector",
      read_only: false,
      comment: "Raw files",
      enable_file_events: false,
      file_event_queue: { provided_aqs: {} },
      owner: "data-engineers",
      encryption_details: { sse_encryption_details: {} },
      metastore_id: META,
      credential_id: "de586541-b0b2-40af-a880-2ba546ec8a2b",
      ...stamps,
      browse_only: false,
      isolation_mode: "ISOLATION_MODE_OPEN",
      fallback: false,
      effective_enable_file_events: false,
      effective_file_event_queue: {},
    };
    const d = ok("uc-external-location", { ...normalizeExternalLocation(body), grants: [] });
    expect(d).toEqual({
      id: "landing",
      name: "landing",
      url: "abfss://landing@stdrprimary.dfs.core.windows.net/raw",
      credentialId: "de586541-b0b2-40af-a880-2ba546ec8a2b",
      credentialName: "dr-primary-connector",
      readOnly: false,
      fallback: false,
      enableFileEvents: false,
      isolationMode: "ISOLATION_MODE_OPEN",
      owner: "data-engineers",
      comment: "Raw files",
      grants: [],
    });
    expect(KINDS["uc-external-location"].references(d).map((r) => `${r.kind}:${r.id}`)).toEqual([
      "uc-storage-credential:de586541-b0b2-40af-a880-2ba546ec8a2b",
    ]);
    expect(issue("uc-external-location", { ...d, url: "landing/raw" })).toMatch(
      /^url: expected a storage URL/,
    );
  });

  it("catalog: managed location, isolation mode, bindings, properties; named (CatalogInfo has no id)", () => {
    const body = {
      name: "sales",
      owner: "data-engineers",
      comment: "Sales data",
      storage_root: `${ROOT}/catalogs/sales`,
      enable_predictive_optimization: "INHERIT",
      catalog_type: "MANAGED_CATALOG",
      metastore_id: META,
      ...stamps,
      storage_location: `${ROOT}/catalogs/sales/__unitystorage/catalogs/8e1c1f52-6b3c-4bb0-9d43-6a0e4d2b7c11`,
      isolation_mode: "ISOLATED",
      effective_predictive_optimization_flag: flag,
      browse_only: false,
      provisioning_info: { state: "ACTIVE" },
      full_name: "sales",
      securable_type: "CATALOG",
      properties: { department: "sales" },
    };
    const bindings = bindingsFrom([
      { workspace_id: 2222222222222222, binding_type: "BINDING_TYPE_READ_ONLY" },
      { workspace_id: 1234567890123456, binding_type: "BINDING_TYPE_READ_WRITE" },
    ]);
    const d = ok("uc-catalog", { ...normalizeCatalog(body), workspaceBindings: bindings, grants: [] });
    expect(d).toEqual({
      id: "sales",
      name: "sales",
      catalogType: "MANAGED_CATALOG",
      storageRoot: `${ROOT}/catalogs/sales`,
      storageLocation: `${ROOT}/catalogs/sales/__unitystorage/catalogs/8e1c1f52-6b3c-4bb0-9d43-6a0e4d2b7c11`,
      isolationMode: "ISOLATED",
      workspaceBindings: [
        { workspaceId: "1234567890123456", bindingType: "BINDING_TYPE_READ_WRITE" },
        { workspaceId: "2222222222222222", bindingType: "BINDING_TYPE_READ_ONLY" },
      ],
      properties: { department: "sales" },
      enablePredictiveOptimization: "INHERIT",
      owner: "data-engineers",
      comment: "Sales data",
      grants: [],
    });
    // A foreign catalog names its connection: referenced by the connection's id.
    const foreign = normalizeCatalog(
      {
        name: "crm",
        catalog_type: "FOREIGN_CATALOG",
        connection_name: "crm-pg",
        options: { database: "crm" },
      },
      new Map([["crm-pg", "e3afd9ea-c81e-4b11-a8ce-7afafba442da"]]),
    );
    expect(KINDS["uc-catalog"].references({ ...foreign, workspaceBindings: [], grants: [] })).toEqual([
      { kind: "uc-connection", id: "e3afd9ea-c81e-4b11-a8ce-7afafba442da", field: "connectionId" },
    ]);
    expect(
      issue("uc-catalog", {
        ...d,
        workspaceBindings: [{ workspaceId: "ws-1", bindingType: "BINDING_TYPE_READ_WRITE" }],
      }),
    ).toMatch(/^workspaceBindings\.0\.workspaceId/);
  });

  it("schema: schema_id, its catalog by the catalog's name", () => {
    const body = {
      name: "orders",
      catalog_name: "sales",
      owner: "data-engineers",
      comment: "Orders",
      storage_root: `${ROOT}/schemas/orders`,
      enable_predictive_optimization: "INHERIT",
      metastore_id: META,
      full_name: "sales.orders",
      ...stamps,
      catalog_type: "MANAGED_CATALOG",
      storage_location: `${ROOT}/schemas/orders/__unitystorage/schemas/2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10`,
      effective_predictive_optimization_flag: flag,
      schema_id: "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10",
      browse_only: false,
      custom_max_retention_hours: 0,
      properties: {},
      options: {},
    };
    const d = ok("uc-schema", { ...normalizeSchema(body), grants: [] });
    expect(d).toMatchObject({
      id: "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10",
      fullName: "sales.orders",
      catalogId: "sales",
      storageRoot: `${ROOT}/schemas/orders`,
    });
    expect(KINDS["uc-schema"].references(d)).toEqual([
      { kind: "uc-catalog", id: "sales", field: "catalogId" },
    ]);
  });

  const column = (name: string, type: string, position: number, extra: Record<string, unknown> = {}) => ({
    name,
    type_text: type,
    type_json: JSON.stringify({ name, type, nullable: true, metadata: {} }),
    type_name: type.toUpperCase(),
    position,
    nullable: true,
    ...extra,
  });
  const tableBody = (over: Record<string, unknown>) => ({
    name: "orders",
    catalog_name: "sales",
    schema_name: "orders",
    data_source_format: "DELTA",
    owner: "data-engineers",
    comment: "All orders",
    metastore_id: META,
    full_name: "sales.orders.orders",
    ...stamps,
    table_id: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
    columns: [column("region", "string", 1, { partition_index: 0 }), column("id", "long", 0)],
    properties: { "delta.minReaderVersion": "1", "delta.lastCommitTimestamp": "1710000000000" },
    browse_only: false,
    effective_predictive_optimization_flag: flag,
    ...over,
  });

  it("external table: columns in position order, format, location, partitioning, properties (volatile Delta ones left out)", () => {
    const d = ok("uc-table", {
      ...normalizeTable(
        tableBody({
          table_type: "EXTERNAL",
          storage_location: "abfss://landing@stdrprimary.dfs.core.windows.net/orders",
        }),
        "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10",
      ),
      grants: [],
    });
    expect(d).toMatchObject({
      id: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
      fullName: "sales.orders.orders",
      schemaId: "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10",
      tableType: "EXTERNAL",
      replication: "definition",
      dataSourceFormat: "DELTA",
      storageLocation: "abfss://landing@stdrprimary.dfs.core.windows.net/orders",
      partitionColumns: ["region"],
      properties: { "delta.minReaderVersion": "1" },
    });
    expect(d.columns.map((c) => c.name)).toEqual(["id", "region"]);
    expect(d.managedData).toBeUndefined();
    expect(KINDS["uc-table"].references(d)).toEqual([
      { kind: "uc-schema", id: "2c9c1c1e-0b7d-4b55-8e0a-8c1a5a0c9d10", field: "schemaId" },
    ]);
    expect(issue("uc-table", { ...d, storageLocation: undefined })).toMatch(
      /^storageLocation: an external table/,
    );
    expect(issue("uc-table", { ...d, partitionColumns: ["day"] })).toMatch(
      /^partitionColumns\.0: no column named "day"/,
    );
  });

  it("managed table: flagged as data to copy with the remedy, and its size when the statistics give it", () => {
    const sized = normalizeTable(
      tableBody({ table_type: "MANAGED", properties: { "spark.sql.statistics.totalSize": "52428800" } }),
    );
    expect(ok("uc-table", { ...sized, grants: [] })).toMatchObject({
      replication: "data",
      managedData: { sizeBytes: 52428800, remedy: MANAGED_TABLE_REMEDY },
    });
    expect(MANAGED_TABLE_REMEDY).toMatch(/DEEP CLONE/);
    expect(MANAGED_TABLE_REMEDY).toMatch(/Delta Sharing/);
    const unsized = normalizeTable(tableBody({ table_type: "MANAGED" }));
    expect(unsized.managedData).toEqual({ remedy: MANAGED_TABLE_REMEDY });
    expect(issue("uc-table", { ...unsized, managedData: undefined, grants: [] })).toMatch(/^managedData: /);
    expect(issue("uc-table", { ...unsized, replication: "definition", grants: [] })).toMatch(
      /^replication: a MANAGED table/,
    );
  });

  it("view: its definition", () => {
    const d = ok("uc-table", {
      ...normalizeTable(
        tableBody({
          name: "big_orders",
          full_name: "sales.orders.big_orders",
          table_type: "VIEW",
          data_source_format: undefined,
          view_definition: "SELECT * FROM sales.orders.orders WHERE amount > 1000",
          view_dependencies: { dependencies: [{ table: { table_full_name: "sales.orders.orders" } }] },
          sql_path: "",
          columns: [column("id", "long", 0)],
        }),
      ),
      grants: [],
    });
    expect(d).toMatchObject({
      replication: "view",
      viewDefinition: "SELECT * FROM sales.orders.orders WHERE amount > 1000",
      viewDependencies: [{ table: { table_full_name: "sales.orders.orders" } }],
    });
    expect(issue("uc-table", { ...d, viewDefinition: undefined })).toMatch(/^viewDefinition: a view has/);
  });

  it("volume: volume_id; a managed volume's files are data to copy", () => {
    const body = {
      name: "raw_files",
      catalog_name: "sales",
      schema_name: "orders",
      volume_type: "MANAGED",
      storage_location: `${ROOT}/__unitystorage/catalogs/x/volumes/y`,
      owner: "data-engineers",
      comment: "Uploads",
      full_name: "sales.orders.raw_files",
      volume_id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
      metastore_id: META,
      ...stamps,
      access_point: "",
      browse_only: false,
    };
    const d = ok("uc-volume", { ...normalizeVolume(body, "2c9c1c1e"), grants: [] });
    expect(d).toMatchObject({
      id: "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
      volumeType: "MANAGED",
      dataToReplicate: true,
    });
    expect(
      issue("uc-volume", {
        ...d,
        volumeType: "EXTERNAL",
        dataToReplicate: false,
        storageLocation: undefined,
      }),
    ).toMatch(/^storageLocation: an EXTERNAL volume/);
  });

  it("function: function_id and its definition without the service's fields", () => {
    const d = ok("uc-function", {
      ...normalizeFunction({
        name: "mask_email",
        catalog_name: "sales",
        schema_name: "orders",
        input_params: {
          parameters: [{ name: "email", type_text: "string", type_name: "STRING", position: 0 }],
        },
        data_type: "STRING",
        full_data_type: "string",
        routine_body: "SQL",
        routine_definition: "regexp_replace(email, '^[^@]+', '***')",
        parameter_style: "S",
        is_deterministic: true,
        sql_data_access: "CONTAINS_SQL",
        is_null_call: false,
        security_type: "DEFINER",
        specific_name: "mask_email",
        owner: "data-engineers",
        metastore_id: META,
        full_name: "sales.orders.mask_email",
        ...stamps,
        function_id: "4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0",
      }),
      grants: [],
    });
    expect(d.id).toBe("4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0");
    expect(Object.keys(d.definition).sort()).toEqual([
      "data_type",
      "full_data_type",
      "input_params",
      "is_deterministic",
      "is_null_call",
      "parameter_style",
      "routine_body",
      "routine_definition",
      "security_type",
      "specific_name",
      "sql_data_access",
    ]);
  });

  it("connection: options without the secrets the scanner finds, their keys named", () => {
    const d = ok("uc-connection", {
      ...normalizeConnection({
        name: "crm-pg",
        connection_type: "POSTGRESQL",
        options: { host: "crm.example.com", port: "5432", user: "reader", password: "Pg-s3cret-2026!" },
        owner: "admin@example.com",
        read_only: true,
        comment: "CRM",
        connection_id: "e3afd9ea-c81e-4b11-a8ce-7afafba442da",
        credential_type: "USERNAME_PASSWORD",
        full_name: "crm-pg",
        metastore_id: META,
        ...stamps,
        securable_type: "CONNECTION",
        url: "crm.example.com:5432",
      }),
      grants: [],
    });
    expect(d.options).toEqual({ host: "crm.example.com", port: "5432", user: "reader" });
    expect(d.secretOptions).toEqual(["password"]);
    expect(JSON.stringify(d)).not.toContain("Pg-s3cret");
  });
});
