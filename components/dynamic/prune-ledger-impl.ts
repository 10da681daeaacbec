import type { DatabricksClient } from "../../client";
import type { KindName } from "../../kinds/common";
import { connect, isGone, mapLimit } from "./connect";
import { diffResult, memberDiff, withoutProvider } from "./member-diff";
import type { DynamicImpl } from "./shell";
import { leftSnapshot } from "./snapshot-oracle";

/** What a ledger deletes: objects held by per-object resources of one kind (permissions: resets). */
export type LedgerKind = "job" | "user" | "group" | "tree" | "permissions";

/**
 * The objects one kind's per-object resources hold (source id -> secondary id; for the workspace tree path ->
 * DIRECTORY, NOTEBOOK or FILE). Those resources are never deleted by Pulumi (retainOnDelete): one that leaves
 * the program may have handed its object to a batch or a folder-tree sync, which adopted it. The ledger,
 * always in the program and updated after them, deletes with prune exactly the objects whose source id
 * left the snapshot. Permissions (source id -> `<objectType>|<secondary id or path>`) are settings of an
 * object, mirrored whatever prune says: an ACL gone from the snapshot (no grants of its own left) is reset.
 */
export interface LedgerInputs {
  host: string;
  kind: LedgerKind;
  held: Record<string, string>;
  prune: boolean;
  snapshotRoot?: string;
}

const SCIM = "/api/2.0/preview/scim/v2";
const TREE_KINDS: KindName[] = ["directory", "notebook", "workspace-file"];

/** The SCIM id of the principal the stack runs as: never deleted, whatever the snapshot says. */
export async function deployingUserId(client: DatabricksClient): Promise<string | undefined> {
  try {
    return (await client.get<{ id?: string }>(`${SCIM}/Me`)).id;
  } catch {
    return undefined;
  }
}

async function ignoreGone(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isGone(e) && (e as { errorCode?: string }).errorCode !== "DIRECTORY_NOT_EMPTY") throw e;
  }
}

/** Deletes the objects of `sources` (source id -> secondary id) that left the snapshot. */
export async function pruneGone(
  client: DatabricksClient,
  kind: LedgerKind,
  sources: Record<string, string>,
  snapshotRoot: string | undefined,
): Promise<string[]> {
  const keys = Object.keys(sources);
  let gone: string[];
  if (kind === "tree") {
    const left = TREE_KINDS.map((k) => new Set(leftSnapshot(snapshotRoot, k, keys)));
    gone = keys.filter((k) => left.every((s) => s.has(k)));
  } else gone = leftSnapshot(snapshotRoot, kind, keys);
  if (!gone.length) return [];
  if (kind === "job")
    await mapLimit(gone, 8, (s) =>
      ignoreGone(client.post("/api/2.1/jobs/delete", { job_id: Number(sources[s]) })),
    );
  else if (kind === "user" || kind === "group") {
    const me = kind === "user" ? await deployingUserId(client) : undefined;
    const res = kind === "user" ? "Users" : "Groups";
    await mapLimit(
      gone.filter((s) => sources[s] !== me),
      16,
      (s) => ignoreGone(client.delete(`${SCIM}/${res}/${sources[s]}`)),
    );
  } else if (kind === "permissions") {
    await mapLimit(gone, 16, (s) => ignoreGone(resetAcl(client, sources[s])));
  } else {
    // Files first, then directories deepest first; one still holding something (not ours) stays.
    const files = gone.filter((p) => sources[p] !== "DIRECTORY");
    const dirs = gone.filter((p) => sources[p] === "DIRECTORY").sort((a, b) => b.length - a.length);
    await mapLimit(files, 16, (path) =>
      ignoreGone(client.post("/api/2.0/workspace/delete", { path, recursive: false })),
    );
    for (const path of dirs)
      await ignoreGone(client.post("/api/2.0/workspace/delete", { path, recursive: false }));
  }
  return gone;
}

const BY_PATH = new Set(["notebooks", "directories", "files", "repos"]);

/** Puts back what the object has without grants of its own (`<objectType>|<id or path>`). */
async function resetAcl(client: DatabricksClient, ref: string): Promise<void> {
  const bar = ref.indexOf("|");
  const type = ref.slice(0, bar);
  const target = ref.slice(bar + 1);
  if (type.startsWith("authorization/")) {
    await client.put(`/api/2.0/permissions/${type}`, { access_control_list: [] });
    return;
  }
  const id = BY_PATH.has(type)
    ? (await client.get<{ object_id: number }>("/api/2.0/workspace/get-status", { path: target })).object_id
    : target;
  await client.put(`/api/2.0/permissions/${type}/${id}`, { access_control_list: [] });
}

export const pruneLedgerImpl: DynamicImpl = {
  async diff(_id, olds: LedgerInputs, news: LedgerInputs) {
    if (olds.host !== news.host) return { changes: true, replaces: ["host"] };
    return diffResult(memberDiff("held", olds.held, news.held), { prune: olds.prune !== news.prune });
  },
  async create(inputs: LedgerInputs) {
    return { id: `ledger:${inputs.kind}`, outs: withoutProvider(inputs) };
  },
  async update(_id, olds: LedgerInputs, news: LedgerInputs) {
    if (news.prune || news.kind === "permissions") {
      const released = Object.fromEntries(Object.entries(olds.held ?? {}).filter(([k]) => !(k in news.held)));
      await pruneGone(connect(news.host), news.kind, released, news.snapshotRoot ?? olds.snapshotRoot);
    }
    return { outs: withoutProvider(news) };
  },
  async delete() {
    // The ledger stays in the program; dropped with the whole stack, it leaves the objects alone.
  },
};
