import { createCatalog, createSchema, bindingsOf } from "../routes/uc-catalogs";
import { applyGrantChanges } from "../routes/uc-grants";
import { assignMetastore, createMetastore } from "../routes/uc-metastores";
import { createConnection, createExternalLocation, createStorageCredential } from "../routes/uc-storage";
import { createFunction, createTable, createVolume } from "../routes/uc-tables";
import { SecurableType } from "../routes/uc-common";
import { Obj } from "../state/types";
import { Metastore } from "../state/uc-state";
import { WorkspaceState } from "../state/workspace-state";
import { DEFAULT_ACCOUNT_WORKSPACES } from "../state/account-state";

/** 2025-01-01T00:00:00Z, as SAMPLE_T0 (kept here so this module needs nothing of sample.ts). */
const T0 = 1735689600000;

export const SAMPLE_UC = {
  metastoreId: "7d2f0c1e-5a4b-4c3d-9e8f-0a1b2c3d4e5f",
  secondaryMetastoreId: "8e3a1d2f-6b5c-4d4e-8f90-1b2c3d4e5f60",
  primaryWorkspaceId: DEFAULT_ACCOUNT_WORKSPACES[0].workspace_id,
  secondaryWorkspaceId: DEFAULT_ACCOUNT_WORKSPACES[1].workspace_id,
  accessConnectorId:
    "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dr-primary/providers/Microsoft.Databricks/accessConnectors/ac-dr-primary",
  secondaryAccessConnectorId:
    "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dr-secondary/providers/Microsoft.Databricks/accessConnectors/ac-dr-secondary",
  metastoreRoot: "abfss://unity@stdrprimary.dfs.core.windows.net/metastore",
  salesRoot: "abfss://unity@stdrprimary.dfs.core.windows.net/catalogs/sales",
  landing: "abfss://landing@stdrprimary.dfs.core.windows.net",
};
/** Credentials planted in UC objects (a connection password): tests look for them and never find them. */
export const SAMPLE_UC_SECRET_VALUES = ["PLANTED-crm-password-5d21e0"];

function seeded(state: WorkspaceState, build: () => void): void {
  let t = T0 + 30 * 24 * 3600_000;
  state.uc.clock = () => (t += 60_000);
  try {
    build();
  } finally {
    state.uc.clock = undefined;
  }
}

function grantAll(
  state: WorkspaceState,
  m: Metastore,
  type: SecurableType,
  o: Obj,
  grants: [string, string[]][],
) {
  applyGrantChanges(
    state,
    m,
    type,
    o,
    grants.map(([principal, add]) => ({ principal, add })),
  );
}

const COLS = (specs: string[], partitions: string[] = []) =>
  specs.map((s, position) => {
    const [name, type_text] = s.split(":");
    const c: Obj = { name, type_text, position, nullable: name !== "order_id" && name !== "customer_id" };
    if (partitions.includes(name)) c.partition_index = partitions.indexOf(name);
    return c;
  });

/**
 * The sample's Unity Catalog: a metastore assigned to the workspace, the access-connector storage
 * credential, two external locations, catalogs `sales` (own managed location, ISOLATED, bound) and
 * `analytics` (metastore storage), schemas, an external (partitioned) and a CSV table, a managed table,
 * a view, an external and a managed volume, a SQL function, a connection, and grants on each of them
 * to the sample's groups, users and service principal. Call after the principals exist.
 */
