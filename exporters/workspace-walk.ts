import { createHash } from "node:crypto";
import { ApiError } from "../client";
import { KindName } from "../kinds/common";
import { NOTEBOOK_LANGUAGES } from "../kinds/notebook/schema";
import { CONTENT_DIR, NOTEBOOK_EXTENSIONS } from "../snapshot/layout";
import { safeSegment, unsafeWorkspacePath } from "./names";
import { arr, reasonOf, str } from "./normalize";
import { ExportContext } from "./types";

export interface WsEntry {
  /** The workspace path: the descriptor id of directories, notebooks and files. */
  id: string;
  path: string;
  objectType: string;
  objectId?: number;
  language?: string;
  size?: number;
  modifiedAt?: number;
  /** Notebooks and files: their content file in the snapshot (folders: the mapped folder). */
  file?: string;
}

/** What one listed folder holds, for choosing archive roots (an archive carries the whole subtree). */
export interface DirInfo {
  path: string;
  /** Subfolders the walk lists (their own DirInfo appears once listed; a failed listing leaves none). */
  childDirs: string[];
  /** Every notebook and file listed here, whether or not the filters select it. */
  notebooks: number;
  files: number;
  fileBytes: number;
  /** A file listed without its size. */
  unknownFileSize: boolean;
  /** False when the folder holds what an archive would carry but the walk does not see: repos, unsafe
   * names, folders left out by the filters. */
  complete: boolean;
}

/**
 * The version of a workspace object as its listing shows it: its object id (a delete and re-create gives a
 * new one) and modified_at. Folders have no modified_at: their id alone. Undefined when not listed.
 */
export function wsSignature(e: WsEntry): string | undefined {
  if (e.objectId === undefined) return undefined;
  if (e.objectType === "DIRECTORY") return `${e.objectType}:${e.objectId}`;
  if (e.modifiedAt === undefined) return undefined;
  return [e.objectType, e.objectId, e.modifiedAt, e.language ?? "", e.size ?? ""].join(":");
}

export const WORKSPACE_CONTENT = `${CONTENT_DIR}/workspace`;

const KIND_OF: Record<string, KindName> = {
  DIRECTORY: "directory",
  NOTEBOOK: "notebook",
  FILE: "workspace-file",
  REPO: "repo",
};

/**
 * Tree objects that other kinds export through their own APIs (AI/BI dashboards: kinds/dashboard, by the
 * Lakeview list; experiments: kinds/mlflow-experiment, by experiments/search): the walk passes over them,
 * neither exporting them as tree content nor skipping them.
 */
export const OWNED_ELSEWHERE: Readonly<Record<string, KindName>> = {
  DASHBOARD: "dashboard",
  MLFLOW_EXPERIMENT: "mlflow-experiment",
};

export function notebookExtension(language: string | undefined): string | undefined {
  return (NOTEBOOK_LANGUAGES as readonly string[]).includes(language ?? "")
    ? NOTEBOOK_EXTENSIONS[language as keyof typeof NOTEBOOK_EXTENSIONS]
    : undefined;
}

/**
 * Names of one folder's children in the snapshot: each segment made safe, and a name that collides with
 * a sibling's (case-insensitively: a notebook `x` and a file `x.py`, folders `B` and `b`) gets
 * `~<hash of its path>`. Only the folder's own listing decides, so names never depend on read order.
 */
export function childFiles(dirFile: string, children: { path: string; ext: string }[]): Map<string, string> {
  const sorted = [...children].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const c of sorted) {
    const seg = safeSegment(c.path.slice(c.path.lastIndexOf("/") + 1));
    let name = seg + c.ext;
    const key = (n: string) => n.normalize("NFC").toLowerCase();
    if (taken.has(key(name)))
      name = `${seg}~${createHash("sha256").update(c.path).digest("hex").slice(0, 8)}${c.ext}`;
    taken.add(key(name));
    out.set(c.path, `${dirFile}/${name}`);
  }
  return out;
}

/** What the walk has found so far; several kinds read it as a stream while it goes on. */
export class WalkFeed {
  readonly entries: WsEntry[] = [];
  /** Every folder listed, by path. */
  readonly dirs = new Map<string, DirInfo>();
  private finished = false;
  private failure: unknown;
  private waiters: (() => void)[] = [];

