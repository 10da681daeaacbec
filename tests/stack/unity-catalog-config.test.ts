/**
 * The unityCatalog config block: the documented defaults, and every refusal one line naming the key.
 */
import { ConfigError, parseStackConfig } from "../../components/config";

const METASTORE = "11111111-2222-4333-8444-555555555555";
const ACCOUNT = "99999999-8888-4777-8666-555555555555";
const CONNECTOR =
  "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Databricks/accessConnectors/dr-connector";
const base = { role: "secondary", location: "westus", snapshotPath: "snap" };
const parse = (uc: unknown, extra: Record<string, string> = {}) =>
  parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: { ...base, ...extra, unityCatalog: JSON.stringify(uc) },
  });
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
};

it("absent: no Unity Catalog; existing metastore: deep-clone job off by default", () => {
  expect(parseStackConfig({ project: "p", stack: "s", values: base }).unityCatalog).toBeUndefined();
  expect(parse({ metastore: { mode: "existing", metastoreId: METASTORE } }).unityCatalog).toEqual({
    metastore: { mode: "existing", metastoreId: METASTORE },
    deepCloneJob: false,
  });
});

it("create: the account host defaults to the Azure account console", () => {
  const uc = parse({
    metastore: { mode: "create", accountId: ACCOUNT, name: "dr-westus" },
    defaultCatalog: "main",
  }).unityCatalog!;
  expect(uc.metastore).toEqual({
    mode: "create",
    accountId: ACCOUNT,
    accountHost: "https://accounts.azuredatabricks.net",
    name: "dr-westus",
  });
  expect(uc.defaultCatalog).toBe("main");
});

it.each([
  [{}, "databricks-dr:unityCatalog.metastore"],
  [{ metastore: { mode: "borrow" } }, "databricks-dr:unityCatalog.metastore.mode: must be"],
  [{ metastore: { mode: "existing" } }, "databricks-dr:unityCatalog.metastore.metastoreId"],
  [
    { metastore: { mode: "existing", metastoreId: "not-a-uuid" } },
    "databricks-dr:unityCatalog.metastore.metastoreId: must be a UUID",
  ],
  [{ metastore: { mode: "create", name: "m" } }, "databricks-dr:unityCatalog.metastore.accountId"],
  [
    { metastore: { mode: "create", accountId: ACCOUNT, name: "m", storageRoot: "s3://bucket/x" } },
    "databricks-dr:unityCatalog.metastore.storageRoot: must be abfss://",
  ],
  [
    { metastore: { mode: "existing", metastoreId: METASTORE }, deepCloneJob: true, warehouse: "w" },
    "databricks-dr:unityCatalog.deepClone: is required when deepCloneJob is true",
  ],
  [
    {
      metastore: { mode: "existing", metastoreId: METASTORE },
      deepCloneJob: true,
      deepClone: { providerName: "primary", shares: {} },
    },
    "databricks-dr:unityCatalog.warehouse: is required when deepCloneJob is true",
  ],
  [
    { metastore: { mode: "existing", metastoreId: METASTORE }, accessConnectorId: "/subscriptions/x" },
    "databricks-dr:unityCatalog.accessConnectorId: must be an Azure Databricks access connector",
  ],
  [{ metastore: { mode: "existing", metastoreId: METASTORE }, catalogs: [] }, "databricks-dr:unityCatalog"],
])("refuses %j naming the key", (uc, expected) => {
  expect(message(() => parse(uc))).toContain(expected);
});

it("refuses unityCatalog on the primary, and an existing workspace without connector or workspace id", () => {
  const uc = { metastore: { mode: "existing", metastoreId: METASTORE } };
  expect(message(() => parse(uc, { role: "primary" }))).toBe(
    "databricks-dr:unityCatalog: applies to the secondary stack only (role: secondary)",
  );
  const resourceId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/ws";
  const existing = (url: string) => ({ existingWorkspace: JSON.stringify({ url, resourceId }) });
  expect(message(() => parse(uc, existing("https://adb-123.4.azuredatabricks.net")))).toContain(
    "databricks-dr:unityCatalog.accessConnectorId: is required with existingWorkspace",
  );
  expect(
    message(() => parse({ ...uc, accessConnectorId: CONNECTOR }, existing("https://dr.example.com"))),
  ).toContain("databricks-dr:unityCatalog.workspaceId: is required");
  expect(
    parse({ ...uc, accessConnectorId: CONNECTOR }, existing("https://adb-123.4.azuredatabricks.net"))
      .unityCatalog?.accessConnectorId,
  ).toBe(CONNECTOR);
});
