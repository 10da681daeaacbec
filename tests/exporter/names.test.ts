import { assignContentFiles, mappedFile, safeSegment, unsafeWorkspacePath } from "../../exporters/names";
import { PathFilter } from "../../exporters/filters";
import { childFiles } from "../../exporters/workspace-walk";

describe("unsafe names", () => {
  it("refuses paths a descriptor cannot hold", () => {
    expect(unsafeWorkspacePath("/Users/a/nb")).toBeUndefined();
    expect(unsafeWorkspacePath("/Users/../etc/passwd")).toMatch(/'\.\.'/);
    expect(unsafeWorkspacePath("/Users/a\u0000b")).toMatch(/control/);
    expect(unsafeWorkspacePath("/Users/a\nb")).toMatch(/control/);
    expect(unsafeWorkspacePath("relative")).toMatch(/absolute/);
  });

  it("maps every segment to a portable file name, injectively", () => {
    expect(safeSegment("a:b*c?")).toBe("a%3Ab%2Ac%3F");
    expect(safeSegment("100%")).toBe("100%25");
    expect(safeSegment("..")).toBe("%2E%2E");
    expect(safeSegment("CON")).toBe("%43ON");
    expect(safeSegment("trailing.")).toBe("trailing%2E");
    expect(safeSegment("back\\slash")).toBe("back%5Cslash");
    expect(Buffer.byteLength(safeSegment("é".repeat(300)))).toBeLessThanOrEqual(200);
    expect(mappedFile("content/workspace", "/Users/a@b.c/My Notebook", ".py")).toBe(
      "content/workspace/Users/a@b.c/My Notebook.py",
    );
    expect(mappedFile("content/workspace", "/x/..hidden/nb")).toBe("content/workspace/x/..hidden/nb");
  });

  it("gives colliding names a stable suffix whatever the order", () => {
    const wanted = [
      { id: "/a/x.py", file: "content/workspace/a/x.py" },
      { id: "/a/x", file: "content/workspace/a/x.py" },
      { id: "/a/X", file: "content/workspace/a/X.py" },
      { id: "/b", file: "content/workspace/b" },
      { id: "/B/c", file: "content/workspace/B/c" },
    ];
    const one = assignContentFiles(wanted);
    const two = assignContentFiles([...wanted].reverse());
    expect([...one.entries()].sort()).toEqual([...two.entries()].sort());
    const files = [...one.values()].map((f) => f.toLowerCase());
    expect(new Set(files).size).toBe(files.length);
    expect(one.get("/B/c")).toBe("content/workspace/B/c");
    expect(one.get("/b")).toMatch(/^content\/workspace\/b~[0-9a-f]{8}$/);
    expect(one.get("/a/X")).toBe("content/workspace/a/X.py");
    expect(one.get("/a/x")).toMatch(/^content\/workspace\/a\/x~[0-9a-f]{8}\.py$/);
  });
});

describe("path filters", () => {
  it("matches prefixes by segment and descends toward included prefixes", () => {
    const f = new PathFilter({
      includePaths: ["/Workspace/Users/a@b.c/", "/Shared"],
      excludePaths: ["/Shared/tmp"],
    });
    expect(f.selected("/Shared/x")).toBe(true);
    expect(f.selected("/SharedX")).toBe(false);
    expect(f.selected("/Shared/tmp/y")).toBe(false);
    expect(f.selected("/Users/a@b.c/nb")).toBe(true);
    expect(f.selected("/Users")).toBe(false);
    expect(f.descend("/Users")).toBe(true);
    expect(f.descend("/Users/other")).toBe(false);
    expect(f.descend("/Shared/tmp")).toBe(false);
  });
});

describe("childFiles", () => {
  it("names a folder's children from its listing alone: notebook x vs file x.py, folders B vs b", () => {
    const files = childFiles("content/workspace/a", [
      { path: "/a/x.py", ext: "" },
      { path: "/a/x", ext: ".py" },
      { path: "/a/b", ext: "" },
      { path: "/a/B", ext: "" },
    ]);
    expect(files.get("/a/x")).toBe("content/workspace/a/x.py");
    expect(files.get("/a/x.py")).toMatch(/^content\/workspace\/a\/x\.py~[0-9a-f]{8}$/);
    expect(files.get("/a/B")).toBe("content/workspace/a/B");
    expect(files.get("/a/b")).toMatch(/^content\/workspace\/a\/b~[0-9a-f]{8}$/);
  });
});
