/**
 * Dashboards through the round trip (the stack's resources become the provider's REST calls,
 * roundtrip/rest-dashboards.ts, against a secondary emulator): the sample's legacy dashboard comes back
 * with its chart on the SECONDARY's query and its text box, in the folder at the same path; its AI/BI
 * dashboards on the secondary's warehouse with the same definition, published as in the primary
 * (embedded credentials or not). Expectations come from the primary emulator's state, not the mapping.
 */
import type { RunningEmulator } from "../../emulator";
import {
  DEFAULT_TOKEN,
  Endpoint,
  RoundTripResult,
  runRoundTrip,
  startWorkspace,
} from "../../roundtrip/harness";
import { EXPORTED_AT, removeWorkDirs, workDir } from "../roundtrip/helpers";

type Obj = Record<string, unknown>;
const ours = (failures: { type: string; name: string }[]) =>
  failures.filter((f) => /dashboard|visualization|widget/i.test(`${f.type} ${f.name}`));
const coll = (emu: RunningEmulator, name: string) => [...(emu.state.sqlObjects.get(name)?.values() ?? [])];

describe("round trip of the sample's dashboards", () => {
  let r: RoundTripResult;
  let primary: RunningEmulator;
  let secondary: RunningEmulator;

  beforeAll(async () => {
    primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
    const ep: Endpoint = { url: primary.url, token: DEFAULT_TOKEN };
    r = await runRoundTrip({
      primary: ep,
      dir: workDir("dashboards"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
    });
    secondary = r.secondary!;
  }, 240000);
  afterAll(async () => {
    await secondary?.close();
    await primary?.close();
    removeWorkDirs();
  });

  it("applies every dashboard resource without a failure", () => {
    expect(ours(r.stack.log.failures)).toEqual([]);
    // Verify finds every dashboard and its ACL in the secondary's export, nothing unexplained.
    const mine = r.verify.objects.filter(
      (o) => /dashboard/.test(o.kind) || /^(sql-)?dashboards:/.test(o.key),
    );
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.filter((o) => o.unexpected)).toEqual([]);
    expect(mine.flatMap((o) => o.expected.map((e) => e.rule))).toContain("dashboard-published-by-provider");
  });

  it("recreates the legacy dashboard: its chart on the secondary's query, its text box, its folder", () => {
    for (const p of coll(primary, "preview/sql/dashboards")) {
      const s = coll(secondary, "preview/sql/dashboards").find((d) => d.name === p.name)!;
      expect(s).toBeDefined();
      expect(s.id).not.toBe(p.id);
      expect(s.tags).toEqual(p.tags);
      const folderOf = (emu: RunningEmulator, d: Obj) =>
        emu.state.tree.byId.get(Number(String(d.parent ?? "").split("/")[1]))?.path;
      expect(folderOf(secondary, s)).toBe(folderOf(primary, p));
      const pw = p.widgets as Obj[];
      const sw = s.widgets as Obj[];
      expect(sw.length).toBe(pw.length);
      for (const w of pw) {
        const pos = (w.options as Obj).position as Obj;
        const twin = sw.find(
          (x) =>
            JSON.stringify((x.options as Obj).position) ===
            JSON.stringify({
              autoHeight: pos.autoHeight,
              sizeX: pos.sizeX,
              sizeY: pos.sizeY,
              col: pos.col,
              row: pos.row,
            }),
        )!;
        expect(twin).toBeDefined();
        expect(twin.text).toBe(w.text);
        const pv = w.visualization as Obj | undefined;
        if (!pv) continue;
        const sv = twin.visualization as Obj;
        expect(sv.type).toBe(pv.type);
        expect(sv.options).toEqual(pv.options);
        // On the secondary's query of the same name, not the primary's id.
        const pq = pv.query as Obj;
        const sq = sv.query as Obj;
        expect(sq.name).toBe(pq.name);
        expect(sq.id).not.toBe(pq.id);
        expect(secondary.state.sqlObjects.get("sql/queries")!.has(String(sq.id))).toBe(true);
        expect(Object.keys(((twin.options as Obj).parameterMappings ?? {}) as Obj).sort()).toEqual(
          Object.keys(((w.options as Obj).parameterMappings ?? {}) as Obj).sort(),
        );
      }
    }
  });

  it("recreates the AI/BI dashboards on the secondary's warehouse, definition unchanged, published as in the primary", () => {
    const pubs = (emu: RunningEmulator) =>
      emu.state.sqlObjects.get("lakeview/published") ?? new Map<string, Obj>();
    const sWarehouses = [...secondary.state.warehouses.keys()];
    for (const p of coll(primary, "lakeview/dashboards")) {
      const s = coll(secondary, "lakeview/dashboards").find((d) => d.display_name === p.display_name)!;
      expect(s).toBeDefined();
      expect(s.parent_path).toBe(p.parent_path);
      expect(JSON.parse(String(s.serialized_dashboard))).toEqual(JSON.parse(String(p.serialized_dashboard)));
      expect(sWarehouses).toContain(s.warehouse_id);
      const pp = pubs(primary).get(String(p.dashboard_id));
      const sp = pubs(secondary).get(String(s.dashboard_id));
      // The provider publishes every dashboard it creates; a published one keeps its embedding.
      expect(sp).toBeDefined();
      if (pp) expect(sp!.embed_credentials).toBe(pp.embed_credentials);
      expect(sp!.warehouse_id).toBe(s.warehouse_id);
    }
  });

  it("the job refreshing both names the secondary's dashboards (sql_task.dashboard, dashboard_task) and warehouse", () => {
    const jobOf = (emu: RunningEmulator) =>
      [...emu.state.jobs.values()].find((j) => (j.settings as Obj).name === "Dashboards refresh");
    const tasks = (emu: RunningEmulator) => ((jobOf(emu)!.settings as Obj).tasks as Obj[]) ?? [];
    const p = tasks(primary);
    const s = tasks(secondary);
    expect(p.length).toBe(2);
    expect(s.length).toBe(2);
    const legacyP = coll(primary, "preview/sql/dashboards").find(
      (d) => d.id === ((p[0].sql_task as Obj).dashboard as Obj).dashboard_id,
    )!;
    const legacyS = coll(secondary, "preview/sql/dashboards").find((d) => d.name === legacyP.name)!;
    expect(((s[0].sql_task as Obj).dashboard as Obj).dashboard_id).toBe(legacyS.id);
    const lvP = coll(primary, "lakeview/dashboards").find(
      (d) => d.dashboard_id === (p[1].dashboard_task as Obj).dashboard_id,
    )!;
    const lvS = coll(secondary, "lakeview/dashboards").find((d) => d.display_name === lvP.display_name)!;
    expect((s[1].dashboard_task as Obj).dashboard_id).toBe(lvS.dashboard_id);
    expect(secondary.state.warehouses.has(String((s[1].dashboard_task as Obj).warehouse_id))).toBe(true);
  });
});
