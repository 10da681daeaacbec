/**
 * The `sql-dashboard` kind (legacy SQL dashboards) on the recorded body (get-sql-dashboard.json,
 * get-sql-dashboards.json) and on the emulator's sample: it validates deeply, names its folder, owner and
 * the queries its visualizations show, maps to the provider's SqlDashboard, SqlVisualization and SqlWidget
 * args (checked against their .d.ts declarations), and the export holds every dashboard the emulator has,
 * paging through the list. Expected values are read off the recording, the provider's declarations and
 * the emulator's state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KINDS } from "../../kinds/registry";
import { listLegacyDashboards, normalizeSqlDashboard } from "../../kinds/sql-dashboard/exporter";
import { sqlDashboardPlan } from "../../kinds/sql-dashboard/mapping";
import {
  SqlDashboardDescriptor,
  sqlDashboardReferences,
  sqlDashboardSchema,
} from "../../kinds/sql-dashboard/schema";
import { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { readSnapshot } from "../../snapshot/reader";
import { RunningEmulator } from "../../emulator";
import { createLegacyDashboard } from "../../emulator/routes/sql-dashboards-write";
import { clientFor, emulator, exportOnce, tmpDir } from "../exporter/helpers";

const FIXTURES = path.join(__dirname, "../fixtures/databricks-api");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8"));
const raw = load("get-sql-dashboard.json");
const T = {
  dashboard: "databricks:index/sqlDashboard:SqlDashboard",
  vis: "databricks:index/sqlVisualization:SqlVisualization",
  widget: "databricks:index/sqlWidget:SqlWidget",
};
const FOLDER = "/Users/user@domain.com/Dashboards";
const folder = (id: number) => (String(id) === raw.parent.split("/")[1] ? FOLDER : undefined);
const fixture = (): SqlDashboardDescriptor => sqlDashboardSchema.parse(normalizeSqlDashboard(raw, folder));
const recordedQuery = raw.widgets[0].visualization.query.id as string;
const resolve: Resolver = (ref) =>
  ref.kind === "sql-query" && ref.id === recordedQuery
    ? { value: "q-secondary" }
    : { missing: "not replicated" };

describe("the recorded legacy dashboard", () => {
  it("validates with the dashboard id as stable id, the folder as its path, read-only fields left out", () => {
    const d = fixture();
    expect(d.id).toBe(raw.id);
    expect(d.name).toBe(raw.name);
    expect(d.parentPath).toBe(FOLDER);
    expect(d.owner).toBe(raw.user.email);
    for (const k of [
      "id",
      "slug",
      "user",
      "user_id",
      "version",
      "created_at",
      "updated_at",
      "parent",
      "widgets",
    ])
      expect(d.settings[k]).toBeUndefined();
    expect(d.widgets).toHaveLength(raw.widgets.length);
    const w = d.widgets[0];
    expect(w.id).toBe(raw.widgets[0].id);
    expect(w.visualization).toMatchObject({
      id: raw.widgets[0].visualization.id,
      query_id: recordedQuery,
      type: raw.widgets[0].visualization.type,
      options: raw.widgets[0].visualization.options,
    });
    expect(KINDS["sql-dashboard"].schema.safeParse(d).success).toBe(true);
    // The list entry (no widgets) is the same dashboard.
    const listed = normalizeSqlDashboard(load("get-sql-dashboards.json").results[0], folder);
    expect(listed.id).toBe(d.id);
    expect(listed.widgets).toEqual([]);
  });

  it("is validated deeply, naming the field", () => {
    const bad = structuredClone(fixture());
    (bad.widgets[0].options as Record<string, unknown>).position = { sizeX: -1 };
    const r = sqlDashboardSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["widgets", 0, "options", "position", "sizeX"]);
    const both = structuredClone(fixture());
    both.widgets[0].text = "and a text";
    expect(sqlDashboardSchema.safeParse(both).success).toBe(false);
    const neither = structuredClone(fixture());
    delete neither.widgets[0].visualization;
    expect(sqlDashboardSchema.safeParse(neither).success).toBe(false);
    // A blank text box is still a text box (the recorded chart widget has text ""; the exporter drops it).
    const blank = structuredClone(fixture());
    delete blank.widgets[0].visualization;
    blank.widgets[0].text = "";
    expect(sqlDashboardSchema.safeParse(blank).success).toBe(true);
    const role = structuredClone(fixture());
    role.settings.run_as_role = "admin";
    expect(sqlDashboardSchema.safeParse(role).error!.issues[0].path).toEqual(["settings", "run_as_role"]);
  });

  it("references its folder, the query its chart shows and its owner", () => {
    expect(sqlDashboardReferences(fixture())).toEqual([
      { kind: "directory", id: FOLDER, field: "parentPath" },
      { kind: "sql-query", id: recordedQuery, field: "widgets[0].visualization.query_id" },
      { kind: "user", id: raw.user.email, field: "owner" },
    ]);
  });

  it("maps to SqlDashboard, SqlVisualization and SqlWidget args the provider declares", () => {
    const m = sqlDashboardPlan(fixture(), { resolve, folder: () => "folders/777" });
    if (!m.ok) throw new Error(m.skip);
    const { dashboard, visualizations, widgets } = m.args;
    expect(checkResourceInputs(T.dashboard, dashboard as Record<string, unknown>)).toEqual([]);
    expect(dashboard).toMatchObject({
      name: raw.name,
      parent: "folders/777",
      dashboardFiltersEnabled: false,
    });
    expect(visualizations).toHaveLength(1);
    const v = visualizations[0].args;
    expect(checkResourceInputs(T.vis, v as unknown as Record<string, unknown>)).toEqual([]);
    expect(v.queryId).toBe("q-secondary");
    expect(JSON.parse(v.options as string)).toEqual(raw.widgets[0].visualization.options);
    expect(v.type).toBe(raw.widgets[0].visualization.type.toLowerCase());
    const w = widgets[0];
    const inputs = { ...w.args, dashboardId: "d", visualizationId: "v" };
    expect(checkResourceInputs(T.widget, inputs as Record<string, unknown>)).toEqual([]);
    const pos = raw.widgets[0].options.position;
    expect(w.args.position).toEqual({
      sizeX: pos.sizeX,
      sizeY: pos.sizeY,
      posX: pos.col,
      posY: pos.row,
      autoHeight: pos.autoHeight,
    });
    expect(w.visualization).toBe(visualizations[0].key);
  });

  it("keeps the dashboard and leaves out, with a note, a widget whose query is not in the secondary", () => {
    const m = sqlDashboardPlan(fixture(), { resolve: () => ({ missing: "not replicated" }) });
    if (!m.ok) throw new Error(m.skip);
    expect(m.args.widgets).toEqual([]);
    expect(m.args.visualizations).toEqual([]);
    expect(m.notes.join("\n")).toContain(recordedQuery);
    // No folder id known in the secondary: no parent, said so.
    expect(m.args.dashboard.parent).toBeUndefined();
    expect(m.notes.join("\n")).toContain(FOLDER);
  });
});

describe("the sample's legacy dashboards", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  it("are all exported with their widgets, each as the emulator holds it", () => {
    const state = [...(emu.state.sqlObjects.get("preview/sql/dashboards")?.values() ?? [])];
    expect(state.length).toBeGreaterThan(0);
    const got = readSnapshot(out).descriptors["sql-dashboard"];
    expect(got.map((d) => d.id).sort()).toEqual(state.map((d) => String(d.id)).sort());
    for (const s of state) {
      const d = got.find((x) => x.id === s.id)!;
      const widgets = s.widgets as Record<string, unknown>[];
      expect(d.name).toBe(s.name);
      expect(d.widgets.map((w) => w.id)).toEqual(widgets.map((w) => w.id));
      const folderId = Number(String(s.parent).split("/")[1]);
      expect(d.parentPath).toBe(emu.state.tree.byId.get(folderId)!.path);
      for (const w of widgets) {
        const v = w.visualization as { query: { id: string } } | undefined;
        const dw = d.widgets.find((x) => x.id === w.id)!;
        expect(dw.visualization?.query_id).toBe(v?.query.id);
      }
    }
  });

  it("are listed page by page up to the list's count (page/page_size), each id once", async () => {
    for (let i = 0; i < 230; i++) createLegacyDashboard(emu.state, { name: `many-${i}` });
    const want = [...emu.state.sqlObjects.get("preview/sql/dashboards")!.keys()];
    const got = await listLegacyDashboards({ client: clientFor(emu) } as never);
    expect(got.map((i) => i.id).sort()).toEqual([...want].sort());
  });
});
