/**
 * The emulator's dashboards: legacy SQL dashboards (written through preview/sql/dashboards, widgets and
 * visualizations, answered in the recorded get-sql-dashboard(s).json shapes) and AI/BI (Lakeview)
 * dashboards (the Lakeview REST reference: paging bounds and default, the fields a list entry leaves out,
 * the published version, the trash), and their permissions. Expectations are the recordings, the REST
 * reference and what the Terraform provider relies on (the "Path (...) doesn't exist." text, a 403 on
 * deleting a trashed dashboard).
 */
import { recorded, diffFields } from "./conformance-helpers";
import { useSampleEmulator } from "./helpers";

const s = useSampleEmulator();
const LV = "/api/2.0/lakeview/dashboards";
const LEGACY = "/api/2.0/preview/sql/dashboards";

describe("legacy SQL dashboards", () => {
  it("a created dashboard with a chart and a text widget reads back in the recorded shape", async () => {
    const { api, emu } = s;
    const folder = emu.state.tree.get("/Shared/reports")!;
    const d = await api.post(LEGACY, {
      name: "Made here",
      parent: `folders/${folder.object_id}`,
      tags: ["x"],
    });
    expect(d.status).toBe(200);
    const query = [...emu.state.sqlObjects.get("sql/queries")!.keys()][0];
    const v = await api.post("/api/2.0/preview/sql/visualizations", {
      query_id: query,
      type: "chart",
      name: "Chart",
      options: { globalSeriesType: "column" },
    });
    expect(v.status).toBe(200);
    const position = { autoHeight: false, col: 0, row: 0, sizeX: 3, sizeY: 8 };
    const w1 = await api.post("/api/2.0/preview/sql/widgets", {
      dashboard_id: d.json.id,
      visualization_id: v.json.id,
      width: 1,
      options: { parameterMappings: {}, position },
    });
    expect(w1.status).toBe(200);
    const w2 = await api.post("/api/2.0/preview/sql/widgets", {
      dashboard_id: d.json.id,
      text: "hello",
      width: 1,
      options: { parameterMappings: {}, position },
    });
    expect(w2.status).toBe(200);
    const got = (await api.get(`${LEGACY}/${d.json.id}`)).json;
    const want = recorded("get-sql-dashboard.json");
    // The emulator has no legacy data sources (warehouses stand in for them).
    delete want.data_source_id;
    const top = (o: Record<string, unknown>) => ({ ...o, widgets: undefined });
    expect(diffFields(top(want), top(got), "", true).filter((p) => !p.startsWith("widgets"))).toEqual([]);
    const { visualization: wantVis, ...wantWidget } = want.widgets[0];
    const { visualization: gotVis, ...gotWidget } = got.widgets[0];
    // Options are what the caller sent (the UI sends more position fields than the provider).
    expect(diffFields({ ...wantWidget, options: {} }, { ...gotWidget, options: {} }, "", true)).toEqual([]);
    expect(gotWidget.options).toEqual({ parameterMappings: {}, position });
    expect(
      diffFields(
        { ...wantVis, query: undefined, options: {} },
        { ...gotVis, query: undefined, options: {} },
        "",
        true,
      ),
    ).toEqual([]);
    expect(gotVis.options).toEqual({ globalSeriesType: "column" });
    expect(got.widgets[0].visualization.query.id).toBe(query);
    expect(got.widgets[0].visualization.type).toBe("CHART");
    expect(got.widgets[1].text).toBe("hello");
    expect(got.parent).toBe(`folders/${folder.object_id}`);
  });

  it("refuses a widget without width or options, and a missing folder or query", async () => {
    const { api } = s;
    const d = (await api.post(LEGACY, { name: "Refusals" })).json;
    expect(
      (await api.post("/api/2.0/preview/sql/widgets", { dashboard_id: d.id, text: "t", options: {} })).status,
    ).toBe(400);
    expect(
      (await api.post("/api/2.0/preview/sql/widgets", { dashboard_id: d.id, text: "t", width: 1 })).status,
    ).toBe(400);
    expect((await api.post(LEGACY, { name: "x", parent: "folders/1" })).status).toBe(404);
    const v = await api.post("/api/2.0/preview/sql/visualizations", {
      query_id: "nope",
      type: "TABLE",
      options: {},
    });
    expect(v.status).toBe(404);
  });

  it("pages with page/page_size and a total count; list entries carry no widgets (null, as recorded)", async () => {
    const { api } = s;
    for (let i = 0; i < 3; i++) await api.post(LEGACY, { name: `paged-${i}` });
    const all = (await api.get(`${LEGACY}?page_size=250`)).json;
    expect(all.page_size).toBe(250);
    const p1 = (await api.get(`${LEGACY}?page=1&page_size=2`)).json;
    const p2 = (await api.get(`${LEGACY}?page=2&page_size=2`)).json;
    expect(p1.count).toBe(all.count);
    expect(p1.results.length).toBe(2);
    expect([...p1.results, ...p2.results].map((d: { id: string }) => d.id)).toEqual(
      all.results.slice(0, 4).map((d: { id: string }) => d.id),
    );
    expect(recorded("get-sql-dashboards.json").results[0].widgets).toBeNull();
    for (const d of all.results) expect(d.widgets).toBeNull();
  });

  it("a deleted dashboard leaves the list and reads back archived", async () => {
    const { api } = s;
    const d = (await api.post(LEGACY, { name: "to delete" })).json;
    expect((await api.del(`${LEGACY}/${d.id}`)).status).toBe(200);
    const ids = (await api.get(`${LEGACY}?page_size=250`)).json.results.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(d.id);
    expect((await api.get(`${LEGACY}/${d.id}`)).json.is_archived).toBe(true);
  });

  it("the sample's legacy dashboard has the recorded ACL shape", async () => {
    const { api, emu } = s;
    const id = [...emu.state.sqlObjects.get("preview/sql/dashboards")!.keys()][0];
    const acl = (await api.get(`/api/2.0/preview/sql/permissions/dashboards/${id}`)).json;
    expect(diffFields(recorded("get-sql-dashboard-permissions.json"), acl, "", true)).toEqual([]);
  });
});

