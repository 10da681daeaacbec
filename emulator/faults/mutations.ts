import { MAX_EXPORT_BYTES } from "../errors";
import { header } from "../formats/notebook";
import { mkdirs, removeNode } from "../routes/workspace";
import { parentOf, WsNode } from "../state/tree";
import { WorkspaceState } from "../state/workspace-state";
import { Mutation, MutationOp } from "./plan";

/** A workspace object a mutation touched: where it was, and where it is now (absent when deleted). */
export interface TouchedNode {
  objectId: number;
  type: string;
  from: string;
  to?: string;
}

export interface AppliedMutation {
  op: MutationOp;
  /** The request number it was applied before. */
  seq: number;
  /** The path or job id it hit; undefined when the workspace had nothing eligible. */
  target?: string;
  nodes: TouchedNode[];
  jobIds: string[];
  /** userNames of users it deleted. */
  userNames: string[];
}

const isFolder = (n: WsNode) => n.object_type === "DIRECTORY";

/** Is the path inside a repo (or a repo itself)? Repos are not walked by the exporter: left alone. */
export function inRepo(state: WorkspaceState, path: string): boolean {
  for (let p = path; p !== "/"; p = parentOf(p)) if (state.tree.get(p)?.object_type === "REPO") return true;
  return false;
}

/** Objects a mutation of this kind may hit, in a stable order so a pick is reproducible. */
export function eligibleTargets(state: WorkspaceState, op: MutationOp): string[] {
  if (op === "delete-user")
    return [...state.users.values()]
      .map((u) => String(u.userName))
      .filter((u) => u !== state.currentUser)
      .sort();
  if (op === "delete-job") return [...state.jobs.keys()].sort((a, b) => a - b).map(String);
  const nodes = [...state.tree.walk("/")].filter((n) => !inRepo(state, n.path));
  if (op === "delete-notebook") return nodes.filter((n) => n.object_type === "NOTEBOOK").map((n) => n.path);
  // Folders below the top level (/Users, /Shared stay), holding no repo.
  return nodes
    .filter((n) => isFolder(n) && parentOf(n.path) !== "/")
    .filter((n) => ![...state.tree.walk(n.path)].some((c) => c.object_type === "REPO"))
    .map((n) => n.path);
}

function pickTarget(state: WorkspaceState, m: Mutation): string | undefined {
  if (m.target !== undefined) return m.target;
  const all = eligibleTargets(state, m.op);
  if (all.length === 0) return undefined;
  return all[Math.min(all.length - 1, Math.floor((m.pick ?? 0) * all.length))];
}

/** Applies one mutation to the live state, as the workspace API would have done it. */
export function applyMutation(state: WorkspaceState, m: Mutation, seq: number): AppliedMutation {
  const target = pickTarget(state, m);
  const out: AppliedMutation = { op: m.op, seq, target, nodes: [], jobIds: [], userNames: [] };
  if (target === undefined) return out;
  if (m.op === "delete-user") {
    const user = [...state.users.values()].find((u) => u.userName === target);
    if (!user) return out;
    // As SCIM DELETE does: the user goes, and with it every group membership.
    state.users.delete(String(user.id));
    for (const g of state.groups.values())
      if (
        Array.isArray(g.members) &&
        g.members.some((x: { value?: unknown }) => String(x.value) === user.id)
      ) {
        g.members = g.members.filter((x: { value?: unknown }) => String(x.value) !== user.id);
        state.touch(g);
      }
    out.userNames.push(target);
    return out;
  }
  if (m.op === "delete-job") {
    const id = Number(target);
    if (!state.jobs.has(id)) return out;
    state.jobs.delete(id);
    state.acls.delete(`jobs/${id}`);
    state.permissionsRaw.delete(`jobs/${id}`);
    state.dropVerbatimList("jobs");
    out.jobIds.push(target);
    return out;
  }
  const node = state.tree.get(target);
  if (!node) return out;
  const subtree = [node, ...state.tree.walk(target)];
  if (m.op === "rename-folder") {
    const to = uniqueSibling(state, `${target}-renamed`);
    renameSubtree(state, subtree, target, to);
    out.nodes = subtree.map((n) => ({
      objectId: n.object_id,
      type: n.object_type,
      from: n.path,
      to: to + n.path.slice(target.length),
    }));
    return out;
  }
  out.nodes = subtree.map((n) => ({ objectId: n.object_id, type: n.object_type, from: n.path }));
  removeNode(state, target);
  return out;
}

function uniqueSibling(state: WorkspaceState, wanted: string): string {
  let p = wanted;
  for (let i = 2; state.tree.get(p); i++) p = `${wanted}-${i}`;
  return p;
}

/**
 * Moves a folder and everything below it to a new path. Object ids, grants (kept by object id) and
 * timestamps stay, as a rename in the workspace UI does.
 */
function renameSubtree(state: WorkspaceState, subtree: WsNode[], from: string, to: string): void {
  state.tree.remove(from);
  for (const n of subtree) {
    const moved: WsNode = { ...n, path: to + n.path.slice(from.length) };
    state.tree.put(moved);
  }
}

/** 16 bytes over the export limit, held once and shared: a seed plants it without allocating again. */
let oversizeBody: Buffer | undefined;
function oversizeSource(): Buffer {
  if (!oversizeBody) {
    const head = `${header("PYTHON")}\n`;
    oversizeBody = Buffer.alloc(MAX_EXPORT_BYTES + 16, 0x61);
    oversizeBody.write(head, 0);
    oversizeBody[oversizeBody.length - 1] = 0x0a;
  }
  return oversizeBody;
}

/** Plants a Python notebook over 10 MB (its parent folders are created when missing). */
export function plantOversizeNotebook(state: WorkspaceState, path: string): WsNode {
  mkdirs(state, parentOf(path));
  const now = state.now();
  return state.tree.put({
    path,
    object_type: "NOTEBOOK",
    object_id: state.objectId(),
    language: "PYTHON",
    created_at: now,
    modified_at: now,
    content: oversizeSource(),
  });
}
