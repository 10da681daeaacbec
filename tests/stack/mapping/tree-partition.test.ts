import fc from "fast-check";
import {
  decodeTreeEntry,
  encodeTreeEntry,
  partitionTree,
  TreeEntry,
  treeUnitOf,
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
  it("puts every object in exactly one unit, a tree root (a user's folder) whole", () => {
    const small = partitionTree(workspace(3, 2), new Map(), 1);
    expect(small.units.map((u) => u.key)).toEqual(["0-of-1"]);
    const big = partitionTree(workspace(200, 10), new Map(), 8);
    const where = unitOf(big.units);
    expect(where.size).toBe(200 * 11);
    expect(big.units.reduce((a, u) => a + Object.keys(u.objects).length, 0)).toBe(200 * 11);
    for (let k = 0; k < 200; k++) {
      expect(where.get(`/Users/u${k}/nb3`)).toBe(where.get(`/Users/u${k}`));
      // A folder deeper down shares its tree root's unit: a prune deletes it after its contents.
      expect(treeUnitOf(`/Users/u${k}/sub/deeper/nb`, 8)).toBe(where.get(`/Users/u${k}`));
    }
    // 200 tree roots hashed into 8 buckets: every bucket used, none more than a third of them.
    expect(big.units.map((u) => u.key).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((b) => `${b}-of-8`).sort(),
    );
    for (const u of big.units) expect(Object.keys(u.objects).length).toBeLessThan((200 * 11) / 3);
  });

  it("the number of units comes from config, never from the number of objects", () => {
    const grown = workspace(1, 5000);
    expect(partitionTree(grown, new Map(), 4).units.length).toBe(1);
    expect(partitionTree(workspace(400, 1), new Map(), 4).units.length).toBe(4);
  });

  // Issue 9 item 1: which resource an object is in is a stable function of its source id (its path).
  it("adding or removing one object moves no other object between units (property)", () => {
    const segment = fc.constantFrom("a", "b", "c", "etl", "x y", "u1", "u2", "ml");
    const path = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map((segs) => `/${["Users", "Shared"][segs.length % 2]}/${segs.join("/")}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(path, { minLength: 1, maxLength: 80 }),
        path,
        fc.nat(),
        fc.integer({ min: 1, max: 16 }),
        fc.boolean(),
        (paths, extra, pick, buckets, add) => {
          const m = new Map(paths.map((p, i) => [p, i % 3 ? nb(i) : ({ type: "DIRECTORY" } as TreeEntry)]));
          const acls = new Map(paths.filter((_, i) => i % 4 === 0).map((p) => [p, "group:g=CAN_RUN"]));
          const before = partitionTree(m, acls, buckets);
          const changed = new Map(m);
          const touched = add ? extra : paths[pick % paths.length];
          if (add) changed.set(extra, nb(-1));
          else changed.delete(touched);
          const after = partitionTree(changed, acls, buckets);
          const was = unitOf(before.units);
          const now = unitOf(after.units);
          for (const [p, key] of was) if (p !== touched) expect(now.get(p)).toBe(key);
          // ACLs travel with their object.
          for (const u of after.units)
            for (const p of Object.keys(u.acls)) expect(u.objects[p]).toBeDefined();
        },
      ),
    );
  });

  it("holds each ACL with its object, and returns ACLs of unknown paths apart", () => {
    const acls = new Map([
      ["/Users/u1/nb0", "group:g=CAN_RUN"],
      ["/Users/u1", "user:a@b.c=CAN_MANAGE"],
      ["/Users/nobody", "group:g=CAN_READ"],
    ]);
    const { units, orphanAcls } = partitionTree(workspace(50, 10), acls, 4);
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
