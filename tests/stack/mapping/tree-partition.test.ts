import {
  decodeTreeEntry,
  encodeTreeEntry,
  partitionTree,
  TreeEntry,
} from "../../../components/mapping/tree-partition";

const nb = (i: number): TreeEntry => ({
  type: "NOTEBOOK",
  language: "PYTHON",
  sha256: String(i).padStart(64, "0"),
  file: `f${i}`,
});

/** /Users/u<k>/nb<j> for k < users, j < perUser, plus each user folder as a directory. */
function workspace(users: number, perUser: number): Map<string, TreeEntry> {
  const m = new Map<string, TreeEntry>();
  for (let k = 0; k < users; k++) {
    m.set(`/Users/u${k}`, { type: "DIRECTORY" });
    for (let j = 0; j < perUser; j++) m.set(`/Users/u${k}/nb${j}`, nb(k * 1000 + j));
  }
  return m;
}

const unitOf = (units: ReturnType<typeof partitionTree>["units"]) => {
  const where = new Map<string, string>();
  for (const u of units) for (const p of Object.keys(u.objects)) where.set(p, u.key);
  return where;
};

describe("folder-tree units", () => {
  it("keeps a small tree in one unit and puts every object in exactly one unit", () => {
    const small = partitionTree(workspace(3, 2), new Map(), 100);
    expect(small.units.map((u) => u.key)).toEqual(["#0"]);
    const big = partitionTree(workspace(200, 10), new Map(), 100);
    const where = unitOf(big.units);
    expect(where.size).toBe(200 * 11);
    expect(big.units.reduce((a, u) => a + Object.keys(u.objects).length, 0)).toBe(200 * 11);
    // A user's folder (11 objects) stays whole: never split across units.
    for (let k = 0; k < 200; k++) expect(where.get(`/Users/u${k}/nb3`)).toBe(where.get(`/Users/u${k}`));
    expect(big.units.length).toBeGreaterThanOrEqual(22);
    expect(big.units.length).toBeLessThanOrEqual(64);
  });

  it("splits a folder bigger than the size into its own buckets", () => {
    const m = workspace(1, 500);
    const { units } = partitionTree(m, new Map(), 100);
    expect(units.every((u) => u.key.startsWith("/Users/u0#"))).toBe(true);
    expect(units.length).toBe(8);
  });

  it("moves nothing else when a notebook or a folder is added or removed", () => {
    const before = unitOf(partitionTree(workspace(200, 10), new Map(), 100).units);
    const m = workspace(200, 10);
    m.set("/Users/u7/new", nb(99999));
    m.set("/Users/u500", { type: "DIRECTORY" });
    m.delete("/Users/u9/nb1");
    const after = unitOf(partitionTree(m, new Map(), 100).units);
    for (const [p, key] of before) if (after.has(p)) expect(after.get(p)).toBe(key);
  });

  it("holds each ACL with its object, and returns ACLs of unknown paths apart", () => {
    const acls = new Map([
      ["/Users/u1/nb0", "group:g=CAN_RUN"],
      ["/Users/u1", "user:a@b.c=CAN_MANAGE"],
      ["/Users/nobody", "group:g=CAN_READ"],
    ]);
    const { units, orphanAcls } = partitionTree(workspace(50, 10), acls, 100);
    const holder = units.find((u) => "/Users/u1/nb0" in u.objects)!;
    expect(holder.acls).toEqual({ "/Users/u1/nb0": "group:g=CAN_RUN", "/Users/u1": "user:a@b.c=CAN_MANAGE" });
    expect(orphanAcls).toEqual(["/Users/nobody"]);
  });
});

describe("tree entry lines", () => {
  it("round-trip, file names with spaces included", () => {
    const entries: TreeEntry[] = [
      { type: "DIRECTORY" },
      {
        type: "NOTEBOOK",
        language: "SCALA",
        sha256: "a".repeat(64),
        file: "content/workspace/Shared/my notebook.scala",
      },
      { type: "FILE", sha256: "b".repeat(64), file: "content/workspace/Shared/a b.txt" },
    ];
    for (const e of entries) expect(decodeTreeEntry(encodeTreeEntry(e))).toEqual(e);
    expect(() => decodeTreeEntry("LIBRARY x")).toThrow(/not a workspace tree entry/);
  });
});
