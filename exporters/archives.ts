import { unzipSync } from "fflate";
import { ApiError } from "../client";
import type { ContentRef } from "../kinds/common";
import { obj, str } from "./normalize";
import { ExportContext } from "./types";
import { DirInfo, notebookExtension, wsSignature, workspaceWalk, WsEntry } from "./workspace-walk";
import { DiskError } from "../snapshot/errors";
import { mapLimit } from "./concurrency";

/**
 * Folder archives: a directory exported as ONE call (a SOURCE or AUTO zip of its subtree) instead of one
 * call per notebook. The service refuses an archive whose contents pass 10 MB, and lists sizes for files
 * only, so roots are chosen on an estimate (a notebook's size in the previous snapshot, else a typical
 * size) under a budget with a margin; a refused archive is split into its subfolders, and whatever no
 * archive delivers (refused, missing, ambiguous entry) is exported on its own as before. Every entry is
 * the same SOURCE bytes the single export gives (tests check it byte for byte).
 */
export const ARCHIVE_BUDGET_BYTES = 8 * 1024 * 1024;
/** Notebook sizes are not listed: this is what one is assumed to weigh when no earlier size is known. */
export const NOTEBOOK_SIZE_ESTIMATE = 32 * 1024;
/** Archives downloaded at once: each may be up to 10 MB (plus its base64 text) in memory. */
export const ARCHIVES_IN_FLIGHT = 4;
/** Files of one archive written at the same time. */
const ARCHIVE_WRITES = 16;

interface Subtree {
  info: DirInfo;
  children: Subtree[];
  /** Objects read in this run found directly in this folder. */
  wanted: WsEntry[];
  /** Totals over the subtree. */
  wantedCount: number;
  held: number;
  bytes: number;
  complete: boolean;
}

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/** The name an object has inside the archive of `root`: `<root's name>/<relative path>[.ext]`. */
export function entryName(root: string, e: WsEntry): string {
  const top = root === "/" ? "" : `${base(root)}/`;
  const rel = e.path.slice(root === "/" ? 1 : root.length + 1);
  return top + rel + (e.objectType === "NOTEBOOK" ? notebookExtension(e.language)! : "");
}

class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(n: number) {
    this.free = n;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

export class ArchivePlan {
  /** Object path → the archive root that delivers it. */
  private readonly rootOf = new Map<string, string>();
  private readonly members = new Map<string, WsEntry[]>();
  private readonly results = new Map<string, Promise<Map<string, ContentRef>>>();
  private readonly pending = new Map<string, number>();
  /** Archive calls made and refused, for the summary. */
  readonly stats = { archives: 0, refused: 0, fallbacks: 0 };

  constructor(
    private readonly ctx: ExportContext,
    private readonly tree: Map<string, Subtree>,
    readonly format: "SOURCE" | "AUTO",
    private readonly slots = new Semaphore(ARCHIVES_IN_FLIGHT),
  ) {}

  /** Chooses roots below `dir` (and `dir` itself unless `notDir`) for the wanted objects there. */
  assign(dir: string, notDir = false): void {
    const t = this.tree.get(dir);
    if (!t || t.wantedCount === 0) return;
    const fits = t.complete && t.wantedCount >= 2 && 2 * t.wantedCount >= t.held;
    if (!notDir && fits && t.bytes <= ARCHIVE_BUDGET_BYTES) {
      const members: WsEntry[] = [];
      const collect = (s: Subtree) => {
        members.push(...s.wanted);
        s.children.forEach(collect);
      };
      collect(t);
      this.members.set(dir, members);
      this.pending.set(dir, members.length);
      for (const m of members) this.rootOf.set(m.path, dir);
      return;
    }
    for (const c of t.children) this.assign(c.info.path);
  }

  /** The objects of `entries` in archive order (one archive's members together), then the rest. */
  order(entries: WsEntry[]): WsEntry[] {
    const rank = new Map<string, number>();
    let i = 0;
    for (const root of this.members.keys()) rank.set(root, i++);
    const r = (e: WsEntry) => {
      const root = this.rootOf.get(e.path);
      return root === undefined ? Number.MAX_SAFE_INTEGER : rank.get(root)!;
    };
    return [...entries].sort((a, b) => r(a) - r(b));
  }

  /** The content an archive delivered for this object, or undefined: export it on its own. */
  async contentFor(e: WsEntry): Promise<ContentRef | undefined> {
    const root = this.rootOf.get(e.path);
    if (root === undefined) return undefined;
    let p = this.results.get(root);
    if (!p) {
      p = this.fetch(root, this.members.get(root)!);
      this.results.set(root, p);
    }
    const got = await p;
    const ref = got.get(e.path);
    const left = (this.pending.get(root) ?? 1) - 1;
    this.pending.set(root, left);
    if (left <= 0) {
      // Every member has its ref: let go of the map.
      this.results.delete(root);
      this.members.delete(root);
    }
    if (!ref) this.stats.fallbacks++;
    return ref;
  }

