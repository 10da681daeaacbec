/**
 * Fault-suite truth for DLT pipelines and IP access lists: what the emulator holds (its state, captured
 * before the export) must be in the snapshot, with the pipeline's name, libraries and clusters and the list's
 * type, label, addresses and enabled flag, or skipped with a reason.
 */
import { editSnapshot } from "./helpers";
import { useSampleTruth } from "./truth-harness";

type Item = Record<string, unknown> & { id: string };

const truth = useSampleTruth();
const losses = (dir: string) => truth.losses(dir);
const copy = () => truth.copy();

it("the truth holds the emulator's pipelines and lists, and a complete export passes", () => {
  expect(truth.primary.pipelines.map((p) => p.id).sort()).toEqual(
    [...truth.emu.state.pipelines.keys()].sort(),
  );
  expect(truth.primary.pipelines.some((p) => p.libraries > 0)).toBe(true);
  expect(truth.primary.ipAccessLists.length).toBeGreaterThanOrEqual(3);
  expect(losses(copy())).toEqual([]);
});

it("a pipeline missing, renamed or with a library dropped is a loss", () => {
  const p = truth.primary.pipelines.find((x) => x.libraries > 0)!;
  const dropped = copy();
  editSnapshot(dropped, "pipeline", (items: Item[]) => items.filter((i) => i.id !== p.id));
  expect(losses(dropped)).toEqual([
    { kind: "pipeline", id: p.id, what: "neither in the snapshot nor skipped" },
  ]);
  const lib = copy();
  editSnapshot(lib, "pipeline", (items: Item[]) =>
    items.map((i) => {
      if (i.id !== p.id) return i;
      const s = i.settings as Record<string, unknown[]>;
      return { ...i, name: "renamed", settings: { ...s, libraries: s.libraries.slice(1) } };
    }),
  );
  expect(losses(lib).map((l) => l.what)).toEqual([
    `name renamed, the primary's is ${p.name}`,
    "1 libraries lost",
  ]);
});

it("an IP access list missing, with an address lost or its enabled flag changed is a loss", () => {
  const [a, b, c] = truth.primary.ipAccessLists;
  const dir = copy();
  editSnapshot(dir, "ip-access-list", (items: Item[]) =>
    items
      .filter((i) => i.id !== a.id)
      .map((i) => (i.id === b.id ? { ...i, ip_addresses: (i.ip_addresses as string[]).slice(1) } : i))
      .map((i) => (i.id === c.id ? { ...i, enabled: !i.enabled } : i)),
  );
  expect(losses(dir)).toEqual([
    { kind: "ip-access-list", id: a.id, what: "neither in the snapshot nor skipped" },
    { kind: "ip-access-list", id: b.id, what: "addresses differ from the primary's" },
    { kind: "ip-access-list", id: c.id, what: `enabled ${!c.enabled}, the primary's is ${c.enabled}` },
  ]);
});
