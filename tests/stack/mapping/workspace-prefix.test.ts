import { remapReferences } from "../../../components/mapping/refs";
import { libraryReferences } from "../../../kinds/cluster-refs";
import type { Ref } from "../../../kinds/common";

// The secondary answers a workspace file by its short path, as the provider's WorkspaceFile reports it.
const resolve = (ref: Ref) => ({ value: ref.id });

describe("workspace paths keep the primary's spelling", () => {
  it("a /Workspace/ wheel stays /Workspace/, a short one stays short", () => {
    const libs = [
      { whl: "/Workspace/Shared/libs/a.whl" },
      { whl: "/Shared/libs/b.whl" },
      { pypi: { package: "x" } },
    ];
    const root = { libraries: structuredClone(libs) };
    const refs = libraryReferences(root.libraries, "libraries");
    expect(refs.map((r) => r.id)).toEqual(["/Shared/libs/a.whl", "/Shared/libs/b.whl"]);
    remapReferences(root, refs, resolve);
    expect(root.libraries).toEqual(libs);
  });

  it("a moved file gets the prefix on its new path; other kinds' values are untouched", () => {
    const root = { lib: { jar: "/Workspace/Users/a@b.c/x.jar" }, dbfs: { jar: "dbfs:/FileStore/y.jar" } };
    remapReferences(
      root,
      [
        { kind: "workspace-file", id: "/Users/a@b.c/x.jar", field: "lib.jar" },
        { kind: "dbfs-file", id: "dbfs:/FileStore/y.jar", field: "dbfs.jar" },
      ],
      (ref) => ({ value: ref.kind === "workspace-file" ? "/Shared/moved/x.jar" : "dbfs:/other/y.jar" }),
    );
    expect(root).toEqual({
      lib: { jar: "/Workspace/Shared/moved/x.jar" },
      dbfs: { jar: "dbfs:/other/y.jar" },
    });
  });
});
