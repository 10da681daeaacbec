import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { KindName } from "../kinds/common";
import type { Finding } from "../kinds/credentials";
import { canonicalJson, sortKeys } from "../snapshot/canonical-json";
import { readJournalEntries } from "../snapshot/journal";
import { descriptorFile, resolveInside } from "../snapshot/layout";
import { Manifest } from "../snapshot/manifest";
import { readManifest } from "../snapshot/reader";
import { readStateIndex, StateIndex } from "../snapshot/state-index";
import type { PreviousAcl } from "./acl-refresh";
import { SnapshotWriter } from "../snapshot/writer";

/** A stable short hash of any JSON value (key order ignored): the signature of a listed object. */
export function jsonSignature(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(sortKeys(value)))
    .digest("hex")
    .slice(0, 32);
}

interface Hit {
  descriptor: unknown;
  /** The directory its content file lives in. */
  root: string;
}

export interface ReuseOptions {
  /** The previous snapshot (usually the --out directory itself); undefined when there is none. */
  previous?: string;
  /** Read everything again: the previous snapshot is only compared against, never reused. */
  full?: boolean;
  host: string;
  filters: unknown;
  toolVersion: string;
  schemaVersion: number;
  /** Temporary directories of dead runs of the same export, newest first. */
  resumeDirs: string[];
  log: (line: string) => void;
}

/**
 * What this run may take instead of reading it again: objects a dead run of the same export finished
 * (its journal) and objects of the previous snapshot, each only when its signature now is the one it had
 * when it was read. Also hands the previous descriptors to the manifest's `changes`.
 */
export class ReuseStore {
  private readonly journal = new Map<string, Hit & { sig: string }>();
  private prevRoot: string | undefined;
  private prevSigs: StateIndex["signatures"] = {};
  private readonly prevItems = new Map<KindName, Map<string, unknown>>();
  /** Kinds whose previous descriptors can be compared (host and filters the same). */
  private comparable = false;
  /** Why the previous snapshot is not reused, for the log and the summary. */
  previousNote: string | undefined;
  stats = { reused: 0, resumed: 0 };
  /** Objects reused from the previous snapshot exactly as they were there. */
  private readonly unchanged = new Set<string>();
  /** The previous snapshot's credential findings per object (a reused source is not scanned again). */
  private readonly prevFindings = new Map<string, Finding[]>();
  /** When the previous snapshot's ACLs were read (its state index), when it is the base of this run. */
  prevAcl: PreviousAcl | undefined;

  private constructor() {}

  /** Resolves once the journals and the previous snapshot are loaded; nothing may be looked up before. */
  ready: Promise<void> = Promise.resolve();

  /**
   * Starts loading what can be reused, in the background: the run's listings start meanwhile (the
   * workspace walk takes far longer). Await `ready` before `has`, `previous` or `take`.
   */
  static open(opts: ReuseOptions): ReuseStore {
    const s = new ReuseStore();
    s.ready = s.load(opts);
    return s;
  }

  private async load(opts: ReuseOptions): Promise<void> {
    for (const dir of opts.resumeDirs) {
      let n = 0;
      for (const e of await readJournalEntries(dir)) {
        const key = `${e.kind}\u0000${e.id}`;
        // Newest journal first; within one journal the last line wins.
        const cur = this.journal.get(key);
        if (cur && cur.root !== dir) continue;
        this.journal.set(key, { sig: e.sig, descriptor: e.descriptor, root: dir });
        n++;
      }
      opts.log(`resuming: ${n} objects finished by an interrupted run in ${path.basename(dir)}`);
    }
    if (opts.previous) await this.openPrevious(opts);
  }

  private async openPrevious(opts: ReuseOptions): Promise<void> {
    const dir = opts.previous!;
    let manifest: Manifest;
    try {
      manifest = readManifest(dir);
    } catch (e) {
      this.previousNote = `previous snapshot not used: ${(e as Error).message}`;
      return;
    }
    if (manifest.source.host !== opts.host) {
      this.previousNote = `previous snapshot is of ${manifest.source.host}: full export`;
      return;
    }
    if (canonicalJson(manifest.filters) !== canonicalJson(opts.filters)) {
      this.previousNote = "previous snapshot was exported with other filters: full export";
      return;
    }
    if (manifest.schemaVersion !== opts.schemaVersion) {
      this.previousNote = `previous snapshot has schema version ${manifest.schemaVersion}: full export`;
      return;
    }
    this.comparable = true;
    await Promise.all(
      Object.entries(manifest.files).map(async ([file, { sha256: hash }]) => {
        const m = /^descriptors\/(.+)\.json$/.exec(file);
        if (!m || descriptorFile(m[1] as KindName) !== file) return;
        try {
          const raw = await fs.promises.readFile(resolveInside(dir, file));
          if (createHash("sha256").update(raw).digest("hex") !== hash) throw new Error("sha256 differs");
          const items = (JSON.parse(raw.toString("utf8")) as { items: { id: string }[] }).items;
          this.prevItems.set(m[1] as KindName, new Map(items.map((d) => [d.id, d])));
        } catch (e) {
          opts.log(`previous ${file} not used: ${(e as Error).message}`);
        }
      }),
    );
    if (opts.full) {
      this.previousNote = "--full: everything read again";
      return;
    }
    if (manifest.tool.version !== opts.toolVersion) {
      this.previousNote = `previous snapshot was made by version ${manifest.tool.version}: full export`;
      return;
    }
    const { index, why } = readStateIndex(dir, manifest);
    if (!index) {
      this.previousNote = `previous snapshot not reused: ${why}`;
      return;
    }
    this.prevRoot = path.resolve(dir);
    this.prevSigs = index.signatures;
    if (index.acl) this.prevAcl = { ...index.acl, readAt: manifest.acl?.readAt ?? {} };
    for (const f of manifest.findings ?? []) {
      const key = `${f.kind}\u0000${f.id}`;
      this.prevFindings.set(key, [...(this.prevFindings.get(key) ?? []), f]);
    }
  }

