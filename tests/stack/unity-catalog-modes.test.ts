/**
 * Unity Catalog stack modes under Pulumi mocks: renamed securables keep their resource names (identity is
 * the source id), a created metastore through an account-level provider, an existing workspace with its
 * own connector, the deep-clone job (paused while passive and after activation unless asked), and no
 * unityCatalog config at all.
 */
import { buildStack, secondaryValues } from "./helpers/build";
import { SAMPLE_IDS } from "../../emulator/seeds/sample-ids";
import { writeUcWorld } from "./helpers/uc-world";
import {
  PRIMARY_ACCOUNT,
  SECONDARY_ACCOUNT,
  SECONDARY_METASTORE,
  ucDescriptors,
} from "./helpers/uc-descriptors";
import { checkResourceInputs, formatFinding } from "../../roundtrip/provider-shape";

const ACCOUNT_ID = "cccccccc-0000-4000-8000-000000000003";
const CONNECTOR =
  "/subscriptions/s/resourceGroups/dr-rg/providers/Microsoft.Databricks/accessConnectors/dr-ac";
const EXISTING = {
  url: "https://adb-4444444444444444.4.azuredatabricks.net",
  resourceId: "/subscriptions/s/resourceGroups/dr-rg/providers/Microsoft.Databricks/workspaces/dr-ws",
};
const existing = { mode: "existing", metastoreId: SECONDARY_METASTORE };
const STORAGE_MAP = JSON.stringify({ accounts: { [PRIMARY_ACCOUNT]: SECONDARY_ACCOUNT } });

type Uc = ReturnType<typeof ucDescriptors>;
async function build(uc: object | undefined, edit?: (d: Uc) => void, extra: Record<string, string> = {}) {
  const snap = writeUcWorld(edit);
  return buildStack(
    secondaryValues(snap, {
      storageAccountName: SECONDARY_ACCOUNT,
      storageMap: STORAGE_MAP,
      ...(uc ? { unityCatalog: JSON.stringify(uc) } : {}),
      ...extra,
    }),
  );
}
const inputsOf = (world: Awaited<ReturnType<typeof build>>["world"], type: string) =>
  Object.fromEntries(world.byType(type).map((r) => [r.name, r.inputs]));

it("renamed schema, table, volume and credential: same resource names, new names as inputs", async () => {
  const before = await build({ metastore: existing });
  const rename = (
    items: { id: string; name?: string; fullName?: string; schemaName?: string }[],
    id: string,
    to: string,
  ) => {
    const o = items.find((x) => x.id === id)!;
    o.name = to;
  };
  const after = await build({ metastore: existing }, (d) => {
    rename(d["uc-schema"] as never, "sch-0001", "orders_v2");
    for (const k of ["uc-table", "uc-volume", "uc-function"] as const)
      for (const x of d[k] as { schemaName: string; fullName: string; name: string }[])
        if (x.schemaName === "orders") {
          x.schemaName = "orders_v2";
          x.fullName = `sales.orders_v2.${x.name}`;
        }
    rename(d["uc-table"] as never, "tbl-0001", "click_events");
    rename(d["uc-storage-credential"] as never, "cred-0001", "dr-connector");
  });
  const names = (w: typeof before.world) =>
    w.registrations
      .filter((r) => /^uc-/.test(r.name))
      .map((r) => `${r.type} ${r.name}`)
      .sort();
  expect(names(after.world)).toEqual(names(before.world));
  expect(inputsOf(after.world, "databricks:index/schema:Schema")["uc-schema:sch-0001"]).toMatchObject({
    name: "orders_v2",
  });
  expect(inputsOf(after.world, "databricks:index/sqlTable:SqlTable")["uc-table:tbl-0001"]).toMatchObject({
    name: "click_events",
    schemaName: "orders_v2",
  });
  expect(inputsOf(after.world, "databricks:index/grants:Grants")["uc-grants:table:tbl-0001"]).toMatchObject({
    table: "sales.orders_v2.click_events",
  });
  // The external location names the renamed credential.
  expect(
    inputsOf(after.world, "databricks:index/externalLocation:ExternalLocation")["uc-location:landing"],
  ).toMatchObject({
    credentialName: "dr-connector",
  });
}, 60000);

