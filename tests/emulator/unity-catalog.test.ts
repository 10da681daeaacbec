/**
 * Unity Catalog 2.1 as the REST reference and databricks-sdk-go service/catalog describe it: paths under
 * /api/2.1/unity-catalog, max_results/page_token/next_page_token paging ("a page may contain zero results
 * while still providing a next_page_token"), UC's error codes (CATALOG_DOES_NOT_EXIST 404,
 * CATALOG_ALREADY_EXISTS 409, CATALOG_NOT_EMPTY / SCHEMA_NOT_EMPTY 400), grants PATCH with
 * `changes: [{principal, add, remove}]`, workspace bindings, metastore assignment.
 */
import { RunningEmulator } from "../../emulator";
import { client, start } from "./helpers";

const UC = "/api/2.1/unity-catalog";
let emu: RunningEmulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  emu = await start();
  api = client(emu);
});
afterEach(() => emu.close());

/** Reads every page of a UC list the way the reference says a client must: until next_page_token is absent. */
async function readAll(
  path: string,
  key: string,
): Promise<{ items: { name: string }[]; pages: number; empty: number }> {
  const items: { name: string }[] = [];
  let token: string | undefined;
  let pages = 0;
  let empty = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const r = await api.get(`${path}${token ? `${sep}page_token=${encodeURIComponent(token)}` : ""}`);
    expect(r.status).toBe(200);
    pages++;
    if (!r.json[key]) empty++;
    items.push(...(r.json[key] ?? []));
    token = r.json.next_page_token;
  } while (token && pages < 100);
  return { items, pages, empty };
}

async function makeTables(n: number) {
  await api.post(`${UC}/schemas`, { catalog_name: "sales", name: "many" });
  for (let i = 0; i < n; i++) {
    const r = await api.post(`${UC}/tables`, {
      catalog_name: "sales",
      schema_name: "many",
      name: `t${String(i).padStart(3, "0")}`,
      table_type: "MANAGED",
      data_source_format: "DELTA",
      columns: [{ name: "id", type_text: "bigint" }],
    });
    expect(r.status).toBe(200);
  }
}

