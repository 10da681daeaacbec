import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ContentRef, KindName, SCHEMA_VERSION } from "../kinds/common";
import { canonicalJson } from "./canonical-json";
import { Journal, JournalEntry, JournalHeader, readJournalHeader, sameHeader } from "./journal";
import { descriptorFile, JOURNAL_FILE, MANIFEST_FILE, resolveInside, STATE_INDEX_FILE } from "./layout";
import { Manifest } from "./manifest";
import { readManifest } from "./reader";
import { StateIndex } from "./state-index";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Writes a snapshot into a temporary directory beside the target and renames it into place only once it
 * is complete and reads back valid, so a failed or interrupted run leaves the previous snapshot whole.
 * Content is streamed to disk as it arrives; every path is checked to stay inside the snapshot.
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

  private constructor(
    /** The snapshot directory the run replaces. */
    readonly out: string,
    /** Where this run writes until commit. */
    readonly tmp: string,
    /** Temporary directories of dead runs this one may resume from, newest first. */
    readonly resumeDirs: string[],
  ) {}

  static async begin(out: string, opts: { journal?: JournalHeader } = {}): Promise<SnapshotWriter> {
    const target = path.resolve(out);
    const parent = path.dirname(target);
    const base = path.basename(target);
    await fs.promises.mkdir(parent, { recursive: true });
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
    const prefix = `.${base}.tmp-`;
    const resumable: { dir: string; mtime: number }[] = [];
    const leftovers: string[] = [];
    for (const name of await fs.promises.readdir(parent)) {
      // A replaced snapshot whose removal did not finish (the process was killed meanwhile).
      if (name.startsWith(`.${base}.old-`)) {
        const pid = Number(name.slice(`.${base}.old-`.length).split("-")[0]);
        if (Number.isInteger(pid) && pid > 0 && !alive(pid)) leftovers.push(path.join(parent, name));
        continue;
      }
      const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).split("-")[0] : NaN);
      if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
      const dir = path.join(parent, name);
      const header = opts.journal && readJournalHeader(dir);
      if (header && sameHeader(header, opts.journal!)) {
        const st = await fs.promises.stat(path.join(dir, JOURNAL_FILE));
        resumable.push({ dir, mtime: st.mtimeMs });
      } else await fs.promises.rm(dir, { recursive: true, force: true });
    }
    resumable.sort((a, b) => b.mtime - a.mtime);
    const tmp = path.join(parent, `${prefix}${process.pid}-${randomBytes(4).toString("hex")}`);
    await fs.promises.mkdir(tmp);
    const w = new SnapshotWriter(
      target,
      tmp,
      resumable.map((r) => r.dir),
    );
    if (opts.journal) w.journal = Journal.create(tmp, opts.journal);
    for (const dir of leftovers) w.removeLater(dir);
    return w;
  }

  /** Records a finished object (after its content file is complete). */
  record(e: JournalEntry): void {
    this.journal?.append(e);
  }

  /** mkdir -p once per folder, however many files go into it at the same time. */
  private parentDir(abs: string): Promise<void> {
    const dir = path.dirname(abs);
    let p = this.madeDirs.get(dir);
    if (!p) {
      p = fs.promises.mkdir(dir, { recursive: true }).then(() => undefined);
      p.catch(() => this.madeDirs.delete(dir));
      this.madeDirs.set(dir, p);
    }
    return p;
  }

  /**
   * Puts a content file finished earlier (previous snapshot, dead run) at `rel` without reading the source
   * again: a hard link when possible, else a copy. Its bytes are checked against the recorded sha256 and
   * size; undefined (and nothing left behind) when they differ or the file is gone.
   */
  async linkContent(
    srcAbs: string,
    rel: string,
    expected: { sha256: string; size: number },
  ): Promise<ContentRef | undefined> {
    const abs = resolveInside(this.tmp, rel);
    await this.parentDir(abs);
    try {
      await fs.promises.link(srcAbs, abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return undefined;
      if (code === "EEXIST") throw e;
      try {
        await fs.promises.copyFile(srcAbs, abs, fs.constants.COPYFILE_EXCL);
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
    return { file: rel, sha256: expected.sha256, size: expected.size };
  }

  /** Streams bytes to a snapshot-relative file and returns where they are, their sha256 and size. */
  async writeContent(rel: string, data: Buffer | AsyncIterable<Uint8Array>): Promise<ContentRef> {
    const abs = resolveInside(this.tmp, rel);
    await this.parentDir(abs);
    const hash = createHash("sha256");
    let size = 0;
    // "wx": two objects mapped to one file is a bug upstream, never a silent overwrite.
    const fh = await fs.promises.open(abs, "wx");
    try {
      const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = Buffer.isBuffer(data) ? [data] : data;
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        await fh.write(chunk);
      }
    } catch (e) {
      await fh.close();
      await fs.promises.rm(abs, { force: true });
      throw e;
    }
    await fh.close();
    return { file: rel, sha256: hash.digest("hex"), size };
  }

  /** Writes descriptors/<kind>.json (items sorted by id, canonical JSON); returns its file and sha256. */
  async writeDescriptors(kind: KindName, items: { id: string }[]): Promise<{ file: string; sha256: string }> {
    const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const text = canonicalJson({ kind, schemaVersion: SCHEMA_VERSION, items: sorted });
    const file = descriptorFile(kind);
    const abs = resolveInside(this.tmp, file);
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
    await fs.promises.writeFile(abs, text);
    return { file, sha256: sha256(text) };
  }

  /** Writes state/index.json; returns its file and sha256 for the manifest's hashes. */
  async writeStateIndex(index: StateIndex): Promise<{ file: string; sha256: string }> {
    const text = canonicalJson(index);
    const abs = resolveInside(this.tmp, STATE_INDEX_FILE);
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
    await fs.promises.writeFile(abs, text);
    return { file: STATE_INDEX_FILE, sha256: sha256(text) };
  }

  async writeManifest(manifest: Manifest): Promise<void> {
    await fs.promises.writeFile(resolveInside(this.tmp, MANIFEST_FILE), canonicalJson(manifest));
  }

  private removeLater(dir: string): void {
    this.removals.push(fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined));
  }

  /** Resolves once every background removal is over (it never rejects). */
  async cleanup(): Promise<void> {
    await Promise.all(this.removals);
  }

  /**
   * Checks what was written (the manifest parses, every file it lists has its recorded sha256; each
   * descriptor was validated against its schema before it was written), then swaps the new snapshot in
   * for the old one. The old one, and the directories of dead runs this one resumed, are removed in the
   * background: `cleanup()` says when that is over (thousands of files take seconds on slow disks).
   */
  async commit(): Promise<void> {
    this.journal?.close();
    await fs.promises.rm(path.join(this.tmp, JOURNAL_FILE), { force: true });
    await verifyWritten(this.tmp);
    const old = await fs.promises.stat(this.out).catch(() => undefined);
    if (!old) {
      await fs.promises.rename(this.tmp, this.out);
    } else {
      const aside = path.join(
        path.dirname(this.out),
        `.${path.basename(this.out)}.old-${process.pid}-${randomBytes(4).toString("hex")}`,
      );
      await fs.promises.rename(this.out, aside);
      try {
        await fs.promises.rename(this.tmp, this.out);
      } catch (e) {
        await fs.promises.rename(aside, this.out);
        throw e;
      }
      this.removeLater(aside);
    }
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

/** The manifest parses and every file in its `hashes` is there with that sha256. */
async function verifyWritten(dir: string): Promise<void> {
  const manifest = readManifest(dir);
  for (const [rel, expected] of Object.entries(manifest.hashes)) {
    const bytes = await fs.promises.readFile(resolveInside(dir, rel));
    if (sha256(bytes) !== expected) throw new Error(`${rel}: written bytes do not match their sha256`);
  }
}

export { sha256 };