it("create: the metastore and its assignment through an account-level provider", async () => {
  const { world } = await build({
    metastore: {
      mode: "create",
      accountId: ACCOUNT_ID,
      name: "dr-westus",
      storageRoot: `abfss://meta@${SECONDARY_ACCOUNT}.dfs.core.windows.net/`,
    },
  });
  const providers = world.byType("pulumi:providers:databricks");
  const account = providers.find((p) => p.name === "account")!;
  expect(account.inputs).toMatchObject({
    host: "https://accounts.azuredatabricks.net",
    accountId: ACCOUNT_ID,
  });
  const [m] = world.byType("databricks:index/metastore:Metastore");
  expect(m.inputs).toEqual({
    name: "dr-westus",
    region: "westus",
    storageRoot: `abfss://meta@${SECONDARY_ACCOUNT}.dfs.core.windows.net/`,
  });
  expect(m.protect).toBe(true);
  expect(m.provider.startsWith(account.urn)).toBe(true);
  const [a] = world.byType("databricks:index/metastoreAssignment:MetastoreAssignment");
  expect(a.provider.startsWith(account.urn)).toBe(true);
  expect(a.inputs.metastoreId).toBe(m.id);
  expect(a.inputs.workspaceId).toBe(world.byType("azure-native:databricks:Workspace")[0].state!.workspaceId);
  // The root is reached through the secondary's access connector.
  const [root] = world.byType("databricks:index/metastoreDataAccess:MetastoreDataAccess");
  const [connector] = world.byType("azure-native:databricks:AccessConnector");
  expect(root.inputs).toEqual({
    metastoreId: m.id,
    name: "dbdr-secondary-metastore-root",
    azureManagedIdentity: { accessConnectorId: connector.id },
    isDefault: true,
  });
  expect(root.provider.startsWith(account.urn)).toBe(true);
  const workspaceProvider = providers.find((p) => p.name === "workspace")!;
  const [cat] = world.byType("databricks:index/catalog:Catalog");
  expect(cat.provider.startsWith(workspaceProvider.urn)).toBe(true);
  const dbx = world.registrations.filter((r) => r.custom && r.type.startsWith("databricks:"));
  expect(dbx.flatMap((r) => checkResourceInputs(r.type, r.inputs).map(formatFinding))).toEqual([]);
}, 60000);

it("existing workspace: the configured connector, the URL's workspace id, no Azure resources", async () => {
  const { world } = await build({ metastore: existing, accessConnectorId: CONNECTOR }, undefined, {
    existingWorkspace: JSON.stringify(EXISTING),
  });
  expect(world.registrations.filter((r) => r.type.startsWith("azure-native:"))).toEqual([]);
  expect(world.byType("databricks:index/metastoreAssignment:MetastoreAssignment")[0].inputs.workspaceId).toBe(
    "4444444444444444",
  );
  for (const c of world.byType("databricks:index/storageCredential:StorageCredential"))
    expect(c.inputs.azureManagedIdentity).toEqual({ accessConnectorId: CONNECTOR });
}, 60000);

describe("the deep-clone job", () => {
  const uc = (extra: object = {}) => ({
    metastore: existing,
    warehouse: SAMPLE_IDS.warehouse,
    deepCloneJob: true,
    deepClone: { providerName: "primary-provider", shares: { sales: "sales_dr" }, ...extra },
  });

  it("a share catalog, a SQL notebook deep-cloning each managed table, a job on the warehouse, paused", async () => {
    const { world, outputs } = await build(uc({ shares: { sales: "sales_dr", ops: "ops_dr" } }), (d) =>
      // A managed table in ops.metrics, a schema the secondary does not get (its catalog's location is unmapped).
      d["uc-table"]!.push({
        ...(d["uc-table"]![1] as object),
        id: "tbl-ops",
        name: "kpis",
        catalogName: "ops",
        schemaName: "metrics",
        fullName: "ops.metrics.kpis",
        schemaId: "sch-0003",
      } as never),
    );
    expect(outputs.dataToReplicate?.find((x) => x.id === "tbl-ops")?.clonedByJob).toBe(false);
    expect(world.byType("databricks:index/catalog:Catalog").map((c) => c.name)).not.toContain(
      "uc-share-catalog:ops",
    );
    const cat = world
      .byType("databricks:index/catalog:Catalog")
      .find((c) => c.name === "uc-share-catalog:sales")!;
    expect(cat.inputs).toMatchObject({
      name: "sales_dr_share",
      providerName: "primary-provider",
      shareName: "sales_dr",
    });
    const [nb] = world
      .byType("databricks:index/notebook:Notebook")
      .filter((n) => n.name === "uc-deep-clone-notebook");
    expect(nb.inputs.language).toBe("SQL");
    const sql = Buffer.from(nb.inputs.contentBase64 as string, "base64").toString();
    expect(sql).toContain(
      "CREATE OR REPLACE TABLE `sales`.`orders`.`customers`\n  DEEP CLONE `sales_dr_share`.`orders`.`customers`;",
    );
    expect(sql).not.toContain("events");
    const job = world.byType("databricks:index/job:Job").find((j) => j.name === "uc-deep-clone-job")!;
    const [warehouse] = world.byType("databricks:index/sqlEndpoint:SqlEndpoint");
    expect(job.inputs.tasks).toEqual([
      { taskKey: "deep_clone", notebookTask: { notebookPath: nb.inputs.path, warehouseId: warehouse.id } },
    ]);
    expect(job.inputs.schedule).toEqual({
      quartzCronExpression: "0 0 */6 * * ?",
      timezoneId: "UTC",
      pauseStatus: "PAUSED",
    });
    expect(outputs.dataToReplicate?.find((x) => x.id === "tbl-0002")?.clonedByJob).toBe(true);
    // External tables run their DDL on the configured warehouse too.
    const events = world
      .byType("databricks:index/sqlTable:SqlTable")
      .find((t) => t.name === "uc-table:tbl-0001")!;
    expect(events.inputs.warehouseId).toBe(warehouse.id);
    const dbx = world.registrations.filter((r) => r.custom && r.type.startsWith("databricks:"));
    expect(dbx.flatMap((r) => checkResourceInputs(r.type, r.inputs).map(formatFinding))).toEqual([]);
  }, 60000);

  it.each([
    [{ runWhilePassive: true }, {}, "UNPAUSED"],
    [{ runWhilePassive: true }, { activation: "true" }, "PAUSED"],
    [{}, { activation: "true" }, "PAUSED"],
  ])(
    "deepClone %j with %j: %s",
    async (extra, cfg, pause) => {
      const { world } = await build(uc(extra), undefined, cfg as Record<string, string>);
      const job = world.byType("databricks:index/job:Job").find((j) => j.name === "uc-deep-clone-job")!;
      expect((job.inputs.schedule as { pauseStatus: string }).pauseStatus).toBe(pause);
    },
    60000,
  );
});