export function buildSampleUc(state: WorkspaceState, spApplicationId: string): void {
  seeded(state, () => {
    const m = createMetastore(state, {
      metastore_id: SAMPLE_UC.metastoreId,
      name: "metastore-eastus2",
      region: "eastus2",
      storage_root: SAMPLE_UC.metastoreRoot,
    });
    assignMetastore(state, state.uc.workspaceId, { metastore_id: m.id, default_catalog_name: "sales" });
    const cred = createStorageCredential(state, m, {
      name: "dr-primary-connector",
      comment: "Access connector of the primary region",
      azure_managed_identity: { access_connector_id: SAMPLE_UC.accessConnectorId },
    });
    const landing = createExternalLocation(state, m, {
      name: "landing",
      url: `${SAMPLE_UC.landing}/`,
      credential_name: cred.name,
      comment: "Raw files dropped by upstream systems",
    });
    const managed = createExternalLocation(state, m, {
      name: "sales-managed",
      url: SAMPLE_UC.salesRoot,
      credential_name: cred.name,
    });
    const conn = createConnection(state, m, {
      name: "crm-postgres",
      connection_type: "POSTGRESQL",
      options: {
        host: "crm-db.internal.example.com",
        port: "5432",
        user: "reader",
        password: SAMPLE_UC_SECRET_VALUES[0],
      },
      comment: "CRM database (read only)",
    });
    const sales = createCatalog(state, m, {
      name: "sales",
      comment: "Sales data",
      storage_root: SAMPLE_UC.salesRoot,
      properties: { department: "sales", "cost-center": "cc-1042" },
      owner: "data-engineers",
    });
    sales.isolation_mode = "ISOLATED";
    bindingsOf(m, "catalog", "sales").set(SAMPLE_UC.primaryWorkspaceId, "BINDING_TYPE_READ_WRITE");
    const analytics = createCatalog(state, m, {
      name: "analytics",
      comment: "Reporting",
      owner: "analytics",
    });
    const raw = createSchema(state, m, { catalog_name: "sales", name: "raw", comment: "Bronze" });
    const curated = createSchema(state, m, {
      catalog_name: "sales",
      name: "curated",
      owner: "data-engineers",
    });
    const reports = createSchema(state, m, { catalog_name: "analytics", name: "reports" });
    const orders = createTable(state, m, {
      catalog_name: "sales",
      schema_name: "raw",
      name: "orders",
      table_type: "EXTERNAL",
      data_source_format: "DELTA",
      storage_location: `${SAMPLE_UC.landing}/delta/orders`,
      columns: COLS(
        ["order_id:bigint", "customer_id:bigint", "amount:decimal(10,2)", "order_date:date"],
        ["order_date"],
      ),
      properties: { "delta.appendOnly": "false", quality: "bronze" },
      comment: "Orders as ingested",
    });
    createTable(state, m, {
      catalog_name: "sales",
      schema_name: "raw",
      name: "returns_csv",
      table_type: "EXTERNAL",
      data_source_format: "CSV",
      storage_location: `${SAMPLE_UC.landing}/csv/returns`,
      columns: COLS(["order_id:bigint", "reason:string", "returned_at:timestamp"]),
      properties: { header: "true", delimiter: "," },
    });
    const customers = createTable(state, m, {
      catalog_name: "sales",
      schema_name: "curated",
      name: "customers",
      table_type: "MANAGED",
      data_source_format: "DELTA",
      columns: COLS(["customer_id:bigint", "name:string", "email:string", "country:string"]),
      properties: { "delta.enableChangeDataFeed": "true" },
      owner: "data-engineers",
    });
    const view = createTable(state, m, {
      catalog_name: "analytics",
      schema_name: "reports",
      name: "daily_revenue",
      table_type: "VIEW",
      view_definition: "SELECT order_date, sum(amount) AS revenue FROM sales.raw.orders GROUP BY order_date",
      columns: COLS(["order_date:date", "revenue:decimal(20,2)"]),
    });
    const files = createVolume(state, m, {
      catalog_name: "sales",
      schema_name: "raw",
      name: "landing_files",
      volume_type: "EXTERNAL",
      storage_location: `${SAMPLE_UC.landing}/files`,
    });
    createVolume(state, m, {
      catalog_name: "sales",
      schema_name: "curated",
      name: "exports",
      volume_type: "MANAGED",
    });
    const fn = createFunction(state, m, {
      function_info: {
        catalog_name: "sales",
        schema_name: "curated",
        name: "mask_email",
        input_params: {
          parameters: [{ name: "email", type_text: "string", type_name: "STRING", position: 0 }],
        },
        data_type: "STRING",
        full_data_type: "string",
        routine_body: "SQL",
        routine_definition: "concat('***@', split(email, '@')[1])",
        comment: "Hides the local part of an e-mail address",
      },
    });
    grantAll(state, m, "metastore", m.info, [["admins", ["CREATE_CATALOG", "CREATE_EXTERNAL_LOCATION"]]]);
    grantAll(state, m, "storage_credential", cred, [["admins", ["CREATE_EXTERNAL_LOCATION"]]]);
    grantAll(state, m, "external_location", landing, [
      ["data-engineers", ["READ_FILES", "CREATE_EXTERNAL_TABLE"]],
    ]);
    grantAll(state, m, "external_location", managed, [["data-engineers", ["CREATE_MANAGED_STORAGE"]]]);
    grantAll(state, m, "connection", conn, [["data-engineers", ["USE_CONNECTION"]]]);
    grantAll(state, m, "catalog", sales, [
      ["data-engineers", ["USE_CATALOG", "CREATE_SCHEMA"]],
      ["analytics", ["USE_CATALOG"]],
    ]);
    grantAll(state, m, "catalog", analytics, [["users", ["USE_CATALOG", "BROWSE"]]]);
    grantAll(state, m, "schema", raw, [["data-engineers", ["USE_SCHEMA", "SELECT", "MODIFY"]]]);
    grantAll(state, m, "schema", curated, [["analytics", ["USE_SCHEMA"]]]);
    grantAll(state, m, "schema", reports, [["data-scientists", ["USE_SCHEMA"]]]);
    grantAll(state, m, "table", orders, [["bob.jones@example.com", ["SELECT"]]]);
    grantAll(state, m, "table", customers, [["analytics", ["SELECT"]]]);
    grantAll(state, m, "table", view, [["data-scientists", ["SELECT"]]]);
    grantAll(state, m, "volume", files, [[spApplicationId, ["READ_VOLUME", "WRITE_VOLUME"]]]);
    grantAll(state, m, "function", fn, [["analytics", ["EXECUTE"]]]);
  });
}

/**
 * What a fresh secondary workspace finds: its own regional metastore (centralus) in the account, not
 * yet assigned to it, and the secondary's access connector ready for a storage credential.
 */
export function addSecondaryMetastore(state: WorkspaceState): void {
  state.uc.workspaceId = SAMPLE_UC.secondaryWorkspaceId;
  state.uc.workspaceRegion = DEFAULT_ACCOUNT_WORKSPACES[1].region;
  seeded(state, () => {
    createMetastore(state, {
      metastore_id: SAMPLE_UC.secondaryMetastoreId,
      name: "metastore-centralus",
      region: "centralus",
      storage_root: "abfss://unity@stdrsecondary.dfs.core.windows.net/metastore",
    });
  });
}
