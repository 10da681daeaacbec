/**
 * The `dashboard` kind (AI/BI, Lakeview): the Lakeview REST reference's Dashboard example body and the
 * emulator's sample. It validates deeply (the definition must be JSON), names its warehouse and folder,
 * maps to the provider's `Dashboard` args (checked against dashboard.d.ts), carries the published state
 * the provider can reproduce (embedCredentials) and says what it cannot; the export reads every dashboard
 * the emulator holds with its published version, through the list's page_token paging.
 */
import * as path from "node:path";
import { KINDS } from "../../kinds/registry";
import { dashboardExporter, normalizeDashboard } from "../../kinds/dashboard/exporter";
import { dashboardArgs } from "../../kinds/dashboard/mapping";
import { DashboardDescriptor, dashboardReferences, dashboardSchema } from "../../kinds/dashboard/schema";
import { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { readSnapshot } from "../../snapshot/reader";
import { RunningEmulator } from "../../emulator";
import { createLakeviewDashboard } from "../../emulator/routes/lakeview";
import { ApiError, HttpMethod } from "../../client";
import { runExport } from "../../exporters/run";
import { clientFor, emulator, EXPORTED_AT, exportOnce, tmpDir } from "../exporter/helpers";

const DASHBOARD = "databricks:index/dashboard:Dashboard";
/** docs.databricks.com/api/workspace/lakeview/get: the Dashboard object's documented example values. */
const documented = {
  dashboard_id: "04aab30f99ea444490c10c85852f216c",
  display_name: "Monthly Traffic Report",
  path: "/path/to/dir/Monthly Traffic Report.lvdash.json",
  create_time: "2019-08-24T14:15:22Z",
  update_time: "2019-08-24T14:15:22Z",
  warehouse_id: "47bb1c472649e711",
  etag: "80611980",
  serialized_dashboard: '{"pages":[{"name":"b532570b","displayName":"New Page"}]}',
  lifecycle_state: "ACTIVE",
  parent_path: "/path/to/dir",
};
const published = {
  display_name: "Monthly Traffic Report",
  warehouse_id: "47bb1c472649e711",
  embed_credentials: false,
  revision_create_time: "x",
};
const resolve: Resolver = (r) =>
  r.kind === "sql-warehouse" && r.id === documented.warehouse_id
    ? { value: "wh-secondary" }
    : { missing: "not replicated" };
const fixture = (pub: Record<string, unknown> | null = published): DashboardDescriptor =>
  dashboardSchema.parse(normalizeDashboard(documented, pub));

describe("the documented dashboard", () => {
  it("validates with dashboard_id as stable id, read-only fields left out, the published state apart", () => {
    const d = fixture();
    expect(d.id).toBe(documented.dashboard_id);
    expect(d.name).toBe(documented.display_name);
    for (const k of ["dashboard_id", "path", "etag", "create_time", "update_time", "lifecycle_state"])
      expect(d.settings[k]).toBeUndefined();
    expect(d.settings.serialized_dashboard).toBe(documented.serialized_dashboard);
    expect(d.published).toEqual({
      display_name: published.display_name,
      warehouse_id: published.warehouse_id,
      embed_credentials: false,
    });
    expect(fixture(null).published).toBeNull();
    expect(KINDS.dashboard.schema.safeParse(d).success).toBe(true);
  });

  it("is validated deeply, naming the field", () => {
    const bad = structuredClone(fixture());
    bad.settings.serialized_dashboard = "{pages:";
    expect(dashboardSchema.safeParse(bad).error!.issues[0].path).toEqual([
      "settings",
      "serialized_dashboard",
    ]);
    const rel = structuredClone(fixture());
    rel.settings.parent_path = "path/to/dir";
    expect(dashboardSchema.safeParse(rel).error!.issues[0].path).toEqual(["settings", "parent_path"]);
    const pub = structuredClone(fixture()) as { published: Record<string, unknown> };
    pub.published.embed_credentials = "yes";
    expect(dashboardSchema.safeParse(pub).error!.issues[0].path).toEqual(["published", "embed_credentials"]);
  });

  it("references its warehouse, the published version's warehouse and its folder", () => {
    expect(dashboardReferences(fixture())).toEqual([
      { kind: "sql-warehouse", id: documented.warehouse_id, field: "settings.warehouse_id" },
      { kind: "sql-warehouse", id: published.warehouse_id, field: "published.warehouse_id" },
      { kind: "directory", id: documented.parent_path, field: "settings.parent_path" },
    ]);
    expect(dashboardReferences(fixture(null)).map((r) => r.field)).toEqual([
      "settings.warehouse_id",
      "settings.parent_path",
    ]);
  });

  it("maps to Dashboard args the provider declares, on the secondary's warehouse, embedding as published", () => {
    const m = dashboardArgs(fixture(), { resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(checkResourceInputs(DASHBOARD, m.args as unknown as Record<string, unknown>)).toEqual([]);
    expect(m.args).toEqual({
      displayName: documented.display_name,
      parentPath: documented.parent_path,
      serializedDashboard: documented.serialized_dashboard,
      warehouseId: "wh-secondary",
      embedCredentials: false,
    });
    expect(m.notes).toEqual([]);
  });

  it("names its folder by the folder's secondary resource when the stack makes it (so it waits for it)", () => {
    const folderValue = { promised: "the folder's resource output" } as unknown as string;
    const withFolder: Resolver = (r) =>
      r.kind === "directory" && r.id === documented.parent_path ? { value: folderValue } : resolve(r);
    const m = dashboardArgs(fixture(), { resolve: withFolder });
    if (!m.ok) throw new Error(m.skip);
    expect(m.args.parentPath).toBe(folderValue);
  });

  it("says a draft will be published by the provider; is skipped without its warehouse", () => {
    const draft = dashboardArgs(fixture(null), { resolve });
    if (!draft.ok) throw new Error(draft.skip);
    expect(draft.notes.join("\n")).toMatch(/draft never published/);
    const gone = dashboardArgs(fixture(), { resolve: () => ({ missing: "not replicated" }) });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.skip).toContain(documented.warehouse_id);
  });
});

describe("the sample's AI/BI dashboards", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  it("are all exported with their definition and published state, as the emulator holds them", () => {
    const state = [...(emu.state.sqlObjects.get("lakeview/dashboards")?.values() ?? [])];
    const pubs = emu.state.sqlObjects.get("lakeview/published") ?? new Map();
    expect(state.length).toBeGreaterThan(1);
    expect(pubs.size).toBeGreaterThan(0);
    const got = readSnapshot(out).descriptors.dashboard;
    expect(got.map((d) => d.id).sort()).toEqual(state.map((d) => String(d.dashboard_id)).sort());
    for (const s of state) {
      const d = got.find((x) => x.id === s.dashboard_id)!;
      expect(d.settings.serialized_dashboard).toBe(s.serialized_dashboard);
      expect(d.settings.warehouse_id).toBe(s.warehouse_id);
      expect(d.settings.parent_path).toBe(s.parent_path);
      const p = pubs.get(String(s.dashboard_id));
      expect(d.published?.embed_credentials).toBe(p?.embed_credentials);
    }
  });

  it("are listed through every page_token page, each id once", async () => {
    for (let i = 0; i < 1005; i++)
      createLakeviewDashboard(emu.state, { display_name: `many-${i}`, parent_path: "/Shared" });
    const want = [...emu.state.sqlObjects.get("lakeview/dashboards")!.keys()];
    const got = await dashboardExporter.list({ client: clientFor(emu) } as never);
    expect((got as { id: string }[]).map((i) => i.id).sort()).toEqual([...want].sort());
  });
});

describe("a workspace without AI/BI dashboards", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  // The REST reference's answers for an API the workspace does not offer and for a refused call.
  for (const [status, code] of [
    [404, "ENDPOINT_NOT_FOUND"],
    [403, "PERMISSION_DENIED"],
  ] as const)
    it(`a ${status} ${code} on the list makes the kind unknown in the inventory, never 0, and the export goes on`, async () => {
      const client = clientFor(emu);
      const real = client.request.bind(client);
      client.request = (async (method: HttpMethod, p: string, o?: Parameters<typeof real>[2]) => {
        if (p === "/api/2.0/lakeview/dashboards") throw new ApiError(status, code, "no", `${method} ${p}`);
        return real(method, p, o);
      }) as typeof client.request;
      const out = path.join(tmpDir(), "snap");
      await runExport({ client, out, exportedAt: EXPORTED_AT });
      const snap = readSnapshot(out);
      expect(snap.manifest.inventory?.find((e) => e.family === "dashboard")).toMatchObject({
        count: null,
        status: "unknown",
        reason: expect.stringContaining(code),
      });
      expect(snap.descriptors["sql-dashboard"].length).toBeGreaterThan(0);
    });
});