it("no unityCatalog config: every UC descriptor skipped with the reason, no UC resource", async () => {
  const { world, outputs } = await build(undefined);
  expect(
    world.registrations.filter(
      (r) => r.custom && (/uc-|unity|metastore/i.test(r.name) || /AccessConnector/.test(r.type)),
    ),
  ).toEqual([]);
  const n = Object.values(ucDescriptors()).reduce((s, items) => s + items.length, 0);
  const skipped = (outputs.skipped ?? []).filter((s) => s.kind.startsWith("uc-"));
  expect(skipped).toHaveLength(n);
  for (const s of skipped) expect(s.reason).toContain("databricks-dr:unityCatalog is not set");
}, 60000);

it("storageMap to the RA-GRS read-access endpoint: locations registered read-only, managed locations refused", async () => {
  const { world, outputs } = await build({ metastore: existing }, undefined, {
    storageMap: JSON.stringify({ accounts: { [PRIMARY_ACCOUNT]: `${PRIMARY_ACCOUNT}-secondary` } }),
  });
  const landing = world
    .byType("databricks:index/externalLocation:ExternalLocation")
    .find((l) => l.name === "uc-location:landing")!;
  expect(landing.inputs).toMatchObject({
    url: `abfss://landing@${PRIMARY_ACCOUNT}-secondary.dfs.core.windows.net/raw`,
    readOnly: true,
  });
  // A catalog's managed location takes writes: the read-only endpoint cannot serve it.
  expect(world.byType("databricks:index/catalog:Catalog").map((c) => c.name)).toEqual([]);
  expect(outputs.manualActions.find((a) => a.id === "sales")?.action).toContain("read-only");
  // The connector needs read access on the primary's account itself.
  expect(outputs.manualActions).toContainEqual(expect.objectContaining({ id: `storage:${PRIMARY_ACCOUNT}` }));
}, 60000);

it("storageCredentialName naming a primary credential: the connector's credential is that one, not a second", async () => {
  const { world } = await build({ metastore: existing, storageCredentialName: "primary-connector" });
  const creds = world.byType("databricks:index/storageCredential:StorageCredential");
  expect(creds.map((c) => c.inputs.name).sort()).toEqual(["legacy-sp", "primary-connector"]);
  expect(inputsOf(world, "databricks:index/grants:Grants")["uc-grants:storage-credential:cred-0001"]).toEqual(
    {
      storageCredential: "primary-connector",
      grants: [{ principal: "data-eng", privileges: ["CREATE_EXTERNAL_LOCATION"] }],
    },
  );
  expect(
    inputsOf(world, "databricks:index/externalLocation:ExternalLocation")["uc-location:landing"],
  ).toMatchObject({ credentialName: "primary-connector" });
}, 60000);
