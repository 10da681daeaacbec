/**
 * Fault-suite truth for dashboards: the legacy and AI/BI dashboards the emulator holds (its state, captured
 * before the export) must be in the snapshot with their name and widgets (each on the query it shows) or
 * their definition, warehouse, folder and published state, or skipped with a reason; an AI/BI dashboard's
 * own grants too.
 */
import { editSnapshot } from "./helpers";
import { useSampleTruth } from "./truth-harness";

type Item = Record<string, unknown> & { id: string };

const truth = useSampleTruth();
const losses = (dir: string) => truth.losses(dir);
const copy = () => truth.copy();

it("the truth holds the emulator's dashboards of both families, and a complete export passes", () => {
  const ids = (k: string) =>
    truth.primary.dashboards
      .filter((t) => t.kind === k)
      .map((t) => t.id)
      .sort();
  expect(ids("sql-dashboard")).toEqual(
    [...truth.emu.state.sqlObjects.get("preview/sql/dashboards")!.keys()].sort(),
  );
  expect(ids("dashboard")).toEqual([...truth.emu.state.sqlObjects.get("lakeview/dashboards")!.keys()].sort());
  expect(losses(copy())).toEqual([]);
});

it("a legacy dashboard missing, or with a widget lost or on another query, is a loss", () => {
  const [t] = truth.primary.dashboards.filter((x) => x.kind === "sql-dashboard");
  const chart = Object.entries(t.widgets!).find(([, q]) => q !== "")![0];
  const dropped = copy();
  editSnapshot(dropped, "sql-dashboard", (items: Item[]) => items.filter((i) => i.id !== t.id));
  expect(losses(dropped)).toEqual([
    { kind: "sql-dashboard", id: t.id, what: "neither in the snapshot nor skipped" },
  ]);
  const widget = copy();
  editSnapshot(widget, "sql-dashboard", (items: Item[]) =>
    items.map((i) =>
      i.id === t.id ? { ...i, widgets: (i.widgets as Item[]).filter((w) => w.id !== chart) } : i,
    ),
  );
  expect(losses(widget).map((l) => l.what)).toEqual([`widget ${chart} lost`]);
});

it("an AI/BI dashboard with its definition changed, its published state lost, or a grant lost is a loss", () => {
  const t = truth.primary.dashboards.find((x) => x.kind === "dashboard" && x.published !== null)!;
  const dir = copy();
  editSnapshot(dir, "dashboard", (items: Item[]) =>
    items.map((i) =>
      i.id === t.id
        ? {
            ...i,
            published: null,
            settings: { ...(i.settings as object), serialized_dashboard: '{"pages":[]}' },
          }
        : i,
    ),
  );
  expect(losses(dir).map((l) => l.what)).toEqual([
    "serialized_dashboard changed",
    `published null, the primary's ${JSON.stringify(t.published)}`,
  ]);
  const acl = copy();
  editSnapshot(acl, "permissions", (items: Item[]) => items.filter((i) => i.id !== `dashboards:${t.id}`));
  expect(losses(acl).map((l) => `${l.kind} ${l.id}`)).toEqual([`permissions dashboards:${t.id}`]);
});

it("a legacy dashboard's grant lost, or one the primary does not hold, is a loss", () => {
  const [t] = truth.primary.dashboards.filter((x) => x.kind === "sql-dashboard");
  expect(truth.primary.acls.get(`sql-dashboards/${t.id}`)?.entries.length).toBeGreaterThan(1);
  const dir = copy();
  let removed: Item | undefined;
  editSnapshot(dir, "permissions", (items: Item[]) =>
    items.map((i) => {
      if (i.id !== `sql-dashboards:${t.id}`) return i;
      const [first, ...rest] = i.acl as Item[];
      removed = first;
      return { ...i, acl: [...rest, { principal: { kind: "user", id: "x@y.z" }, level: "CAN_MANAGE" }] };
    }),
  );
  const p = removed!.principal as { kind: string; id: string };
  expect(
    losses(dir)
      .map((l) => `${l.id} ${l.what}`)
      .sort(),
  ).toEqual([
    `sql-dashboards:${t.id} grant CAN_MANAGE to user x@y.z not in the primary`,
    `sql-dashboards:${t.id} grant ${String(removed!.level)} to ${p.kind} ${p.id} lost`,
  ]);
});
