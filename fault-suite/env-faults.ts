import * as fs from "node:fs";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import * as path from "node:path";
import { Rng } from "../emulator/rng";
import { COMMIT_STEPS, CommitStep } from "../snapshot/commit";

/**
 * Faults of the export's surroundings rather than of the API: where it is pointed, the disk under it, a
 * kill inside the snapshot commit. At most one per seed, drawn from the seed alone.
 */
export type EnvFault =
  /** The workspace URL as users paste it: normalization must make it the emulator's root. */
  | { kind: "host-path"; suffix: string }
  /** A web server that is not a workspace: the export must refuse it and touch nothing. */
  | { kind: "not-workspace"; answer: NotWorkspaceAnswer }
  /** The disk fills up at the export's `atWrite`-th write (1-based) and stays full. */
  | { kind: "disk-full"; atWrite: number }
  /** The export runs in a child process that kills itself (SIGKILL) at this step of the commit. */
  | { kind: "commit-crash"; step: CommitStep };
export type EnvFaultKind = EnvFault["kind"];
export const ENV_FAULT_KINDS: readonly EnvFaultKind[] = [
  "host-path",
  "not-workspace",
  "disk-full",
  "commit-crash",
];

export const NOT_WORKSPACE_ANSWERS = ["html-200", "html-404", "json-other", "json-not-found"] as const;
export type NotWorkspaceAnswer = (typeof NOT_WORKSPACE_ANSWERS)[number];

/** As copied from a browser's address bar or a bookmark. */
const SUFFIXES = ["/?o=1234567890123456", "/some/path", "/browse/folders/2?o=7#folder/4", "/api/2.0/"];

/**
 * Cumulative shares of seeds. The crash needs a child process (a second tsx start, ~1-3 s), so it is the
 * rarest; the disk share is larger because a write past the export's last one injects nothing.
 */
const SHARES: [EnvFaultKind, number][] = [
  ["host-path", 0.03],
  ["not-workspace", 0.06],
  ["disk-full", 0.1],
  ["commit-crash", 0.13],
];

/** An export of the suite's workspaces makes ~60 (incremental) to ~150 writes: `atWrite` is drawn below this. */
export const DISK_WRITES_HORIZON = 100;

export function envFaultOf(seed: number): EnvFault | undefined {
  const rng = new Rng(seed * 2246822519 + 3266489917);
  const r = rng.next();
  const kind = SHARES.find(([, upTo]) => r < upTo)?.[0];
  switch (kind) {
    case "host-path":
      return { kind, suffix: rng.pick(SUFFIXES) };
    case "not-workspace":
      return { kind, answer: rng.pick(NOT_WORKSPACE_ANSWERS) };
    case "disk-full":
      return { kind, atWrite: 1 + rng.int(DISK_WRITES_HORIZON) };
    case "commit-crash":
      return { kind, step: rng.pick(COMMIT_STEPS) };
    default:
      return undefined;
  }
}

export interface FakeServer {
  url: string;
  /** Every request path it was asked, in order. */
  seen: string[];
  close(): Promise<void>;
}