  /** The previous snapshot's findings of an object (empty when it had none or is not the base). */
  previousFindings(kind: KindName, id: string): Finding[] {
    return this.prevFindings.get(`${kind}\u0000${id}`) ?? [];
  }

  /** Is the previous snapshot the base of this run (objects reused from it)? */
  get incremental(): boolean {
    return this.prevRoot !== undefined;
  }

  private find(kind: KindName, id: string, sig: string): Hit | undefined {
    const j = this.journal.get(`${kind}\u0000${id}`);
    if (j && j.sig === sig) return j;
    if (this.prevRoot === undefined || this.prevSigs[kind]?.[id] !== sig) return undefined;
    const items = this.prevItems.get(kind);
    if (!items) return undefined;
    return { descriptor: items.get(id) ?? null, root: this.prevRoot };
  }

  /** Can this object be taken as it was, without reading it? */
  has(kind: KindName, id: string, sig: string | undefined): boolean {
    return sig !== undefined && this.find(kind, id, sig) !== undefined;
  }

  /** The previous descriptor of an object, whatever its signature (size estimates). */
  previous(kind: KindName, id: string): unknown {
    return this.prevItems.get(kind)?.get(id);
  }

  /**
   * The object as it was: its descriptor (undefined = nothing to keep) with its content file linked into
   * this run at `contentFile` (its name may have changed). Null when it cannot be reused after all (the
   * earlier file is gone or its bytes changed): the caller reads it.
   */
  async take(
    kind: KindName,
    id: string,
    sig: string | undefined,
    writer: SnapshotWriter,
    contentFile?: string,
  ): Promise<{ descriptor: unknown; from: "previous" | "journal" } | null> {
    if (sig === undefined) return null;
    const hit = this.find(kind, id, sig);
    if (!hit) return null;
    const from = hit.root === this.prevRoot ? "previous" : "journal";
    const d = hit.descriptor as { content?: { file?: unknown; sha256?: unknown; size?: unknown } } | null;
    if (d === null) return { descriptor: undefined, from };
    const c = d.content;
    if (c && typeof c.file === "string" && typeof c.sha256 === "string" && typeof c.size === "number") {
      let src: string;
      try {
        src = resolveInside(hit.root, c.file);
      } catch {
        return null;
      }
      const file = contentFile ?? c.file;
      const ref = await writer.linkContent(src, file, { sha256: c.sha256, size: c.size });
      if (!ref) return null;
      this.count(hit, kind, id, file === c.file);
      return { descriptor: { ...d, content: ref }, from };
    }
    this.count(hit, kind, id, true);
    return { descriptor: d, from };
  }

  private count(hit: Hit, kind: KindName, id: string, same: boolean): void {
    if (hit.root === this.prevRoot) {
      this.stats.reused++;
      // Taken from the previous snapshot as it was: nothing to compare for `changes`.
      if (same) this.unchanged.add(`${kind}\u0000${id}`);
    } else this.stats.resumed++;
  }

  /**
   * Added, changed and removed ids of a kind against the previous snapshot; undefined when there is no
   * comparable previous snapshot (another workspace, other filters) or the kind was not in it.
   */
  changes(
    kind: KindName,
    now: { id: string }[],
  ): { added: string[]; changed: string[]; removed: string[] } | undefined {
    if (!this.comparable) return undefined;
    const before = this.prevItems.get(kind) ?? new Map<string, unknown>();
    const added: string[] = [];
    const changed: string[] = [];
    const seen = new Set<string>();
    for (const d of now) {
      seen.add(d.id);
      const old = before.get(d.id);
      if (old === undefined) added.push(d.id);
      else if (this.unchanged.has(`${kind}\u0000${d.id}`)) continue;
      else if (JSON.stringify(sortKeys(old)) !== JSON.stringify(sortKeys(d))) changed.push(d.id);
    }
    const removed = [...before.keys()].filter((id) => !seen.has(id));
    const sort = (a: string[]) => a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return { added: sort(added), changed: sort(changed), removed: sort(removed) };
  }

  /** Lets go of the previous descriptors once they are no longer needed. */
  release(): void {
    this.prevItems.clear();
    this.journal.clear();
    this.unchanged.clear();
    this.prevFindings.clear();
  }
}