  push(e: WsEntry): void {
    this.entries.push(e);
    this.wake();
  }
  finish(failure?: unknown): void {
    this.finished = true;
    this.failure = failure;
    this.wake();
  }
  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Entries of the given object types, as they are found; throws if the walk failed. */
  async *stream(types: readonly string[]): AsyncGenerator<WsEntry> {
    let i = 0;
    for (;;) {
      while (i < this.entries.length) {
        const e = this.entries[i++];
        if (types.includes(e.objectType)) yield e;
      }
      if (this.finished) {
        if (this.failure !== undefined) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Every entry, once the walk is over. */
  async all(): Promise<WsEntry[]> {
    for await (const _ of this.stream([])) void _;
    return this.entries;
  }
}

/**
 * Walks the workspace tree once per run (workspace/list answers one level per call), listing folders
 * concurrently and publishing what it finds at once, so exports start while the walk goes on. Names that
 * cannot be descriptors are skipped with the reason, and nothing below them is visited; a folder that
 * vanishes or cannot be listed is skipped with its reason and the walk goes on.
 */
export function workspaceWalk(ctx: ExportContext): Promise<WalkFeed> {
  return ctx.memo("workspace:walk", async () => {
    const feed = new WalkFeed();
    const skip = (kind: KindName, id: string, reason: string) => {
      if (ctx.included(kind)) ctx.skip(kind, id, reason);
    };
    const redact = (s: string) => ctx.client.redact(s);
    const visit = async (dir: string, dirFile: string, self?: WsEntry): Promise<void> => {
      // The run stopped (Ctrl-C, a full disk): no more folders are listed.
      if (ctx.signal?.aborted) return;
      let objects;
      try {
        const body = await ctx.client.get<Record<string, unknown>>("/api/2.0/workspace/list", { path: dir });
        objects = arr(body.objects);
      } catch (e) {
        if (self)
          skip("directory", dir, `cannot be listed, its contents were not exported: ${reasonOf(e, redact)}`);
        else if (!(e instanceof ApiError && e.status === 404)) throw e;
        return;
      }
      if (self && ctx.paths.selected(dir)) feed.push(self);
      const info: DirInfo = {
        path: dir,
        childDirs: [],
        notebooks: 0,
        files: 0,
        fileBytes: 0,
        unknownFileSize: false,
        complete: true,
      };
      feed.dirs.set(dir, info);
      const safe: WsEntry[] = [];
      for (const o of objects) {
        const path = str(o.path);
        if (!path) continue;
        const type = str(o.object_type) ?? "UNKNOWN";
        // Their own kinds export them by id, whatever their names.
        if (Object.hasOwn(OWNED_ELSEWHERE, type)) continue;
        const unsafe = unsafeWorkspacePath(path);
        if (type === "NOTEBOOK") info.notebooks++;
        else if (type === "FILE") {
          info.files++;
          if (typeof o.size === "number") info.fileBytes += o.size;
          else info.unknownFileSize = true;
        } else if (type === "REPO") info.complete = false;
        if (unsafe) {
          info.complete = false;
          if (ctx.paths.descend(path) || ctx.paths.selected(path))
            skip(
              KIND_OF[type] ?? "workspace-file",
              JSON.stringify(path).slice(1, -1),
              `unsafe name: ${unsafe}`,
            );
          continue;
        }
        safe.push({
          id: path,
          path,
          objectType: type,
          objectId: typeof o.object_id === "number" ? o.object_id : undefined,
          language: str(o.language),
          size: typeof o.size === "number" ? o.size : undefined,
          modifiedAt: typeof o.modified_at === "number" ? o.modified_at : undefined,
        });
      }
      const files = childFiles(
        dirFile,
        safe.map((e) => ({
          path: e.path,
          ext: e.objectType === "NOTEBOOK" ? (notebookExtension(e.language) ?? "") : "",
        })),
      );
      const below: Promise<void>[] = [];
      for (const entry of safe) {
        entry.file = files.get(entry.path);
        const { path, objectType: type } = entry;
        if (type === "DIRECTORY") {
          if (ctx.paths.descend(path)) {
            info.childDirs.push(path);
            below.push(visit(path, entry.file!, entry));
          } else info.complete = false;
          continue;
        }
        if (!ctx.paths.selected(path)) continue;
        if (type === "NOTEBOOK" || type === "FILE" || type === "REPO") feed.push(entry);
        else if (type === "LIBRARY")
          skip("workspace-file", path, "LIBRARY objects cannot be exported through the API");
        else skip("workspace-file", path, `workspace object type ${type} is not exported`);
      }
      await Promise.all(below);
    };
    visit("/", WORKSPACE_CONTENT).then(
      () => feed.finish(),
      (e: unknown) => feed.finish(e),
    );
    return feed;
  });
}