/** A local web server that is not a Databricks workspace, answering every request the same way. */
export async function notWorkspaceServer(answer: NotWorkspaceAnswer): Promise<FakeServer> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(new URL(req.url ?? "/", "http://x").pathname);
    req.resume();
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    if (answer === "html-200") send(200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>");
    else if (answer === "html-404")
      send(404, "text/html", "<html><head><title>404 Not Found</title></head></html>");
    else if (answer === "json-other") send(200, "application/json", JSON.stringify({ ok: true, items: [] }));
    else
      send(
        404,
        "application/json",
        JSON.stringify({ error_code: "ENDPOINT_NOT_FOUND", message: `No API found for ${req.url}` }),
      );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** ENOSPC as node's fs gives it: a write names no path, an open or mkdir does. */
function enospc(syscall: string, file?: string): NodeJS.ErrnoException {
  const e = new Error(
    `ENOSPC: no space left on device, ${syscall}${file ? ` '${file}'` : ""}`,
  ) as NodeJS.ErrnoException;
  return Object.assign(e, { code: "ENOSPC", errno: -28, syscall, ...(file ? { path: file } : {}) });
}

export interface FullDisk {
  /** Writes under the root so far (the failing ones included). */
  writes: number;
  /** Writes refused. */
  refused: number;
  /** Puts fs back as it was. */
  restore(): void;
}

type AnyFn = (...args: never[]) => unknown;

/**
 * Makes every write under `root` fail with ENOSPC from the `atWrite`-th on, as a disk that fills up does:
 * fs.promises open/writeFile/mkdir/copyFile/link, writes through file handles opened under the root, and
 * the synchronous open/write the journal uses. Creating a folder that already exists still succeeds, as
 * on a real full disk. The fs module objects are patched in place (so every caller sees it): one export at
 * a time per process, `restore()` afterwards.
 */
export function fullDiskAt(root: string, atWrite: number): FullDisk {
  const base = path.resolve(root) + path.sep;
  const under = (p: unknown) =>
    (typeof p === "string" || p instanceof URL || Buffer.isBuffer(p)) &&
    path.resolve(String(p instanceof URL ? p.pathname : p)).startsWith(base);
  const state: FullDisk = { writes: 0, refused: 0, restore: () => undefined };
  /** Counts one write; true when the disk is full by now. */
  const full = () => {
    state.writes++;
    if (state.writes < atWrite) return false;
    state.refused++;
    return true;
  };
  const undo: (() => void)[] = [];
  const patch = <T extends object, K extends keyof T>(obj: T, key: K, make: (orig: T[K]) => T[K]) => {
    const orig = obj[key];
    obj[key] = make(orig);
    undo.push(() => (obj[key] = orig));
  };
  const p = fs.promises;
  const writing = (flags: unknown) => flags !== undefined && flags !== "r" && flags !== fs.constants.O_RDONLY;

  const wrapHandle = (fh: fs.promises.FileHandle) => {
    for (const m of ["write", "writeFile", "appendFile", "writev"] as const) {
      const orig = (fh[m] as AnyFn).bind(fh);
      (fh as unknown as Record<string, AnyFn>)[m] = (...args: never[]) =>
        full() ? Promise.reject(enospc("write")) : orig(...args);
    }
    return fh;
  };
  patch(
    p,
    "open",
    (orig) =>
      (async (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
        if (!under(file) || !writing(flags)) return orig(file, flags, mode);
        if (full()) throw enospc("open", String(file));
        return wrapHandle(await orig(file, flags, mode));
      }) as typeof orig,
  );
  for (const m of ["writeFile", "appendFile", "copyFile", "link", "symlink"] as const)
    patch(
      p,
      m,
      (orig) =>
        ((...args: never[]) => {
          const target = m === "writeFile" || m === "appendFile" ? args[0] : args[1];
          if (under(target) && full())
            return Promise.reject(enospc(m === "writeFile" ? "open" : m, String(target)));
          return (orig as AnyFn)(...args);
        }) as typeof orig,
    );
  patch(
    p,
    "mkdir",
    (orig) =>
      ((dir: fs.PathLike, opts?: fs.MakeDirectoryOptions) => {
        if (under(dir) && !fs.existsSync(dir) && full()) return Promise.reject(enospc("mkdir", String(dir)));
        return orig(dir, opts);
      }) as typeof orig,
  );

  const fds = new Set<number>();
  // The module object itself: `import * as fs` is a copy of getters here, which cannot be assigned.
  const real = process.getBuiltinModule("node:fs") as typeof fs;
  patch(
    real,
    "openSync",
    (orig) =>
      ((file: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode) => {
        if (!under(file) || !writing(flags)) return orig(file, flags, mode);
        if (full()) throw enospc("open", String(file));
        const fd = orig(file, flags, mode);
        fds.add(fd);
        return fd;
      }) as typeof orig,
  );
  patch(
    real,
    "writeSync",
    (orig) =>
      ((fd: number, ...rest: unknown[]) => {
        if (fds.has(fd) && full()) throw enospc("write");
        return (orig as (...a: unknown[]) => number)(fd, ...rest);
      }) as typeof orig,
  );
  patch(
    real,
    "closeSync",
    (orig) =>
      ((fd: number) => {
        fds.delete(fd);
        return orig(fd);
      }) as typeof orig,
  );

  state.restore = () => {
    while (undo.length) undo.pop()!();
  };
  return state;
}

/**
 * Files under `dir` that `git status` would show in a repository holding it: anything outside the
 * snapshot `out` and outside its work directory, and anything in the work directory unless its
 * `.gitignore` ignores everything. (The snapshot itself is compared byte for byte elsewhere.)
 */
export function gitVisible(dir: string, out: string, work: string): string[] {
  const ignored = (() => {
    try {
      return fs.readFileSync(path.join(work, ".gitignore"), "utf8").split("\n").includes("*");
    } catch {
      return false;
    }
  })();
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (abs === out || (abs === work && ignored)) continue;
      // Empty folders are invisible to git; files (and links) are not.
      if (e.isDirectory()) walk(abs);
      else found.push(path.relative(dir, abs));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found.sort();
}
