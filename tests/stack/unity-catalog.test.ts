/**
 * Unity Catalog in the secondary stack under Pulumi mocks: the access connector and its role assignment,
 * the metastore assignment, one resource per descriptor with the arguments the descriptors and the
 * provider's declarations say, the storage map's rewrite and the unmapped location's manual action,
 * authoritative grants per securable, and names that follow the source ids.
 */
import { buildStack, secondaryValues } from "./helpers/build";
import { MOCK_SUBSCRIPTION, Registration } from "./helpers/mocks";
import { writeUcWorld } from "./helpers/uc-world";
import {
  KEPT_ACCOUNT,
  PRIMARY_ACCOUNT,
  PRIMARY_CONNECTOR,
  SECONDARY_ACCOUNT,
  SECONDARY_METASTORE,
  ucDescriptors,
  UNMAPPED_ACCOUNT,
} from "./helpers/uc-descriptors";
import { checkResourceInputs, formatFinding } from "../../roundtrip/provider-shape";
import { takeRawArgs, undeclaredTopLevel } from "../provider-shape/raw-args";

// The arguments as the stack passes them, before the SDK's constructors drop undeclared ones.
jest.mock("@pulumi/databricks", () =>
  jest
    .requireActual("../provider-shape/raw-args")
    .recordingProvider(jest.requireActual("@pulumi/databricks")),
);

const T = {
  connector: "azure-native:databricks:AccessConnector",
  role: "azure-native:authorization:RoleAssignment",
  account: "azure-native:storage:StorageAccount",
  rg: "azure-native:resources:ResourceGroup",
  workspace: "azure-native:databricks:Workspace",
  assignment: "databricks:index/metastoreAssignment:MetastoreAssignment",
  credential: "databricks:index/storageCredential:StorageCredential",
  location: "databricks:index/externalLocation:ExternalLocation",
  catalog: "databricks:index/catalog:Catalog",
  schema: "databricks:index/schema:Schema",
  volume: "databricks:index/volume:Volume",
  table: "databricks:index/sqlTable:SqlTable",
  grants: "databricks:index/grants:Grants",
  grant: "databricks:index/grant:Grant",
  binding: "databricks:index/catalogWorkspaceBinding:CatalogWorkspaceBinding",
  job: "databricks:index/job:Job",
  notebook: "databricks:index/notebook:Notebook",
};

const UC = {
  metastore: { mode: "existing", metastoreId: SECONDARY_METASTORE },
};
const STORAGE_MAP = { accounts: { [PRIMARY_ACCOUNT]: SECONDARY_ACCOUNT, [KEPT_ACCOUNT]: "keep" } };

async function build(uc: object = UC, edit?: (d: ReturnType<typeof ucDescriptors>) => void, extra = {}) {
  const snap = writeUcWorld(edit);
  return buildStack(
    secondaryValues(snap, {
      storageAccountName: SECONDARY_ACCOUNT,
      storageMap: JSON.stringify(STORAGE_MAP),
      unityCatalog: JSON.stringify(uc),
      ...extra,
    }),
  );
}

const named = (regs: Registration[], name: string) => {
  const r = regs.filter((x) => x.name === name);
  if (r.length !== 1)
    throw new Error(`expected one ${name}, found ${r.length}: ${regs.map((x) => x.name).join(", ")}`);
  return r[0];
};

