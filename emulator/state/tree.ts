import { alreadyExists, badRequest, notFound } from "../errors";
import { Language, ObjectType } from "./types";

/** One workspace object. Notebook content is its SOURCE export (header included). */
export interface WsNode {
  path: string;
  object_type: ObjectType;
  object_id: number;
  language?: Language;
  created_at?: number;
  modified_at?: number;
  /** Bytes held in memory... */
  content?: Buffer;
  /** ...or made on demand by the state's content generator (large seeds), with a known size. */
  gen?: { key: number; size: number };
  /** Format the notebook was imported in: AUTO exports it back in that format. */
  importFormat?: "SOURCE" | "JUPYTER";
  /** For REPO nodes: the repos API id (same number as object_id). */
  repoId?: number;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Normalizes a workspace path: absolute, no trailing slash, `/Workspace` prefix accepted and dropped. */
export function normalizePath(p: string): string {
  let s = p.trim();
  if (!s.startsWith("/")) throw badRequest("INVALID_PARAMETER_VALUE", `Path (${p}) must be absolute.`);
  if (s === "/Workspace" || s.startsWith("/Workspace/")) s = s.slice("/Workspace".length) || "/";
  if (s.length > 1 && s.endsWith("/")) s = s.replace(/\/+$/, "");
  return s || "/";
}

/** The workspace file tree: nodes by path, children per directory (ordered by insertion), nodes by id. */
export class WorkspaceTree {
  readonly nodes = new Map<string, WsNode>();
  readonly children = new Map<string, Set<string>>();
  readonly byId = new Map<number, WsNode>();

  constructor() {
    this.put({ path: "/", object_type: "DIRECTORY", object_id: 0 });
  }

  get(path: string): WsNode | undefined {
    return this.nodes.get(path);
  }

  mustGet(path: string): WsNode {
    const n = this.nodes.get(path);
    if (!n) throw notFound(`Path (${path}) doesn't exist.`);
    return n;
  }

  /** Adds or replaces a node; the parent must exist and be a directory or repo. */
  put(node: WsNode): WsNode {
    const old = this.nodes.get(node.path);
    if (old && old.object_id !== node.object_id) this.byId.delete(old.object_id);
    this.nodes.set(node.path, node);
    this.byId.set(node.object_id, node);
    if (node.path !== "/") {
      const parent = parentOf(node.path);
      const p = this.nodes.get(parent);
      if (!p) throw notFound(`The parent folder (${parent}) does not exist.`);
      if (p.object_type !== "DIRECTORY" && p.object_type !== "REPO")
        throw alreadyExists(`Parent path (${parent}) is not a directory.`);
      let set = this.children.get(parent);
      if (!set) this.children.set(parent, (set = new Set()));
      set.add(node.path);
    }
    if ((node.object_type === "DIRECTORY" || node.object_type === "REPO") && !this.children.has(node.path))
      this.children.set(node.path, new Set());
    return node;
  }

  /** Children in name order (the service lists a folder sorted). */
  list(path: string): WsNode[] {
    const set = this.children.get(path);
    if (!set) return [];
    return [...set]
      .map((p) => this.nodes.get(p)!)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Every node under `path` (not itself), depth first, in name order. */
  *walk(path: string): Generator<WsNode> {
    for (const c of this.list(path)) {
      yield c;
      if (c.object_type === "DIRECTORY" || c.object_type === "REPO") yield* this.walk(c.path);
    }
  }

  remove(path: string): void {
    const n = this.nodes.get(path);
    if (!n) return;
    for (const c of [...(this.children.get(path) ?? [])]) this.remove(c);
    this.children.delete(path);
    this.nodes.delete(path);
    this.byId.delete(n.object_id);
    this.children.get(parentOf(path))?.delete(path);
  }

  /** Directory ids of the node's ancestors, nearest first (root excluded). */
  ancestors(path: string): WsNode[] {
    const out: WsNode[] = [];
    let p = parentOf(path);
    while (p !== "/") {
      const n = this.nodes.get(p);
      if (n) out.push(n);
      p = parentOf(p);
    }
    return out;
  }
}
