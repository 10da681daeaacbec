/**
 * verify on dashboards: the emulator's sample exported, and a "secondary" made from it with the ids a
 * workspace assigns changed (dashboards, widgets, visualizations, queries, the references to them).
 * Matched by folder and name, those ids are expected differences; a changed definition, a widget on
 * another query, a lost widget or a changed embedding is unexpected; the same definition with other
 * spacing is not a difference (compared as JSON).
 */
import * as path from "node:path";
import { readSnapshot, Snapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { RunningEmulator } from "../../emulator";
import { emulator, exportOnce, tmpDir } from "../exporter/helpers";

let emu: RunningEmulator;
let primary: Snapshot;
beforeAll(async () => {
  emu = await emulator();
  const out = path.join(tmpDir(), "snap");
  await exportOnce(emu, out);
  primary = readSnapshot(out);
});
afterAll(() => emu.close());

function secondaryOf(p: Snapshot): Snapshot {
  const s = structuredClone(p);
  const ids = new Set<string>();
  for (const d of [...s.descriptors["sql-query"], ...s.descriptors.dashboard]) ids.add(d.id);
  for (const d of s.descriptors["sql-dashboard"]) {
    ids.add(d.id);
    for (const w of d.widgets) {
      ids.add(w.id);
      if (w.visualization) ids.add(w.visualization.id);
    }
  }
  let text = JSON.stringify(s.descriptors);
  for (const a of ids) text = text.split(a).join(`sec-${a}`);
  s.descriptors = JSON.parse(text);
  return s;
}

const MINE = new Set(["sql-dashboard", "dashboard"]);
const unexpected = (p: Snapshot, s: Snapshot) =>
  compareSnapshots(p, s, {})
    .objects.filter((o) => o.unexpected && (MINE.has(o.kind) || /^(sql-)?dashboards:/.test(o.key)))
    .flatMap((o) =>
      o.status === "different"
        ? o.differences.map((d) => `${o.kind} ${o.key} ${d.path}`)
        : [`${o.kind} ${o.key} ${o.status}`],
    );

describe("verify on dashboards", () => {
  it("matches both families by folder and name, their assigned ids apart", () => {
    expect(primary.descriptors["sql-dashboard"].length).toBeGreaterThan(0);
    expect(primary.descriptors.dashboard.length).toBeGreaterThan(1);
    expect(unexpected(primary, secondaryOf(primary))).toEqual([]);
  });

  it("compares the definition as JSON: other spacing is no difference, another page is", () => {
    const s = secondaryOf(primary);
    const d = s.descriptors.dashboard[0];
    const def = JSON.parse(String(d.settings.serialized_dashboard));
    d.settings.serialized_dashboard = JSON.stringify(def, null, 2);
    expect(unexpected(primary, s)).toEqual([]);
    def.pages.push({ name: "extra" });
    d.settings.serialized_dashboard = JSON.stringify(def);
    const key = `${String(d.settings.parent_path)}/${d.name}`;
    expect(unexpected(primary, s)).toEqual([`dashboard ${key} settings.serialized_dashboard.pages[1]`]);
  });

  it("reports a lost widget, a chart on another query and a changed embedding", () => {
    const s = secondaryOf(primary);
    const legacy = s.descriptors["sql-dashboard"][0];
    const chart = legacy.widgets.find((w) => w.visualization)!;
    const other = s.descriptors["sql-query"].find((q) => q.id !== chart.visualization!.query_id)!;
    chart.visualization!.query_id = other.id;
    const pub = s.descriptors.dashboard.find((d) => d.published)!;
    pub.published!.embed_credentials = !pub.published!.embed_credentials;
    const got = unexpected(primary, s);
    expect(got.some((g) => g.startsWith(`sql-dashboard ${legacy.parentPath}/${legacy.name} widgets`))).toBe(
      true,
    );
    expect(got).toContain(
      `dashboard ${String(pub.settings.parent_path)}/${pub.name} published.embed_credentials`,
    );
    const lost = secondaryOf(primary);
    lost.descriptors["sql-dashboard"][0].widgets.pop();
    expect(unexpected(primary, lost).length).toBeGreaterThan(0);
  });
});