describe("AI/BI (Lakeview) dashboards", () => {
  const body = (name: string, parent = "/Shared/reports") => ({
    display_name: name,
    parent_path: parent,
    warehouse_id: [...s.emu.state.warehouses.keys()][0],
    serialized_dashboard: JSON.stringify({ pages: [] }),
  });

  it("pages by page_size (1..1000, default 20) and page_token; entries leave out path, etag, update_time, serialized_dashboard", async () => {
    const { api } = s;
    for (let i = 0; i < 23; i++) expect((await api.post(LV, body(`lv-${i}`))).status).toBe(200);
    const first = (await api.get(LV)).json;
    expect(first.dashboards.length).toBe(20);
    expect(typeof first.next_page_token).toBe("string");
    const seen = [...first.dashboards];
    let token = first.next_page_token;
    while (token) {
      const p = (await api.get(`${LV}?page_size=7&page_token=${encodeURIComponent(token)}`)).json;
      seen.push(...p.dashboards);
      token = p.next_page_token;
    }
    expect(new Set(seen.map((d) => d.dashboard_id)).size).toBe(seen.length);
    expect(seen.length).toBe(
      [...s.emu.state.sqlObjects.get("lakeview/dashboards")!.values()].filter(
        (d) => d.lifecycle_state === "ACTIVE",
      ).length,
    );
    for (const d of seen)
      for (const k of ["path", "etag", "update_time", "serialized_dashboard"]) expect(d[k]).toBeUndefined();
    expect((await api.get(`${LV}?page_size=0`)).status).toBe(400);
    expect((await api.get(`${LV}?page_size=1001`)).status).toBe(400);
  });

  it("a created dashboard has its path under the parent, .lvdash.json; a missing parent answers the provider's text", async () => {
    const { api } = s;
    const d = (await api.post(LV, body("Made here"))).json;
    const got = (await api.get(`${LV}/${d.dashboard_id}`)).json;
    expect(got.path).toBe("/Shared/reports/Made here.lvdash.json");
    expect(got.lifecycle_state).toBe("ACTIVE");
    expect(typeof got.etag).toBe("string");
    const missing = await api.post(LV, body("x", "/Shared/nowhere"));
    expect(missing.status).toBe(404);
    expect(missing.json.message).toMatch(/^Path \(.*\) doesn't exist\.$/);
  });

  it("publishes (embed_credentials defaults to true), reads the published version, unpublishes", async () => {
    const { api } = s;
    const d = (await api.post(LV, body("Pub"))).json;
    expect((await api.get(`${LV}/${d.dashboard_id}/published`)).status).toBe(404);
    const p = await api.post(`${LV}/${d.dashboard_id}/published`, {});
    expect(p.json).toMatchObject({
      display_name: "Pub",
      warehouse_id: d.warehouse_id,
      embed_credentials: true,
    });
    expect(typeof p.json.revision_create_time).toBe("string");
    await api.post(`${LV}/${d.dashboard_id}/published`, { embed_credentials: false });
    expect((await api.get(`${LV}/${d.dashboard_id}/published`)).json.embed_credentials).toBe(false);
    expect((await api.del(`${LV}/${d.dashboard_id}/published`)).status).toBe(200);
    expect((await api.get(`${LV}/${d.dashboard_id}/published`)).status).toBe(404);
  });

  it("PATCH changes the definition and the etag; a stale etag is refused", async () => {
    const { api } = s;
    const d = (await api.post(LV, body("Patch"))).json;
    const u = await api.patch(`${LV}/${d.dashboard_id}`, {
      serialized_dashboard: '{"pages":[{"name":"a"}]}',
      etag: d.etag,
    });
    expect(u.status).toBe(200);
    expect(u.json.etag).not.toBe(d.etag);
    expect((await api.patch(`${LV}/${d.dashboard_id}`, { display_name: "y", etag: d.etag })).status).toBe(
      409,
    );
  });

  it("trash: gone from the list unless show_trashed; a second delete answers 403", async () => {
    const { api } = s;
    const d = (await api.post(LV, body("Trash"))).json;
    expect((await api.del(`${LV}/${d.dashboard_id}`)).status).toBe(200);
    const list = async (q: string) => {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const p = (await api.get(`${LV}?page_size=1000${q}${token ? `&page_token=${token}` : ""}`)).json;
        out.push(...(p.dashboards ?? []).map((x: { dashboard_id: string }) => x.dashboard_id));
        token = p.next_page_token;
      } while (token);
      return out;
    };
    expect(await list("")).not.toContain(d.dashboard_id);
    expect(await list("&show_trashed=true")).toContain(d.dashboard_id);
    expect((await api.get(`${LV}/${d.dashboard_id}`)).json.lifecycle_state).toBe("TRASHED");
    expect((await api.del(`${LV}/${d.dashboard_id}`)).status).toBe(403);
  });

  it("permissions/dashboards/{id}: the sample's grant, the documented levels", async () => {
    const { api, emu } = s;
    const id = [...emu.state.sqlObjects.get("lakeview/dashboards")!.keys()][0];
    const acl = (await api.get(`/api/2.0/permissions/dashboards/${id}`)).json;
    expect(acl.object_type).toBe("dashboard");
    expect(acl.access_control_list.some((e: { group_name?: string }) => e.group_name === "analytics")).toBe(
      true,
    );
    const levels = (await api.get(`/api/2.0/permissions/dashboards/${id}/permissionLevels`)).json;
    expect(
      levels.permission_levels.map((l: { permission_level: string }) => l.permission_level).sort(),
    ).toEqual(["CAN_EDIT", "CAN_MANAGE", "CAN_READ", "CAN_RUN"]);
    expect(
      (
        await api.put(`/api/2.0/permissions/dashboards/${id}`, {
          access_control_list: [{ group_name: "analytics", permission_level: "CAN_USE" }],
        })
      ).status,
    ).toBe(400);
    expect((await api.get("/api/2.0/permissions/dashboards/nope")).status).toBe(404);
  });
});