describe("paging", () => {
  it("pages tables by at most 50, with one empty page that still carries a token; the reader gets every table once", async () => {
    await makeTables(120);
    const all = await readAll(`${UC}/tables?catalog_name=sales&schema_name=many&max_results=0`, "tables");
    expect(all.items.map((t) => t.name)).toEqual(
      Array.from({ length: 120 }, (_, i) => `t${String(i).padStart(3, "0")}`),
    );
    expect(all.empty).toBe(1);
    expect(all.pages).toBe(4); // 50, empty, 50, 20
    const first = await api.get(`${UC}/tables?catalog_name=sales&schema_name=many&max_results=500`);
    expect(first.json.tables).toHaveLength(50); // "the minimum of this value and a server configured value"
    const unpaged = await api.get(`${UC}/tables?catalog_name=sales&schema_name=many`);
    expect([unpaged.json.tables.length, unpaged.json.next_page_token]).toEqual([120, undefined]); // "If not set, all"
  });

  it("pages catalogs by max_results and refuses a negative one or a forged token", async () => {
    const all = await readAll(`${UC}/catalogs?max_results=1`, "catalogs");
    expect(all.items.map((c) => c.name)).toEqual(["analytics", "sales", "system"]);
    const neg = await api.get(`${UC}/catalogs?max_results=-1`);
    expect([neg.status, neg.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect((await api.get(`${UC}/catalogs?max_results=1&page_token=bogus`)).status).toBe(400);
  });

  it("answers unpaginated calls whole, or refuses them once requirePaging says the service does", async () => {
    expect((await api.get(`${UC}/connections`)).json.connections).toHaveLength(1);
    emu.state.uc.requirePaging = true;
    for (const p of [
      "/catalogs",
      "/schemas?catalog_name=sales",
      "/connections",
      "/permissions/catalog/sales",
    ]) {
      const r = await api.get(`${UC}${p}`);
      expect([r.status, r.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    }
    expect((await api.get(`${UC}/catalogs?max_results=0`)).json.catalogs).toHaveLength(3);
    // Volumes always page (server page 10,000), so an unpaginated call is no call to refuse.
    expect((await api.get(`${UC}/volumes?catalog_name=sales&schema_name=raw`)).status).toBe(200);
  });

  it("with emptyPages off, pages are plain", async () => {
    emu.state.uc.emptyPages = false;
    await makeTables(60);
    const all = await readAll(`${UC}/tables?catalog_name=sales&schema_name=many&max_results=25`, "tables");
    expect([all.items.length, all.pages, all.empty]).toEqual([60, 3, 0]);
  });
});

describe("errors", () => {
  it("answers UC's own codes: missing parent 404, duplicate 409, non-empty delete 400 unless force", async () => {
    const noCat = await api.post(`${UC}/schemas`, { catalog_name: "nope", name: "x" });
    expect([noCat.status, noCat.json.error_code]).toEqual([404, "CATALOG_DOES_NOT_EXIST"]);
    const noSchema = await api.post(`${UC}/tables`, {
      catalog_name: "sales",
      schema_name: "nope",
      name: "t",
      table_type: "MANAGED",
    });
    expect([noSchema.status, noSchema.json.error_code]).toEqual([404, "SCHEMA_DOES_NOT_EXIST"]);
    expect((await api.get(`${UC}/tables/sales.raw.nope`)).json.error_code).toBe("TABLE_DOES_NOT_EXIST");
    const dupCat = await api.post(`${UC}/catalogs`, { name: "Sales" }); // names are case-insensitive
    expect([dupCat.status, dupCat.json.error_code]).toEqual([409, "CATALOG_ALREADY_EXISTS"]);
    const dupSchema = await api.post(`${UC}/schemas`, { catalog_name: "sales", name: "raw" });
    expect([dupSchema.status, dupSchema.json.error_code]).toEqual([409, "SCHEMA_ALREADY_EXISTS"]);
    const cat = await api.del(`${UC}/catalogs/sales`);
    expect([cat.status, cat.json.error_code]).toEqual([400, "CATALOG_NOT_EMPTY"]);
    const sch = await api.del(`${UC}/schemas/sales.raw`);
    expect([sch.status, sch.json.error_code]).toEqual([400, "SCHEMA_NOT_EMPTY"]);
    expect((await api.del(`${UC}/schemas/sales.raw?force=true`)).status).toBe(200);
    expect((await api.get(`${UC}/tables/sales.raw.orders`)).status).toBe(404);
    expect((await api.del(`${UC}/catalogs/sales?force=true`)).status).toBe(200);
    expect((await api.get(`${UC}/schemas?catalog_name=sales`)).json.error_code).toBe(
      "CATALOG_DOES_NOT_EXIST",
    );
  });

  it("takes an owner that is a principal of the workspace, and refuses anyone else", async () => {
    const ok = await api.patch(`${UC}/tables/sales.raw.orders`, { owner: "analytics" });
    expect([ok.status, ok.json.owner]).toEqual([200, "analytics"]);
    for (const [method, path, body] of [
      ["PATCH", "/catalogs/sales", { owner: "nobody@example.com" }],
      ["PATCH", "/external-locations/landing", { owner: "ghosts" }],
      ["POST", "/schemas", { catalog_name: "sales", name: "owned", owner: "ghosts" }],
    ] as const) {
      const r = await api.call(method, `${UC}${path}`, body);
      expect([r.status, r.json.error_code]).toEqual([404, "PRINCIPAL_DOES_NOT_EXIST"]);
    }
    expect((await api.get(`${UC}/catalogs/sales`)).json.owner).toBe("data-engineers");
  });

  it("refuses external storage outside every external location, and managed tables naming a location", async () => {
    const outside = await api.post(`${UC}/tables`, {
      catalog_name: "sales",
      schema_name: "raw",
      name: "x",
      table_type: "EXTERNAL",
      data_source_format: "DELTA",
      storage_location: "abfss://other@elsewhere.dfs.core.windows.net/x",
    });
    expect([outside.status, outside.json.message]).toEqual([
      400,
      expect.stringMatching(/not inside any external location/),
    ]);
    const managed = await api.post(`${UC}/volumes`, {
      catalog_name: "sales",
      schema_name: "raw",
      name: "v",
      volume_type: "MANAGED",
      storage_location: "abfss://landing@stdrprimary.dfs.core.windows.net/v",
    });
    expect(managed.status).toBe(400);
    const overlap = await api.post(`${UC}/external-locations`, {
      name: "nested",
      url: "abfss://landing@stdrprimary.dfs.core.windows.net/sub",
      credential_name: "dr-primary-connector",
    });
    expect(overlap.json.message).toMatch(/overlaps/);
    const noCred = await api.post(`${UC}/external-locations`, {
      name: "x",
      url: "abfss://x@y.dfs.core.windows.net/",
      credential_name: "nope",
    });
    expect([noCred.status, noCred.json.error_code]).toEqual([404, "STORAGE_CREDENTIAL_DOES_NOT_EXIST"]);
    const inUse = await api.del(`${UC}/external-locations/landing`);
    expect(inUse.status).toBe(400);
  });

  it("without a metastore assigned, UC calls answer 404 METASTORE_DOES_NOT_EXIST", async () => {
    const id = emu.state.uc.current()!.id;
    expect(
      (await api.del(`${UC}/workspaces/${emu.state.uc.workspaceId}/metastore?metastore_id=${id}`)).status,
    ).toBe(200);
    for (const p of ["/catalogs", "/current-metastore-assignment", "/metastore_summary"]) {
      const r = await api.get(`${UC}${p}`);
      expect([r.status, r.json.error_code]).toEqual([404, "METASTORE_DOES_NOT_EXIST"]);
    }
    expect((await api.get(`${UC}/metastores/${id}`)).status).toBe(200); // the metastore still exists
  });
});

describe("grants", () => {
  const P = `${UC}/permissions/schema/sales.raw`;
  it("PATCH adds and removes per principal, answers the whole list, and drops a principal left with nothing", async () => {
    const r = await api.patch(P, {
      changes: [
        { principal: "analytics", add: ["USE_SCHEMA", "SELECT"] },
        { principal: "data-engineers", remove: ["MODIFY"] },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json.privilege_assignments).toEqual([
      { principal: "analytics", privileges: ["USE_SCHEMA", "SELECT"] },
      { principal: "data-engineers", privileges: ["USE_SCHEMA", "SELECT"] },
    ]);
    await api.patch(P, {
      changes: [{ principal: "analytics", add: ["SELECT"], remove: ["USE_SCHEMA", "SELECT"] }],
    });
    const got = await api.get(P);
    expect(got.json.privilege_assignments.map((a: { principal: string }) => a.principal)).toEqual([
      "data-engineers",
    ]);
    const one = await api.get(`${P}?principal=data-engineers`);
    expect(one.json.privilege_assignments).toHaveLength(1);
  });

  it("refuses an unknown principal or a privilege the securable does not take, and changes nothing", async () => {
    const before = (await api.get(P)).json;
    const who = await api.patch(P, {
      changes: [
        { principal: "analytics", add: ["SELECT"] },
        { principal: "ghost", add: ["SELECT"] },
      ],
    });
    expect([who.status, who.json.error_code]).toEqual([404, "PRINCIPAL_DOES_NOT_EXIST"]);
    const what = await api.patch(P, { changes: [{ principal: "analytics", add: ["CREATE_CATALOG"] }] });
    expect([what.status, what.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    expect((await api.get(P)).json).toEqual(before);
    expect((await api.get(`${UC}/permissions/table/sales.raw.nope`)).json.error_code).toBe(
      "TABLE_DOES_NOT_EXIST",
    );
    expect((await api.get(`${UC}/permissions/share/x`)).status).toBe(400);
  });

  it("effective permissions add what the schema, catalog and metastore grant", async () => {
    const r = await api.get(`${UC}/effective-permissions/table/sales.raw.orders`);
    const eng = r.json.privilege_assignments.find(
      (a: { principal: string }) => a.principal === "data-engineers",
    );
    expect(eng.privileges).toContainEqual({
      privilege: "SELECT",
      inherited_from_type: "SCHEMA",
      inherited_from_name: "sales.raw",
    });
    const own = r.json.privilege_assignments.find(
      (a: { principal: string }) => a.principal === "bob.jones@example.com",
    );
    expect(own.privileges).toEqual([{ privilege: "SELECT" }]);
  });

  it("a deleted securable takes its grants with it", async () => {
    await api.del(`${UC}/tables/sales.raw.orders`);
    await api.post(`${UC}/tables`, {
      catalog_name: "sales",
      schema_name: "raw",
      name: "orders",
      table_type: "EXTERNAL",
      storage_location: "abfss://landing@stdrprimary.dfs.core.windows.net/delta/orders",
    });
    expect((await api.get(`${UC}/permissions/table/sales.raw.orders`)).json).toEqual({});
  });
});

describe("bindings, metastores, secrets", () => {
  it("binds catalogs through both APIs; isolating a catalog binds the workspace doing it", async () => {
    const ws = emu.state.uc.workspaceId;
    await api.patch(`${UC}/catalogs/analytics`, { isolation_mode: "ISOLATED" });
    expect((await api.get(`${UC}/workspace-bindings/catalogs/analytics`)).json).toEqual({
      workspaces: [Number(ws)],
    });
    const r = await api.patch(`${UC}/bindings/catalog/analytics`, {
      add: [{ workspace_id: 6543210987654321, binding_type: "BINDING_TYPE_READ_ONLY" }],
      remove: [{ workspace_id: Number(ws) }],
    });
    expect(r.json.bindings).toEqual([
      { workspace_id: 6543210987654321, binding_type: "BINDING_TYPE_READ_ONLY" },
    ]);
    const old = await api.patch(`${UC}/workspace-bindings/catalogs/analytics`, {
      assign_workspaces: [42],
      unassign_workspaces: [6543210987654321],
    });
    expect(old.json).toEqual({ workspaces: [42] });
    expect((await api.patch(`${UC}/catalogs/analytics`, { isolation_mode: "CLOSED" })).status).toBe(400);
  });

  it("assigns a metastore of the workspace's region only, and the summary follows the assignment", async () => {
    const ws = emu.state.uc.workspaceId;
    const other = await api.post(`${UC}/metastores`, { name: "far", region: "westus" });
    expect(other.json.global_metastore_id).toBe(`azure:westus:${other.json.metastore_id}`);
    const bad = await api.put(`${UC}/workspaces/${ws}/metastore`, {
      metastore_id: other.json.metastore_id,
      default_catalog_name: "main",
    });
    expect(bad.status).toBe(400);
    const none = await api.put(`${UC}/workspaces/${ws}/metastore`, {
      metastore_id: "nope",
      default_catalog_name: "main",
    });
    expect([none.status, none.json.error_code]).toEqual([404, "METASTORE_DOES_NOT_EXIST"]);
    const near = await api.post(`${UC}/metastores`, {
      name: "near",
      region: "eastus2",
      storage_root: "abfss://m@s.dfs.core.windows.net/",
    });
    expect(
      (
        await api.put(`${UC}/workspaces/${ws}/metastore`, {
          metastore_id: near.json.metastore_id,
          default_catalog_name: "main",
        })
      ).status,
    ).toBe(200);
    expect((await api.get(`${UC}/metastore_summary`)).json.name).toBe("near");
    expect((await api.get(`${UC}/catalogs`)).json.catalogs.map((c: { name: string }) => c.name)).toEqual([
      "system",
    ]);
    expect((await api.get(`${UC}/metastores`)).json.metastores).toHaveLength(3);
  });

  it("PUT assignment requires default_catalog_name, as the reference marks it", async () => {
    const r = await api.put(`${UC}/workspaces/${emu.state.uc.workspaceId}/metastore`, {
      metastore_id: emu.state.uc.current()!.id,
    });
    expect([r.status, r.json.message]).toEqual([400, expect.stringMatching(/default_catalog_name/)]);
  });

  it("serves the account-level metastore and assignment calls on the same state, bodies wrapped", async () => {
    const A = `/api/2.0/accounts/${emu.state.account.accountId}`;
    const ws = emu.state.uc.workspaceId;
    const cur = (await api.get(`${A}/workspaces/${ws}/metastore`)).json.metastore_assignment;
    expect(cur).toMatchObject({ workspace_id: Number(ws), metastore_id: emu.state.uc.current()!.id });
    const created = await api.post(`${A}/metastores`, {
      metastore_info: {
        name: "east-2",
        region: "eastus2",
        storage_root: "abfss://m@s.dfs.core.windows.net/x",
      },
    });
    const id = created.json.metastore_info.metastore_id;
    expect((await api.get(`${A}/metastores/${id}`)).json.metastore_info.name).toBe("east-2");
    expect(
      (await api.post(`${A}/workspaces/${ws}/metastores/${id}`, { metastore_assignment: {} })).status,
    ).toBe(200);
    expect((await api.get(`${UC}/current-metastore-assignment`)).json.metastore_id).toBe(id);
    expect((await api.get(`${A}/metastores/${id}/workspaces`)).json).toEqual({ workspace_ids: [Number(ws)] });
    const old = emu.state.uc.metastores.get(cur.metastore_id)!;
    const busy = await api.del(`${A}/metastores/${old.id}`);
    expect([busy.status, busy.json.error_code]).toEqual([400, "METASTORE_NOT_EMPTY"]);
    expect((await api.del(`${A}/workspaces/${ws}/metastores/${id}`)).status).toBe(200);
    expect((await api.get(`${A}/workspaces/${ws}/metastore`)).status).toBe(404);
    expect((await api.get(`/api/2.0/accounts/other/metastores`)).status).toBe(404);
  });

  it("never answers a secret: storage credential client secrets and connection passwords stay inside", async () => {
    const sp = await api.post(`${UC}/storage-credentials`, {
      name: "sp-cred",
      azure_service_principal: { directory_id: "d", application_id: "a", client_secret: "PLANTED-sp-secret" },
    });
    expect(sp.json.azure_service_principal).toEqual({ directory_id: "d", application_id: "a" });
    await api.patch(`${UC}/connections/crm-postgres`, {
      options: { host: "h", port: "1", user: "u", password: "PLANTED-new-pw" },
    });
    const texts = await Promise.all(
      [
        "/storage-credentials",
        "/storage-credentials/sp-cred",
        "/connections",
        "/connections/crm-postgres",
      ].map(async (p) => (await api.get(`${UC}${p}`)).text),
    );
    for (const t of texts) expect(t).not.toMatch(/PLANTED|password|client_secret/);
    const bad = await api.post(`${UC}/storage-credentials`, {
      name: "x",
      azure_managed_identity: { access_connector_id: "not-an-id" },
    });
    expect(bad.status).toBe(400);
  });
});
