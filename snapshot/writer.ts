import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ContentRef, KindName, SCHEMA_VERSION } from "../kinds/common";
import { canonicalJson } from "./canonical-json";
import { alive, crashPoint, recoverCommit, removeMarker, writeMarker } from "./commit";
import { asDiskError, onDisk } from "./errors";
import { Journal, JournalEntry, JournalHeader, readJournalHeader, sameHeader } from "./journal";
import {
  descriptorFile,
  JOURNAL_FILE,
  MANIFEST_FILE,
  resolveInside,
  STATE_INDEX_FILE,
  workDirOf,
} from "./layout";
import { FileSeal, Manifest } from "./manifest";
import { readManifest } from "./reader";
import { verifySeal } from "./seal";
import { StateIndex } from "./state-index";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Ignores everything in the work directory, itself included: partial work never shows in `git status`. */
const WORK_GITIGNORE = "# databricks-dr: exports in progress, never committed\n*\n";

/**
 * The snapshot `dir` or one of its parents is (manifest.json beside descriptors/), if any: an --out inside it
 * (a typo) would put a work directory there that the seal does not vouch for, and every reader would then
 * refuse the good snapshot around it.
 */
function snapshotAround(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (
      fs.existsSync(path.join(d, MANIFEST_FILE)) &&
      fs.statSync(path.join(d, "descriptors"), { throwIfNoEntry: false })?.isDirectory()
    )
      return d;
    if (path.dirname(d) === d) return undefined;
  }
}

async function ensureWorkDir(work: string): Promise<void> {
  const parent = path.dirname(work);
  await onDisk(parent, () => fs.promises.mkdir(parent, { recursive: true }));
  // Not recursive: on a read-only file system a recursive mkdir reports ENOENT instead of EROFS.
  await onDisk(work, () =>
    fs.promises.mkdir(work).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST") throw e;
    }),
  );
  const file = path.join(work, ".gitignore");
  const cur = await fs.promises.readFile(file, "utf8").catch(() => undefined);
  if (cur !== WORK_GITIGNORE) await onDisk(file, () => fs.promises.writeFile(file, WORK_GITIGNORE));
}

/** `<prefix><pid>-<random>` names a run's directory; the pid, or NaN. */
function pidOf(name: string, prefix: string): number {
  return name.startsWith(prefix) ? Number(name.slice(prefix.length).split("-")[0]) : NaN;
}

/**
 * Writes a snapshot into a temporary directory in the work directory beside the target and puts it in
 * place only once it is complete and matches its seal (snapshot/commit.ts: crash-proof), so a failed or
 * interrupted run leaves the previous snapshot whole. Content is streamed to disk as it arrives; every
 * path is checked to stay inside the snapshot; every file written is sealed in the manifest (sha256, size).
 * A disk that refuses a write (full, read-only, forbidden) throws a DiskError naming the path.
 *
 * With a journal header, the run keeps a journal of what it finished in its temporary directory, and the
 * temporary directories of dead runs (interrupted, killed) with the same header are offered as
 * `resumeDirs`: their finished files are linked into this run instead of being read again. They are
 * removed once this run commits; dead runs with another header (or none) are removed at once.
 */
export class SnapshotWriter {
  private done = false;
  private journal: Journal | undefined;
  /** Removals running in the background (replaced snapshots, leftovers): see `cleanup`. */
  private readonly removals: Promise<void>[] = [];
  private readonly madeDirs = new Map<string, Promise<void>>();
  /** Every file written into `tmp` so far, for the manifest's seal. */
  private readonly sealed = new Map<string, FileSeal>();
  /** What the start of this run restored after a commit a dead run did not finish. */
  recovered: string | undefined;

  private constructor(
    /** The snapshot directory the run replaces. */
    readonly out: string,
    /** `.<name>.work` beside it: temporary directories, the replaced snapshot, the commit marker. */
    readonly work: string,
    /** Where this run writes until commit. */
    readonly tmp: string,
    /** Temporary directories of dead runs this one may resume from, newest first. */
    readonly resumeDirs: string[],
  ) {}

