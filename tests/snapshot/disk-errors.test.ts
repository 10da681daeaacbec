/**
 * A disk that refuses writes (ENOSPC, EACCES, EROFS) stops the export at once with one line naming the
 * path: no fallback to one export per notebook, no thousand repeated errors, the previous snapshot whole.
 * The failure is injected by wrapping fs.promises calls the writer makes (the code itself is unchanged).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DiskError } from "../../snapshot/errors";
import { workDirOf } from "../../snapshot/layout";
import { SnapshotWriter } from "../../snapshot/writer";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { emulator, exportOnce, readTree, tmpDir } from "../exporter/helpers";

/** An error as node's fs gives it: the write's ENOSPC names no path at all. */
function fsError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  const text = {
    ENOSPC: "no space left on device",
    EACCES: "permission denied",
    EROFS: "read-only file system",
  }[code];
  const e = new Error(`${code}: ${text}, ${syscall}${file ? ` '${file}'` : ""}`) as NodeJS.ErrnoException;
  return Object.assign(e, { code, syscall, ...(file ? { path: file } : {}) });
}

afterEach(() => jest.restoreAllMocks());

describe("the snapshot writer names the path", () => {
  it.each([
    ["ENOSPC", "no space left on the device"],
    ["EROFS", "the file system is read-only"],
  ])("%s while streaming a content file", async (code, words) => {
    const w = await SnapshotWriter.begin(path.join(tmpDir(), "snap"));
    const open = fs.promises.open.bind(fs.promises);
    jest.spyOn(fs.promises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
      const fh = await open(...args);
      fh.write = (() => Promise.reject(fsError(code, "write"))) as typeof fh.write;
      return fh;
    });
    const rel = "content/workspace/Shared/a.py";
    const err = await w.writeContent(rel, Buffer.from("x")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiskError);
    expect((err as Error).message).toBe(
      `cannot write ${path.join(w.tmp, rel)}: ${words}; the export stopped, the previous snapshot is untouched`,
    );
    await w.abort();
  });

  it("EACCES creating a folder, with the folder named", async () => {
    const w = await SnapshotWriter.begin(path.join(tmpDir(), "snap"));
    jest.spyOn(fs.promises, "mkdir").mockImplementation(async (p) => {
      throw fsError("EACCES", "mkdir", String(p));
    });
    const err = await w.writeContent("content/dbfs/x/y.jar", Buffer.from("x")).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `cannot write ${path.join(w.tmp, "content/dbfs/x")}: permission denied; the export stopped, the previous snapshot is untouched`,
    );
    jest.restoreAllMocks();
    await w.abort();
  });
});

it("EROFS when the run starts, with the directory named", async () => {
  const parent = tmpDir();
  jest.spyOn(fs.promises, "mkdir").mockImplementation(async (p) => {
    throw fsError("EROFS", "mkdir", String(p));
  });
  await expect(SnapshotWriter.begin(path.join(parent, "snap"))).rejects.toThrow(
    new RegExp(`^cannot write ${parent}\\S*: the file system is read-only; the export stopped`),
  );
});

describe("an export on a disk that fills up", () => {
  const h = useEmulator(() =>
    emulator({
      workspace: "large",
      large: { notebooks: 400, folders: 20, jobs: 5, clusters: 3, users: 10, groups: 3 },
    }),
  );

  it("stops at once with one line naming the path; the previous snapshot stays whole", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(h.emu, out);
    const before = readTree(out);
    const exportsBefore = h.emu.stats().byEndpoint["GET /api/2.0/workspace/export"] ?? 0;

    // After a few content files, every write of a content file fails as on a full disk.
    const open = fs.promises.open.bind(fs.promises);
    let opened = 0;
    let failures = 0;
    jest.spyOn(fs.promises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
      const fh = await open(...args);
      if (String(args[0]).includes(`${path.sep}content${path.sep}`) && ++opened > 5)
        fh.write = (() => {
          failures++;
          return Promise.reject(fsError("ENOSPC", "write"));
        }) as typeof fh.write;
      return fh;
    });
    const lines: string[] = [];
    const err = await exportOnce(h.emu, out, { full: true, log: (l) => lines.push(l) }).catch(
      (e: unknown) => e,
    );
    jest.restoreAllMocks();

    expect(err).toBeInstanceOf(DiskError);
    expect((err as Error).message).toMatch(
      /^cannot write \S+\/content\/workspace\/\S+: no space left on the device; the export stopped, the previous snapshot is untouched$/,
    );
    // At once: no fallback to one export call per notebook, no stream of the same error.
    const exportCalls = (h.emu.stats().byEndpoint["GET /api/2.0/workspace/export"] ?? 0) - exportsBefore;
    expect(exportCalls).toBeLessThan(40);
    expect(failures).toBeLessThan(70);
    expect(lines.filter((l) => /ENOSPC|no space/i.test(l))).toEqual([]);
    expect(readTree(out)).toEqual(before);
    expect(fs.existsSync(workDirOf(out))).toBe(false);
  });
});
