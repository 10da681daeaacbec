import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { descriptors, emulator, expectSameTree, exportOnce, manifest, readTree, tmpDir } from "./helpers";

/** Records the `path` of every workspace export call (an archive when it names a folder). */
function recordExports(emu: RunningEmulator): string[] {
  const calls: string[] = [];
  emu.use(async (ctx, next) => {
    if (ctx.path === "/api/2.0/workspace/export") calls.push(String(ctx.query.get("path")));
    return next();
  });
  return calls;
}

const HEADER = "# Databricks notebook source\n";

function putNotebook(emu: RunningEmulator, p: string, bytes: number | string): void {
  const { state } = emu;
  const body = typeof bytes === "string" ? bytes : `x = 1\n${"#".repeat(Math.max(0, bytes - 6))}\n`;
  const t = state.now();
  state.tree.put({
    path: p,
    object_type: "NOTEBOOK",
    object_id: state.objectId(),
    language: "PYTHON",
    created_at: t,
    modified_at: t,
    content: Buffer.from(HEADER + body),
  });
}

function putFile(emu: RunningEmulator, p: string, text: string): void {
  const { state } = emu;
  const t = state.now();
  state.tree.put({
    path: p,
    object_type: "FILE",
    object_id: state.objectId(),
    created_at: t,
    modified_at: t,
    content: Buffer.from(text),
  });
}

function mkdir(emu: RunningEmulator, p: string): void {
  emu.state.tree.put({ path: p, object_type: "DIRECTORY", object_id: emu.state.objectId() });
}

describe("folder archives", () => {
  it("export a folder's notebooks and files in one call, byte-identical to one call per object", async () => {
    const emu = await emulator();
    const calls = recordExports(emu);
    const parent = tmpDir();
    await exportOnce(emu, path.join(parent, "archived"));
    const archived = [...calls];
    calls.length = 0;
    await exportOnce(emu, path.join(parent, "single"), { archives: false });
    const single = [...calls];
    await emu.close();

    // Every file (notebook sources with the awkward unicode name included), descriptor and manifest.
    expectSameTree(path.join(parent, "archived"), path.join(parent, "single"));
    expect(archived).toEqual(expect.arrayContaining(["/Shared", "/Users"]));
    // One call per notebook and file before; a handful now.
    expect(single.length).toBe(
      descriptors(path.join(parent, "single"), "notebook").length +
        descriptors(path.join(parent, "single"), "workspace-file").length,
    );
    expect(archived.length).toBeLessThan(single.length / 2);
  });

  it("split a refused archive into its subfolders and export the rest singly; a notebook over 10 MB is skipped", async () => {
    const emu = await emulator({ workspace: "empty" });
    mkdir(emu, "/big");
    for (const n of ["a1", "a2", "a3"]) putNotebook(emu, `/big/${n}`, 4 * 1024 * 1024);
    mkdir(emu, "/big/sub");
    for (const n of ["s1", "s2", "s3"]) putNotebook(emu, `/big/sub/${n}`, 2000);
    mkdir(emu, "/huge");
    putNotebook(emu, "/huge/too-big", 11 * 1024 * 1024);
    putNotebook(emu, "/huge/ok1", 100);
    putNotebook(emu, "/huge/ok2", 200);
    const calls = recordExports(emu);
    const parent = tmpDir();
    const summary = await exportOnce(emu, path.join(parent, "archived"));
    const archived = [...calls];
    await exportOnce(emu, path.join(parent, "single"), { archives: false });
    await emu.close();

    expectSameTree(path.join(parent, "archived"), path.join(parent, "single"));
    // The whole tree, then /big and /huge, were refused; /big/sub came as one archive.
    expect(summary.archives.refused).toBeGreaterThanOrEqual(2);
    expect(archived).toEqual(expect.arrayContaining(["/big", "/big/sub", "/huge", "/big/a1", "/huge/ok1"]));
    expect(archived.filter((p) => p.startsWith("/big/sub/"))).toEqual([]);
    // The empty workspace has no metastore: the Unity Catalog kinds are unavailable (tested apart).
    const skipped = manifest(path.join(parent, "archived")).skipped.filter(
      (x: { kind: string; id: string }) => !(x.id === "*" && x.kind.startsWith("uc-")),
    );
    expect(skipped).toEqual([
      { kind: "notebook", id: "/huge/too-big", reason: expect.stringMatching(/MAX_NOTEBOOK_SIZE_EXCEEDED/) },
    ]);
    expect(summary.failed).toBe(1);
  });

  it("export singly a notebook `x` and a file `x.py` whose archive entries share one name", async () => {
    const emu = await emulator({ workspace: "empty" });
    mkdir(emu, "/d");
    putNotebook(emu, "/d/x", "print('notebook x')\n");
    putFile(emu, "/d/x.py", "print('file x.py')\n");
    putNotebook(emu, "/d/y", "print('y')\n");
    putNotebook(emu, "/d/z", "print('z')\n");
    const calls = recordExports(emu);
    const parent = tmpDir();
    await exportOnce(emu, path.join(parent, "archived"));
    const archived = [...calls];
    await exportOnce(emu, path.join(parent, "single"), { archives: false });
    await emu.close();

    expectSameTree(path.join(parent, "archived"), path.join(parent, "single"));
    const tree = readTree(path.join(parent, "archived"));
    expect(archived).toEqual(expect.arrayContaining(["/d/x", "/d/x.py"]));
    expect(archived).not.toContain("/d/y");
    const files = descriptors(path.join(parent, "archived"), "workspace-file");
    expect(tree.get(files[0].content.file)!.toString()).toBe("print('file x.py')\n");
  });
});
