/**
 * What the seeds hold of Unity Catalog, read back through the REST API as an exporter would: the sample's
 * metastore (assigned) with two catalogs, schemas, external/managed tables, a view, volumes, a function, a
 * storage credential, external locations, a connection and grants to existing principals; the empty
 * (secondary) seed's regional metastore, unassigned; the large seed's knobs.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { RunningEmulator } from "../../emulator";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { SAMPLE_UC, SAMPLE_UC_SECRET_VALUES } from "../../emulator/seeds/sample-uc";
import { client, start } from "./helpers";

const UC = "/api/2.1/unity-catalog";
type Named = { name: string; full_name?: string };
const names = (l: Named[] | undefined) => (l ?? []).map((x) => x.full_name ?? x.name);

describe("sample", () => {
  let emu: RunningEmulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    emu = await start();
    api = client(emu);
  });
  afterAll(() => emu.close());

  it("has its metastore assigned, with its region and storage root", async () => {
    const a = (await api.get(`${UC}/current-metastore-assignment`)).json;
    expect(a).toEqual({
      workspace_id: Number(SAMPLE_UC.primaryWorkspaceId),
      metastore_id: SAMPLE_UC.metastoreId,
      default_catalog_name: "sales",
    });
    const s = (await api.get(`${UC}/metastore_summary`)).json;
    expect(s).toMatchObject({ region: "eastus2", cloud: "azure", storage_root: SAMPLE_UC.metastoreRoot });
  });

  it("holds two catalogs beside system, their schemas, and every table kind", async () => {
    const cats = (await api.get(`${UC}/catalogs`)).json.catalogs;
    expect(names(cats)).toEqual(["analytics", "sales", "system"]);
    const sales = cats.find((c: Named) => c.name === "sales");
    expect(sales).toMatchObject({
      storage_root: SAMPLE_UC.salesRoot,
      isolation_mode: "ISOLATED",
      owner: "data-engineers",
      properties: { department: "sales" },
    });
    expect(names((await api.get(`${UC}/schemas?catalog_name=sales`)).json.schemas)).toEqual([
      "sales.curated",
      "sales.default",
      "sales.information_schema",
      "sales.raw",
    ]);
    const raw = (await api.get(`${UC}/tables?catalog_name=sales&schema_name=raw`)).json.tables;
    const orders = raw.find((t: Named) => t.name === "orders");
    expect(orders).toMatchObject({
      table_type: "EXTERNAL",
      data_source_format: "DELTA",
      storage_location: `${SAMPLE_UC.landing}/delta/orders`,
    });
    expect(orders.columns.map((c: { name: string }) => c.name)).toEqual([
      "order_id",
      "customer_id",
      "amount",
      "order_date",
    ]);
    expect(orders.columns.find((c: { partition_index?: number }) => c.partition_index === 0).name).toBe(
      "order_date",
    );
    expect(raw.find((t: Named) => t.name === "returns_csv").data_source_format).toBe("CSV");
    const customers = (await api.get(`${UC}/tables/sales.curated.customers`)).json;
    expect(customers).toMatchObject({
      table_type: "MANAGED",
      storage_location: expect.stringContaining(SAMPLE_UC.salesRoot),
    });
    const view = (await api.get(`${UC}/tables/analytics.reports.daily_revenue`)).json;
    expect(view.table_type).toBe("VIEW");
    expect(view.view_definition).toMatch(/FROM sales\.raw\.orders/);
  });

  it("holds volumes, a function, the storage credential, external locations, a connection and bindings", async () => {
    const vols = (await api.get(`${UC}/volumes?catalog_name=sales&schema_name=raw`)).json.volumes;
    expect(vols.map((v: { volume_type: string }) => v.volume_type)).toEqual(["EXTERNAL"]);
    expect((await api.get(`${UC}/volumes/sales.curated.exports`)).json.volume_type).toBe("MANAGED");
    expect((await api.get(`${UC}/functions/sales.curated.mask_email`)).json.routine_body).toBe("SQL");
    const creds = (await api.get(`${UC}/storage-credentials`)).json.storage_credentials;
    expect(creds).toEqual([
      expect.objectContaining({
        name: "dr-primary-connector",
        azure_managed_identity: expect.objectContaining({ access_connector_id: SAMPLE_UC.accessConnectorId }),
      }),
    ]);
    expect(names((await api.get(`${UC}/external-locations`)).json.external_locations)).toEqual([
      "landing",
      "sales-managed",
    ]);
    const conns = await api.get(`${UC}/connections`);
    expect(names(conns.json.connections)).toEqual(["crm-postgres"]);
    for (const v of SAMPLE_UC_SECRET_VALUES) expect(conns.text).not.toContain(v);
    expect((await api.get(`${UC}/bindings/catalog/sales`)).json.bindings).toEqual([
      { workspace_id: Number(SAMPLE_UC.primaryWorkspaceId), binding_type: "BINDING_TYPE_READ_WRITE" },
    ]);
  });

  it("grants on every kind of securable, to principals the workspace has", async () => {
    const securables: [string, string][] = [
      ["metastore", SAMPLE_UC.metastoreId],
      ["storage_credential", "dr-primary-connector"],
      ["external_location", "landing"],
      ["connection", "crm-postgres"],
      ["catalog", "sales"],
      ["catalog", "analytics"],
      ["schema", "sales.raw"],
      ["table", "sales.raw.orders"],
      ["table", "sales.curated.customers"],
      ["table", "analytics.reports.daily_revenue"],
      ["volume", "sales.raw.landing_files"],
      ["function", "sales.curated.mask_email"],
    ];
    const users = (await api.get("/api/2.0/preview/scim/v2/Users")).json.Resources.map(
      (u: { userName: string }) => u.userName,
    );
    const groups = (await api.get("/api/2.0/preview/scim/v2/Groups")).json.Resources.map(
      (g: { displayName: string }) => g.displayName,
    );
    const known = new Set([...users, ...groups, SAMPLE_IDS.spApplicationId]);
    for (const [type, name] of securables) {
      const r = await api.get(`${UC}/permissions/${type}/${name}`);
      expect(r.json.privilege_assignments?.length).toBeGreaterThan(0);
      for (const a of r.json.privilege_assignments) expect(known).toContain(a.principal);
    }
  });

  it("loads the same objects with the same times and ids each time", async () => {
    const other = await start();
    try {
      const a = (await api.get(`${UC}/tables/sales.raw.orders`)).json;
      const b = (await client(other).get(`${UC}/tables/sales.raw.orders`)).json;
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  });
});

describe("empty (a fresh secondary)", () => {
  it("has its regional metastore in the account, not assigned until the stack assigns it", async () => {
    const emu = await start({ workspace: "empty" });
    const api = client(emu);
    try {
      expect((await api.get(`${UC}/current-metastore-assignment`)).status).toBe(404);
      const ms = (await api.get(`${UC}/metastores`)).json.metastores;
      expect(ms).toEqual([
        expect.objectContaining({ metastore_id: SAMPLE_UC.secondaryMetastoreId, region: "centralus" }),
      ]);
      const ws = SAMPLE_UC.secondaryWorkspaceId;
      expect(
        (
          await api.put(`${UC}/workspaces/${ws}/metastore`, {
            metastore_id: SAMPLE_UC.secondaryMetastoreId,
            default_catalog_name: "main",
          })
        ).status,
      ).toBe(200);
      expect((await api.get(`${UC}/current-metastore-assignment`)).json.workspace_id).toBe(Number(ws));
      expect(names((await api.get(`${UC}/catalogs`)).json.catalogs)).toEqual(["system"]);
    } finally {
      await emu.close();
    }
  });
});

describe("large", () => {
  it("holds as much Unity Catalog as its knobs say", async () => {
    const sizes = { ucCatalogs: 3, ucSchemas: 6, ucTables: 70, ucVolumes: 4, ucFunctions: 5 };
    const emu = await start({
      workspace: "large",
      large: { notebooks: 10, folders: 2, jobs: 2, clusters: 2, users: 5, groups: 3, ...sizes },
    });
    try {
      const m = emu.state.uc.current()!;
      expect(m.catalogs.size).toBe(3 + 1); // and system
      expect([...m.schemas.keys()].filter((k) => /\.schema_/.test(k))).toHaveLength(6);
      expect([m.tables.size, m.volumes.size, m.functions.size]).toEqual([70, 4, 5]);
      const kinds = new Set([...m.tables.values()].map((t) => t.table_type));
      expect(kinds).toEqual(new Set(["MANAGED", "EXTERNAL", "VIEW"]));
    } finally {
      await emu.close();
    }
  });
});

describe("the emulator command", () => {
  it("takes the large seed's Unity Catalog knobs", async () => {
    const bin = join(__dirname, "..", "..", "bin", "databricks-dr.js");
    const args = ["emulator", "--port", "0", "--workspace", "large", "--latency", "0", "--no-auth"];
    const sizes = [
      "--notebooks",
      "3",
      "--folders",
      "1",
      "--jobs",
      "1",
      "--clusters",
      "1",
      "--users",
      "2",
      "--groups",
      "1",
    ];
    const uc = [
      "--uc-catalogs",
      "2",
      "--uc-schemas",
      "2",
      "--uc-tables",
      "7",
      "--uc-volumes",
      "1",
      "--uc-functions",
      "1",
    ];
    const child = spawn(process.execPath, [bin, ...args, ...sizes, ...uc], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const cats = (await (await fetch(`${url}${UC}/catalogs`)).json()) as { catalogs: Named[] };
      expect(names(cats.catalogs)).toEqual(["cat_000", "cat_001", "system"]);
      const t = (await (
        await fetch(`${url}${UC}/tables?catalog_name=cat_000&schema_name=schema_0000`)
      ).json()) as {
        tables: Named[];
      };
      const t2 = (await (
        await fetch(`${url}${UC}/tables?catalog_name=cat_001&schema_name=schema_0001`)
      ).json()) as {
        tables: Named[];
      };
      expect(t.tables.length + t2.tables.length).toBe(7);
    } finally {
      child.kill("SIGINT");
    }
  });
});