  static async begin(out: string, opts: { journal?: JournalHeader } = {}): Promise<SnapshotWriter> {
    const target = path.resolve(out);
    const parent = path.dirname(target);
    const base = path.basename(target);
    const work = workDirOf(target);
    const around = snapshotAround(parent);
    if (around)
      throw new Error(
        `refusing to export to ${out}: it is inside the snapshot ${around}; choose a directory outside it`,
      );
    await ensureWorkDir(work);
    // Before anything else: a commit a dead run left half done is finished (or undone).
    const recovered = await recoverCommit(target, work);
    await restoreLegacy(target, parent, base);
    const st = await fs.promises.stat(target).catch(() => undefined);
    if (st) {
      if (!st.isDirectory()) throw new Error(`${out} exists and is not a directory`);
      const names = await fs.promises.readdir(target);
      if (names.length > 0 && !names.includes(MANIFEST_FILE))
        throw new Error(
          `refusing to replace ${out}: it is not empty and holds no ${MANIFEST_FILE} (not a snapshot)`,
        );
    }
    // Runs that died (SIGINT, kill -9): resumable when they exported the same thing, else removed so
    // they do not pile up beside the snapshot.
    const resumable: { dir: string; mtime: number }[] = [];
    const leftovers: string[] = [];
    for (const name of await fs.promises.readdir(work)) {
      // A replaced snapshot whose removal did not finish (the process was killed meanwhile), or one the
      // recovery above moved aside.
      const old = pidOf(name, "old-");
      if (Number.isInteger(old) && old > 0) {
        if (old === process.pid || !alive(old)) leftovers.push(path.join(work, name));
        continue;
      }
      const pid = pidOf(name, "tmp-");
      // Our own pid is a dead run's (this run has no directory yet): pids repeat, in containers always.
      if (!Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && alive(pid))) continue;
      const dir = path.join(work, name);
      const header = opts.journal && readJournalHeader(dir);
      if (header && sameHeader(header, opts.journal!)) {
        const st = await fs.promises.stat(path.join(dir, JOURNAL_FILE));
        resumable.push({ dir, mtime: st.mtimeMs });
      } else await fs.promises.rm(dir, { recursive: true, force: true });
    }
    resumable.sort((a, b) => b.mtime - a.mtime);
    const tmp = path.join(work, `tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    await onDisk(tmp, () => fs.promises.mkdir(tmp));
    const w = new SnapshotWriter(
      target,
      work,
      tmp,
      resumable.map((r) => r.dir),
    );
    w.recovered = recovered;
    if (opts.journal) {
      try {
        w.journal = Journal.create(tmp, opts.journal);
      } catch (e) {
        throw asDiskError(e, path.join(tmp, JOURNAL_FILE));
      }
    }
    for (const dir of leftovers) w.removeLater(dir);
    return w;
  }

  /** Records a finished object (after its content file is complete). */
  record(e: JournalEntry): void {
    try {
      this.journal?.append(e);
    } catch (err) {
      throw asDiskError(err, path.join(this.tmp, JOURNAL_FILE));
    }
  }

  /** mkdir -p once per folder, however many files go into it at the same time. */
  private parentDir(abs: string): Promise<void> {
    const dir = path.dirname(abs);
    let p = this.madeDirs.get(dir);
    if (!p) {
      p = onDisk(dir, () => fs.promises.mkdir(dir, { recursive: true })).then(() => undefined);
      p.catch(() => this.madeDirs.delete(dir));
      this.madeDirs.set(dir, p);
    }
    return p;
  }

  /**
   * Puts a content file finished earlier (previous snapshot, dead run) at `rel` without reading the source
   * again: a hard link when possible, else a copy. Its bytes are checked against the recorded sha256 and
   * size; undefined (and nothing left behind) when they differ, the file is gone or it is not a regular
   * file (a symlink is never linked: it would point outside the snapshot).
   */
  async linkContent(
    srcAbs: string,
    rel: string,
    expected: { sha256: string; size: number },
  ): Promise<ContentRef | undefined> {
    const abs = resolveInside(this.tmp, rel);
    const src = await fs.promises.lstat(srcAbs).catch(() => undefined);
    if (!src?.isFile() || src.size !== expected.size) return undefined;
    await this.parentDir(abs);
    try {
      await fs.promises.link(srcAbs, abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return undefined;
      if (code === "EEXIST") throw e;
      try {
        await onDisk(abs, () => fs.promises.copyFile(srcAbs, abs, fs.constants.COPYFILE_EXCL));
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw inner;
      }
    }
    const bytes = await fs.promises.readFile(abs);
    if (bytes.length !== expected.size || sha256(bytes) !== expected.sha256) {
      await fs.promises.rm(abs, { force: true });
      return undefined;
    }
    this.sealed.set(rel, { sha256: expected.sha256, size: expected.size });
    return { file: rel, sha256: expected.sha256, size: expected.size };
  }

  /** Streams bytes to a snapshot-relative file and returns where they are, their sha256 and size. */
  async writeContent(rel: string, data: Buffer | AsyncIterable<Uint8Array>): Promise<ContentRef> {
    const abs = resolveInside(this.tmp, rel);
    await this.parentDir(abs);
    const hash = createHash("sha256");
    let size = 0;
    // "wx": two objects mapped to one file is a bug upstream, never a silent overwrite.
    const fh = await onDisk(abs, () => fs.promises.open(abs, "wx"));
    try {
      const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = Buffer.isBuffer(data) ? [data] : data;
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        await onDisk(abs, () => fh.write(chunk));
      }
      await onDisk(abs, () => fh.close());
    } catch (e) {
      await fh.close().catch(() => undefined);
      await fs.promises.rm(abs, { force: true });
      throw e;
    }
    const seal = { sha256: hash.digest("hex"), size };
    this.sealed.set(rel, seal);
    return { file: rel, ...seal };
  }

  /** Writes a small whole file (descriptors, state) and seals it. */
  private async writeSealed(rel: string, text: string): Promise<{ file: string; sha256: string }> {
    const abs = resolveInside(this.tmp, rel);
    await onDisk(abs, async () => {
      await fs.promises.mkdir(path.dirname(abs), { recursive: true });
      await fs.promises.writeFile(abs, text);
    });
    const seal = { sha256: sha256(text), size: Buffer.byteLength(text) };
    this.sealed.set(rel, seal);
    return { file: rel, sha256: seal.sha256 };
  }

  /** Writes descriptors/<kind>.json (items sorted by id, canonical JSON); returns its file and sha256. */
  async writeDescriptors(kind: KindName, items: { id: string }[]): Promise<{ file: string; sha256: string }> {
    const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.writeSealed(
      descriptorFile(kind),
      canonicalJson({ kind, schemaVersion: SCHEMA_VERSION, items: sorted }),
    );
  }

  /** Writes state/index.json; returns its file and sha256. */
  async writeStateIndex(index: StateIndex): Promise<{ file: string; sha256: string }> {
    return this.writeSealed(STATE_INDEX_FILE, canonicalJson(index));
  }

  /** Writes manifest.json with the seal of every file this run wrote (`files`). */
  async writeManifest(manifest: Omit<Manifest, "files">): Promise<void> {
    const files: Manifest["files"] = {};
    for (const rel of [...this.sealed.keys()].sort()) files[rel] = this.sealed.get(rel)!;
    const file = resolveInside(this.tmp, MANIFEST_FILE);
    await onDisk(file, () => fs.promises.writeFile(file, canonicalJson({ ...manifest, files })));
  }

  private removeLater(dir: string): void {
    this.removals.push(fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined));
  }

  /**
   * Resolves once every background removal is over (it never rejects); the work directory goes too when
   * nothing is left in it.
   */
  async cleanup(): Promise<void> {
    await Promise.all(this.removals);
    const names = await fs.promises.readdir(this.work).catch(() => [".."]);
    if (names.every((n) => n === ".gitignore")) {
      await fs.promises.rm(path.join(this.work, ".gitignore"), { force: true }).catch(() => undefined);
      await fs.promises.rmdir(this.work).catch(() => undefined);
    }
  }

  /**
   * Checks what was written against its seal (the manifest parses, exactly the files it lists are there,
   * regular, with their sizes; descriptors and state with their sha256; each descriptor was validated
   * against its schema before it was written), then swaps the new snapshot in for the old one through the
   * crash-proof sequence of snapshot/commit.ts. The old one, and the directories of dead runs this one
   * resumed, are removed in the background: `cleanup()` says when that is over.
   */
  async commit(): Promise<void> {
    this.journal?.close();
    await fs.promises.rm(path.join(this.tmp, JOURNAL_FILE), { force: true });
    verifySeal(this.tmp, readManifest(this.tmp), { hashContent: false });
    crashPoint("verified");
    const hadOld = await fs.promises.stat(this.out).then(
      () => true,
      () => false,
    );
    const aside = hadOld
      ? path.join(this.work, `old-${process.pid}-${randomBytes(4).toString("hex")}`)
      : null;
    await writeMarker(this.work, {
      pid: process.pid,
      tmp: path.basename(this.tmp),
      aside: aside && path.basename(aside),
    });
    crashPoint("marker-written");
    try {
      if (aside) {
        await onDisk(this.out, () => fs.promises.rename(this.out, aside));
        crashPoint("old-moved-aside");
      }
      try {
        await onDisk(this.out, () => fs.promises.rename(this.tmp, this.out));
      } catch (e) {
        if (aside) await fs.promises.rename(aside, this.out);
        throw e;
      }
    } catch (e) {
      await removeMarker(this.work);
      throw e;
    }
    crashPoint("new-in-place");
    await removeMarker(this.work);
    crashPoint("marker-removed");
    if (aside) this.removeLater(aside);
    this.done = true;
    // What the dead runs finished is in the new snapshot now (or no longer exists in the workspace).
    for (const dir of this.resumeDirs) this.removeLater(dir);
  }

  /** Drops this run's temporary directory; the previous snapshot was never touched. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.journal?.close();
    await fs.promises.rm(this.tmp, { recursive: true, force: true });
    await this.cleanup();
  }

  /** An interrupted run: its temporary directory and journal stay for the next run to resume from. */
  suspend(): void {
    if (this.done) return;
    this.done = true;
    this.journal?.close();
  }
}

/**
 * Before the work directory, runs kept `.<name>.tmp-<pid>…` and `.<name>.old-<pid>…` beside the snapshot.
 * A run killed between its two renames left no snapshot at `out`: the old one is put back. Other leftovers
 * of dead runs are removed.
 */
async function restoreLegacy(target: string, parent: string, base: string): Promise<void> {
  const names = await fs.promises.readdir(parent);
  const dead = (prefix: string) =>
    names
      .filter((n) => {
        const pid = pidOf(n, prefix);
        return Number.isInteger(pid) && pid > 0 && (pid === process.pid || !alive(pid));
      })
      .map((n) => path.join(parent, n));
  const olds = dead(`.${base}.old-`);
  const tmps = dead(`.${base}.tmp-`);
  if (olds.length && !fs.existsSync(target)) await fs.promises.rename(olds.shift()!, target);
  for (const dir of [...olds, ...tmps]) await fs.promises.rm(dir, { recursive: true, force: true });
}

export { sha256 };
