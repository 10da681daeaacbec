import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ContentRef, KindName, SCHEMA_VERSION } from "../kinds/common";
import { canonicalJson } from "./canonical-json";
import { descriptorFile, MANIFEST_FILE, resolveInside } from "./layout";
import { Manifest } from "./manifest";
import { readSnapshot } from "./reader";

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
 */
export class SnapshotWriter {
  private done = false;

  private constructor(
    /** The snapshot directory the run replaces. */
    readonly out: string,
    /** Where this run writes until commit. */
    readonly tmp: string,
  ) {}

  static async begin(out: string): Promise<SnapshotWriter> {
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
    // Leftovers of runs that died (kill -9) would otherwise pile up beside the snapshot.
    const prefix = `.${base}.tmp-`;
    for (const name of await fs.promises.readdir(parent)) {
      const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).split("-")[0] : NaN);
      if (Number.isInteger(pid) && pid > 0 && !alive(pid))
        await fs.promises.rm(path.join(parent, name), { recursive: true, force: true });
    }
    const tmp = path.join(parent, `${prefix}${process.pid}-${randomBytes(4).toString("hex")}`);
    await fs.promises.mkdir(tmp);
    return new SnapshotWriter(target, tmp);
  }

  /** Streams bytes to a snapshot-relative file and returns where they are, their sha256 and size. */
  async writeContent(rel: string, data: Buffer | AsyncIterable<Uint8Array>): Promise<ContentRef> {
    const abs = resolveInside(this.tmp, rel);
    await fs.promises.mkdir(path.dirname(abs), { recursive: true });
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

  async writeManifest(manifest: Manifest): Promise<void> {
    await fs.promises.writeFile(resolveInside(this.tmp, MANIFEST_FILE), canonicalJson(manifest));
  }

  /** Reads the new snapshot back through the validating reader, then swaps it in for the old one. */
  async commit(): Promise<void> {
    readSnapshot(this.tmp);
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
      await fs.promises.rm(aside, { recursive: true, force: true });
    }
    this.done = true;
  }

  /** Drops this run's temporary directory; the previous snapshot was never touched. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await fs.promises.rm(this.tmp, { recursive: true, force: true });
  }
}

export { sha256 };
