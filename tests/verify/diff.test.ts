import { diffValues } from "../../verify/diff";
import { genericPath, getAt, parsePath, setAt } from "../../verify/paths";

describe("field paths", () => {
  it("parses the registry's reference paths", () => {
    expect(parsePath("settings.tasks[0].new_cluster.init_scripts[12].dbfs.destination")).toEqual([
      "settings",
      "tasks",
      0,
      "new_cluster",
      "init_scripts",
      12,
      "dbfs",
      "destination",
    ]);
    expect(parsePath("members[3]")).toEqual(["members", 3]);
  });

  it("reads and writes in place, never creating what is not there", () => {
    const o = { a: { b: [{ c: 1 }] } };
    expect(getAt(o, "a.b[0].c")).toBe(1);
    expect(getAt(o, "a.x[0].c")).toBeUndefined();
    expect(setAt(o, "a.b[0].c", 2)).toBe(true);
    expect(o.a.b[0].c).toBe(2);
    expect(setAt(o, "a.b[1].c", 3)).toBe(false);
    expect(setAt(o, "a.b[0].d", 3)).toBe(false);
    expect(o).toEqual({ a: { b: [{ c: 2 }] } });
  });

  it("makes index and keyed selectors generic", () => {
    expect(genericPath("settings.tasks[task_key=a].libraries[2].jar")).toBe(
      "settings.tasks[].libraries[].jar",
    );
  });
});

describe("diffValues", () => {
  it("reports leaves with dotted paths and absent sides", () => {
    expect(diffValues({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1] }, d: true })).toEqual([
      { path: "a.b", primary: 1, secondary: 2 },
      { path: "a.c[1]", primary: 2, secondary: undefined },
      { path: "d", primary: undefined, secondary: true },
    ]);
  });

  it("reports a subtree present on one side once", () => {
    expect(diffValues({ s: { x: 1, y: 2 } }, {})).toEqual([{ path: "s", primary: { x: 1, y: 2 } }]);
  });

  it("compares set fields as multisets", () => {
    const shape = { setFields: ["k"] };
    expect(diffValues({ k: ["a", "b", "b"] }, { k: ["b", "a"] }, shape)).toEqual([
      { path: "k[]", primary: "b" },
    ]);
    expect(diffValues({ k: ["a"] }, { k: ["a", "c"] }, shape)).toEqual([{ path: "k[]", secondary: "c" }]);
    expect(diffValues({ k: [{ x: 1, y: 2 }] }, { k: [{ y: 2, x: 1 }] }, shape)).toEqual([]);
  });

  it("matches keyed arrays by key, and by position when keys repeat", () => {
    const shape = { keyedArrays: { t: "key" } };
    expect(
      diffValues(
        {
          t: [
            { key: "a", v: 1 },
            { key: "b", v: 2 },
          ],
        },
        {
          t: [
            { key: "b", v: 3 },
            { key: "a", v: 1 },
          ],
        },
        shape,
      ),
    ).toEqual([{ path: "t[key=b].v", primary: 2, secondary: 3 }]);
    expect(
      diffValues(
        {
          t: [
            { key: "a", v: 1 },
            { key: "a", v: 2 },
          ],
        },
        {
          t: [
            { key: "a", v: 2 },
            { key: "a", v: 1 },
          ],
        },
        shape,
      ).length,
    ).toBe(2);
  });

  it("applies what an absent field means", () => {
    const shape = { absentMeans: { "s.pause_status": "UNPAUSED" } };
    expect(diffValues({ s: {} }, { s: { pause_status: "UNPAUSED" } }, shape)).toEqual([]);
    expect(diffValues({ s: {} }, { s: { pause_status: "PAUSED" } }, shape)).toEqual([
      { path: "s.pause_status", primary: "UNPAUSED", secondary: "PAUSED" },
    ]);
  });
});
