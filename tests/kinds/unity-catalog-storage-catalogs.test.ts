import { KINDS } from "../../kinds/registry";
import { normalizeCatalog } from "../../kinds/unity-catalog/exporters/catalog";
import { normalizeMetastore } from "../../kinds/unity-catalog/exporters/metastore";
import { normalizeSchema } from "../../kinds/unity-catalog/exporters/schema";
import {
  normalizeExternalLocation,
  normalizeStorageCredential,
} from "../../kinds/unity-catalog/exporters/storage";
import { bindingsFrom } from "../../kinds/unity-catalog/exporters/shared";
import { CONNECTOR, flag, issue, META, ok, ROOT, stamps } from "./helpers/uc-reference-bodies";

/* Metastore, storage credentials, external locations, catalogs and schemas (bodies: helpers/uc-reference-bodies.ts). */
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
});