describe("Unity Catalog in the secondary", () => {
  let world: Awaited<ReturnType<typeof build>>["world"];
  let outputs: Awaited<ReturnType<typeof build>>["outputs"];
  let raw: ReturnType<typeof takeRawArgs>;
  beforeAll(async () => {
    takeRawArgs();
    ({ world, outputs } = await build());
    raw = takeRawArgs();
  }, 60000);

  it("an access connector with a system-assigned identity in the secondary's resource group", () => {
    const [connector] = world.byType(T.connector);
    const [rg] = world.byType(T.rg);
    expect(world.byType(T.connector)).toHaveLength(1);
    expect(connector.inputs.resourceGroupName).toBe(rg.inputs.resourceGroupName);
    expect(connector.inputs.identity).toEqual({ type: "SystemAssigned" });
    expect(connector.inputs.location).toBe("westus");
  });

  it("its identity gets Storage Blob Data Contributor scoped to the secondary's storage account", () => {
    const [role] = world.byType(T.role);
    const [account] = world.byType(T.account);
    const [connector] = world.byType(T.connector);
    expect(account.inputs.accountName).toBe(SECONDARY_ACCOUNT);
    expect(role.inputs.scope).toBe(account.id);
    expect(role.inputs.roleDefinitionId).toBe(
      `/subscriptions/${MOCK_SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
    );
    expect(role.inputs.principalId).toMatch(/^principal-/);
    expect(role.inputs.principalId).toBe((connector.state!.identity as { principalId: string }).principalId);
    expect(role.inputs.principalType).toBe("ServicePrincipal");
  });

  it("assigns the configured metastore to the secondary workspace", () => {
    const [a] = world.byType(T.assignment);
    const [ws] = world.byType(T.workspace);
    expect(ws.state!.workspaceId).toMatch(/^\d+$/);
    expect(a.inputs).toEqual({ metastoreId: SECONDARY_METASTORE, workspaceId: ws.state!.workspaceId });
    // The primary assignment's default catalog, as the workspace's default namespace.
    expect(
      world.byType("databricks:index/defaultNamespaceSetting:DefaultNamespaceSetting")[0].inputs,
    ).toEqual({
      namespace: { value: "sales" },
    });
  });

  it("storage credentials: the connector's own, and each primary one by name on the secondary's connector", () => {
    const [connector] = world.byType(T.connector);
    const creds = world.byType(T.credential);
    expect(creds.map((c) => c.inputs.name).sort()).toEqual([
      "dbdr-secondary-access-connector",
      "legacy-sp",
      "primary-connector",
    ]);
    for (const c of creds) expect(c.inputs.azureManagedIdentity).toEqual({ accessConnectorId: connector.id });
    expect(JSON.stringify(creds.map((c) => c.inputs))).not.toContain(PRIMARY_CONNECTOR);
    expect(named(creds, "uc-credential:cred-0002").inputs.readOnly).toBe(true);
    expect(named(creds, "uc-credential:cred-0001").inputs.owner).toBe("admins");
    // ISOLATED (as the API spells it, ISOLATION_MODE_ISOLATED): bound to the secondary workspace.
    expect(named(creds, "uc-credential:cred-0001").inputs.isolationMode).toBe("ISOLATION_MODE_ISOLATED");
    const [ws] = world.byType(T.workspace);
    expect(world.byType("databricks:index/workspaceBinding:WorkspaceBinding").map((b) => b.inputs)).toEqual([
      {
        securableName: "primary-connector",
        securableType: "storage_credential",
        workspaceId: ws.state!.workspaceId,
        bindingType: "BINDING_TYPE_READ_WRITE",
      },
    ]);
  });

  it("external locations on the storage map; the unmapped one is a manual action, never registered", () => {
    const locs = world.byType(T.location);
    expect(named(locs, "uc-location:landing").inputs).toEqual({
      name: "landing",
      url: `abfss://landing@${SECONDARY_ACCOUNT}.dfs.core.windows.net/raw`,
      credentialName: "primary-connector",
      comment: "raw landing zone",
      readOnly: undefined,
    });
    // Only the secondary's own account is the connector's: elsewhere the access check waits for the grant.
    expect(named(locs, "uc-location:shared").inputs.skipValidation).toBe(true);
    expect(named(locs, "uc-location:shared").inputs.url).toBe(
      `abfss://shared@${KEPT_ACCOUNT}.dfs.core.windows.net/x`,
    );
    expect(locs.map((l) => l.name).sort()).toEqual(["uc-location:landing", "uc-location:shared"]);
    const action = outputs.manualActions.find((a) => a.kind === "uc-external-location" && a.id === "archive");
    expect(action?.action).toContain(`abfss://archive@${UNMAPPED_ACCOUNT}.dfs.core.windows.net/`);
    expect(action?.action).toContain("storageMap");
    // No Databricks resource points at the primary's accounts.
    const dbx = world.registrations.filter((r) => r.type.startsWith("databricks:"));
    expect(JSON.stringify(dbx.map((r) => r.inputs))).not.toMatch(
      new RegExp(`${PRIMARY_ACCOUNT}|${UNMAPPED_ACCOUNT}`),
    );
    // The kept account is not the connector's: reach it by hand.
    expect(outputs.manualActions).toContainEqual(
      expect.objectContaining({ kind: "config", id: `storage:${KEPT_ACCOUNT}` }),
    );
  });

  it("catalogs: managed location rewritten, ISOLATED bound to the secondary with the primary's binding type", () => {
    const cats = world.byType(T.catalog);
    expect(named(cats, "uc-catalog:sales").inputs).toEqual({
      name: "sales",
      comment: "sales data",
      owner: "admins",
      properties: { team: "sales" },
      isolationMode: "ISOLATED",
      storageRoot: `abfss://managed@${SECONDARY_ACCOUNT}.dfs.core.windows.net/sales`,
    });
    expect(cats.map((c) => c.name)).toEqual(["uc-catalog:sales"]);
    expect(outputs.manualActions.find((a) => a.id === "ops")?.action).toContain(UNMAPPED_ACCOUNT);
    const [ws] = world.byType(T.workspace);
    expect(world.byType(T.binding).map((b) => b.inputs)).toEqual([
      {
        securableName: "sales",
        securableType: "catalog",
        workspaceId: ws.state!.workspaceId,
        bindingType: "BINDING_TYPE_READ_ONLY",
      },
    ]);
  });

  it("schemas, volumes, the external table and the view; default schema created (the provider drops it)", () => {
    // The provider deletes a new catalog's `default` schema (terraform-provider-databricks resource_catalog.go).
    expect(world.byType(T.schema).map((s) => s.inputs)).toEqual([
      { catalogName: "sales", name: "default" },
      { catalogName: "sales", name: "orders", owner: "data-eng" },
    ]);
    expect(named(world.byType(T.volume), "uc-volume:vol-0001").inputs).toEqual({
      catalogName: "sales",
      schemaName: "orders",
      name: "raw_files",
      volumeType: "EXTERNAL",
      storageLocation: `abfss://landing@${SECONDARY_ACCOUNT}.dfs.core.windows.net/raw/files`,
    });
    expect(named(world.byType(T.volume), "uc-volume:vol-0002").inputs.volumeType).toBe("MANAGED");
    const tables = world.byType(T.table);
    const warehouse = world.byType("databricks:index/sqlEndpoint:SqlEndpoint");
    expect(tables.map((t) => t.name).sort()).toEqual(["uc-table:tbl-0001", "uc-table:tbl-0003"]);
    expect(named(tables, "uc-table:tbl-0001").inputs).toEqual({
      catalogName: "sales",
      schemaName: "orders",
      name: "events",
      comment: "click events",
      owner: "data-eng",
      tableType: "EXTERNAL",
      dataSourceFormat: "DELTA",
      storageLocation: `abfss://landing@${SECONDARY_ACCOUNT}.dfs.core.windows.net/raw/events`,
      columns: [
        { name: "id", type: "bigint", nullable: false },
        { name: "day", type: "date", comment: "partition", nullable: true },
      ],
      partitions: ["day"],
      properties: { quality: "gold" },
    });
    expect(named(tables, "uc-table:tbl-0003").inputs).toEqual({
      catalogName: "sales",
      schemaName: "orders",
      name: "recent_events",
      tableType: "VIEW",
      viewDefinition: "SELECT * FROM sales.orders.events WHERE day > current_date() - 7",
    });
    expect(warehouse).toHaveLength(1);
  });

  it("grants: one authoritative Grants per securable, exactly the primary's direct grants", () => {
    expect(world.byType(T.grant)).toEqual([]);
    const g = Object.fromEntries(world.byType(T.grants).map((r) => [r.name, r.inputs]));
    expect(g).toEqual({
      "uc-grants:storage-credential:cred-0001": {
        storageCredential: "primary-connector",
        grants: [{ principal: "data-eng", privileges: ["CREATE_EXTERNAL_LOCATION"] }],
      },
      "uc-grants:external-location:landing": {
        externalLocation: "landing",
        grants: [
          { principal: "analysts", privileges: ["READ_FILES"] },
          { principal: "data-eng", privileges: ["READ_FILES", "WRITE_FILES"] },
        ],
      },
      "uc-grants:catalog:sales": {
        catalog: "sales",
        grants: [
          { principal: "analysts", privileges: ["USE_CATALOG"] },
          { principal: "data-eng", privileges: ["ALL_PRIVILEGES"] },
        ],
      },
      "uc-grants:schema:sch-0001": {
        schema: "sales.orders",
        grants: [{ principal: "analysts", privileges: ["SELECT", "USE_SCHEMA"] }],
      },
      "uc-grants:schema:sch-0002": {
        schema: "sales.default",
        grants: [{ principal: "analysts", privileges: ["USE_SCHEMA"] }],
      },
      "uc-grants:volume:vol-0001": {
        volume: "sales.orders.raw_files",
        grants: [{ principal: "analysts", privileges: ["READ_VOLUME"] }],
      },
      "uc-grants:table:tbl-0001": {
        table: "sales.orders.events",
        grants: [{ principal: "analysts", privileges: ["SELECT"] }],
      },
      "uc-grants:table:tbl-0003": {
        table: "sales.orders.recent_events",
        grants: [{ principal: "analysts", privileges: ["SELECT"] }],
      },
    });
    // The metastore's grants are the shared regional metastore's business: listed, not applied.
    expect(outputs.manualActions.find((a) => a.kind === "uc-metastore")?.action).toContain("CREATE_CATALOG");
  });

  it("managed data: in dataToReplicate with the remedy, never registered; functions a manual action", () => {
    // The sample world's MLflow data is listed too (tests/report/mlflow-data.test.ts): here only UC's.
    expect(outputs.dataToReplicate?.filter((d) => d.kind.startsWith("uc-"))).toEqual([
      {
        kind: "uc-volume",
        id: "vol-0002",
        fullName: "sales.orders.exports",
        remedy: expect.stringContaining("copy its files"),
        clonedByJob: false,
      },
      {
        kind: "uc-table",
        id: "tbl-0002",
        fullName: "sales.orders.customers",
        sizeBytes: 123456,
        remedy: expect.stringMatching(/DEEP CLONE.*Delta Sharing/),
        clonedByJob: false,
      },
    ]);
    const customers = outputs.manualActions.find((a) => a.id === "tbl-0002");
    expect(customers?.action).toContain("DEEP CLONE");
    expect(outputs.manualActions.find((a) => a.id === "fn-0001")?.action).toContain(
      "CREATE FUNCTION sales.orders.mask_email",
    );
    expect(outputs.manualActions.find((a) => a.id === "conn-0001")?.action).toContain("password");
    expect(world.byType(T.job).filter((j) => j.name === "uc-deep-clone-job")).toEqual([]);
  });

  it("every Databricks resource's inputs match the provider's declarations", () => {
    const dbx = world.registrations.filter((r) => r.custom && r.type.startsWith("databricks:"));
    expect(dbx.filter((r) => /uc-|unity|metastore|credential/.test(r.name)).length).toBeGreaterThan(15);
    expect(dbx.flatMap((r) => checkResourceInputs(r.type, r.inputs).map(formatFinding))).toEqual([]);
    expect(raw.filter((r) => r.type.includes("/")).length).toBeGreaterThan(15);
    expect(raw.flatMap(undeclaredTopLevel)).toEqual([]);
  });
});