  private async fetch(root: string, members: WsEntry[]): Promise<Map<string, ContentRef>> {
    const out = new Map<string, ContentRef>();
    let data: Buffer;
    try {
      data = await this.slots.run(async () => {
        this.stats.archives++;
        const body = obj(
          await this.ctx.client.get("/api/2.0/workspace/export", { path: root, format: this.format }),
        );
        return Buffer.from(str(body.content) ?? "", "base64");
      });
    } catch (e) {
      if (!(e instanceof ApiError && e.errorCode === "MAX_NOTEBOOK_SIZE_EXCEEDED")) {
        // Gone, refused for another reason, unreachable after retries: each member on its own.
        this.ctx.log(`archive of ${root} not used (${e instanceof Error ? e.message : String(e)})`);
        return out;
      }
      // Bigger than estimated: its subfolders as archives of their own, its own objects singly.
      this.stats.refused++;
      const sub = new ArchivePlan(this.ctx, this.tree, this.format, this.slots);
      sub.assign(root, true);
      const parts = [...sub.members.entries()].filter(([, m]) => m.length > 0);
      const done = await Promise.all(parts.map(([r, m]) => sub.fetch(r, m)));
      this.stats.archives += sub.stats.archives;
      this.stats.refused += sub.stats.refused;
      for (const m of done) for (const [k, v] of m) out.set(k, v);
      return out;
    }
    // A name two members would share (a notebook `x` and a file `x.py`) tells neither apart: both go singly.
    const wantedNames = new Map<string, WsEntry>();
    const clashing = new Set<string>();
    for (const m of members) {
      const name = entryName(root, m);
      if (wantedNames.has(name)) clashing.add(name);
      wantedNames.set(name, m);
    }
    for (const name of clashing) wantedNames.delete(name);
    const seen = new Map<string, number>();
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(new Uint8Array(data.buffer, data.byteOffset, data.length), {
        filter: (f) => {
          seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
          return wantedNames.has(f.name);
        },
      });
    } catch (e) {
      this.ctx.log(`archive of ${root} unreadable (${e instanceof Error ? e.message : String(e)})`);
      return out;
    }
    // A few files at a time: a full disk stops the writes after the first failure, not after thousands.
    let diskError: DiskError | undefined;
    await mapLimit([...wantedNames], ARCHIVE_WRITES, async ([name, m]) => {
      const bytes = files[name];
      // Two entries with one name in the archive: which is which cannot be told.
      if (!bytes || seen.get(name) !== 1 || diskError) return;
      try {
        out.set(m.path, await this.ctx.content.write(m.file!, Buffer.from(bytes)));
      } catch (e) {
        // A full or read-only disk fails every write after this one: stop, never fall back per object.
        if (e instanceof DiskError) throw (diskError ??= e);
        this.ctx.log(`archive entry ${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return out;
  }
}

/**
 * The run's archive plan, made once the walk is over: which objects still have to be read (not reusable),
 * per folder how much an archive would hold, and the highest folders whose archives fit.
 */
export const ARCHIVE_PLAN = "workspace:archives";

export function archivePlan(ctx: ExportContext): Promise<ArchivePlan> {
  return ctx.memo(ARCHIVE_PLAN, async () => {
    const feed = await workspaceWalk(ctx);
    const entries = await feed.all();
    await ctx.ready;
    const withFiles = ctx.included("workspace-file");
    const format = withFiles ? "AUTO" : "SOURCE";
    const tree = new Map<string, Subtree>();
    for (const info of feed.dirs.values())
      tree.set(info.path, {
        info,
        children: [],
        wanted: [],
        wantedCount: 0,
        held: 0,
        bytes: 0,
        complete: false,
      });
    const estimate = (e: WsEntry) => {
      const prev = ctx.previous("notebook", e.id) as { content?: { size?: unknown } } | undefined;
      return typeof prev?.content?.size === "number" ? prev.content.size : NOTEBOOK_SIZE_ESTIMATE;
    };
    const parentOf = (p: string) => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));
    const knownNotebooks = new Map<string, { n: number; bytes: number }>();
    for (const e of entries) {
      const t = tree.get(parentOf(e.path));
      if (!t || !e.file) continue;
      if (e.objectType === "NOTEBOOK") {
        const k = knownNotebooks.get(t.info.path) ?? { n: 0, bytes: 0 };
        k.n++;
        k.bytes += estimate(e);
        knownNotebooks.set(t.info.path, k);
        if (
          ctx.included("notebook") &&
          notebookExtension(e.language) &&
          !ctx.reusable("notebook", e.id, wsSignature(e))
        )
          t.wanted.push(e);
      } else if (
        e.objectType === "FILE" &&
        withFiles &&
        !ctx.reusable("workspace-file", e.id, wsSignature(e))
      )
        t.wanted.push(e);
    }
    for (const t of tree.values()) {
      if (t.info.path === "/") continue;
      tree.get(parentOf(t.info.path))?.children.push(t);
    }
    // Totals bottom-up: deepest folders first.
    const depth = (p: string) => (p === "/" ? 0 : p.split("/").length);
    const byDepth = [...tree.values()].sort((a, b) => depth(b.info.path) - depth(a.info.path));
    for (const t of byDepth) {
      const { info } = t;
      const known = knownNotebooks.get(info.path) ?? { n: 0, bytes: 0 };
      t.wantedCount = t.wanted.length;
      t.held = info.notebooks + (withFiles ? info.files : 0);
      t.bytes =
        known.bytes +
        Math.max(0, info.notebooks - known.n) * NOTEBOOK_SIZE_ESTIMATE +
        (withFiles ? info.fileBytes : 0);
      t.complete =
        info.complete && (!withFiles || !info.unknownFileSize) && info.childDirs.every((c) => tree.has(c));
      for (const c of t.children) {
        t.wantedCount += c.wantedCount;
        t.held += c.held;
        t.bytes += c.bytes;
        t.complete &&= c.complete;
      }
    }
    const plan = new ArchivePlan(ctx, tree, format);
    if (ctx.archives) plan.assign("/");
    return plan;
  });
}
