import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { DatabricksClient } from "../../client";
import { resolveInside } from "../../snapshot/layout";
import { decodeTreeEntry, TreeEntry, TreeLine } from "../mapping/tree-partition";
import { aclEntryBody, parseAclString } from "../../kinds/permissions/mapping";
import { connect, isNotFound, mapLimit } from "./connect";
import { diffResult, memberDiff, withoutProvider } from "./member-diff";
import type { DynamicImpl } from "./shell";
import { leftSnapshot, resolveSnapshotRoot, snapshotIds } from "./snapshot-oracle";

/** Inputs (and outputs) of one folder-tree sync resource. */
export interface TreeSyncInputs {
  /** The workspace written to. A different host means a different workspace: replace. */
  host: string;
  /** Where the snapshot is on disk when the provider runs; contents are read from it, never stored in state. */
  snapshotRoot: string;
  /** The unit's key (components/mapping/tree-partition.ts). */
  unit: string;
  /** path -> `DIRECTORY`, `NOTEBOOK <language> <sha256> <file>` or `FILE <sha256> <file>`: preview names every changed path. */
  objects: Record<string, TreeLine>;
  /** path -> ACL line (`user:a@b.c=CAN_EDIT;group:g=CAN_RUN`). */
  acls: Record<string, string>;
  /** Delete from the workspace what left the snapshot. */
  prune: boolean;
}

export interface TreeChanges {
  added: string[];
  changed: string[];
  removed: string[];
  /** Paths whose ACL line is new, different or gone. */
  acls: string[];
}

/** What differs between two manifests, path by path (pure). */
export function treeChanges(olds: Partial<TreeSyncInputs>, news: TreeSyncInputs): TreeChanges {
  const o = olds.objects ?? {};
  const n = news.objects;
  const added = Object.keys(n).filter((p) => !(p in o));
  const changed = Object.keys(n).filter((p) => p in o && o[p] !== n[p]);
  const removed = Object.keys(o).filter((p) => !(p in n));
  const oa = olds.acls ?? {};
  const aclPaths = new Set([...Object.keys(oa), ...Object.keys(news.acls)]);
  const acls = [...aclPaths].filter((p) => oa[p] !== news.acls[p]).sort();
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort(), acls };
}

const PERMISSION_TYPE = { DIRECTORY: "directories", NOTEBOOK: "notebooks", FILE: "files" } as const;

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/** The smallest set of mkdirs calls that creates every needed directory (mkdirs makes parents). */
export function leafDirectories(dirs: Iterable<string>): string[] {
  const all = [...new Set(dirs)].filter((d) => d !== "/").sort();
  return all.filter((d, i) => !(all[i + 1] && all[i + 1].startsWith(d + "/")));
}

function readContent(root: string, entry: { file: string; sha256: string }, path: string): string {
  const file = resolveInside(resolveSnapshotRoot(root), entry.file);
  // O_NOFOLLOW: a symlink put in the snapshot after it was read would upload bytes from outside it.
  let bytes: Buffer;
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      bytes = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new Error(
      `${entry.file} (for ${path}) cannot be read as a regular file of the snapshot (${(e as NodeJS.ErrnoException).code ?? e})`,
      { cause: e },
    );
  }
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== entry.sha256)
    throw new Error(
      `${entry.file} (for ${path}) does not match the sha256 recorded in the snapshot: it changed after the snapshot was read`,
    );
  return bytes.toString("base64");
}

/**
 * Paths the CURRENT snapshot holds. A path that leaves one unit may have moved to another (a bucket split)
 * or to a per-object resource: it is deleted only when the snapshot no longer has it at all. Unreadable
 * snapshot: nothing is deleted.
 */
function currentSnapshotPaths(root: string): Set<string> | undefined {
  const s = new Set<string>();
  for (const k of ["directory", "notebook", "workspace-file"] as const) {
    const ids = snapshotIds(root, k);
    if (!ids) return undefined;
    ids.forEach((p) => s.add(p));
  }
  return s;
}

async function applyAcl(
  client: DatabricksClient,
  path: string,
  type: TreeEntry["type"],
  line: string | undefined,
) {
  const status = await client.get<{ object_id: number }>("/api/2.0/workspace/get-status", { path });
  await client.put(`/api/2.0/permissions/${PERMISSION_TYPE[type]}/${status.object_id}`, {
    access_control_list: parseAclString(line ?? "").map(aclEntryBody),
  });
}

/** Brings the workspace from `olds` to `news`: mkdirs, imports, ACLs, then (with prune) deletions. */
export async function syncTree(
  client: DatabricksClient,
  olds: Partial<TreeSyncInputs> | undefined,
  news: TreeSyncInputs,
): Promise<TreeChanges> {
  const ch = treeChanges(olds ?? {}, news);
  const writes = [...ch.added, ...ch.changed];
  const entry = (p: string) => decodeTreeEntry(news.objects[p]);
  // Read every content first: a snapshot that changed under us fails before anything is written.
  const contents = new Map<string, string>();
  for (const p of writes) {
    const e = entry(p);
    if (e.type !== "DIRECTORY") contents.set(p, readContent(news.snapshotRoot, e, p));
  }
  const dirs = writes.map((p) => (entry(p).type === "DIRECTORY" ? p : parentOf(p)));
  await mapLimit(leafDirectories(dirs), 8, (path) => client.post("/api/2.0/workspace/mkdirs", { path }));
  await mapLimit(
    writes.filter((p) => entry(p).type !== "DIRECTORY"),
    16,
    async (path) => {
      const e = entry(path);
      const body =
        e.type === "NOTEBOOK"
          ? { path, format: "SOURCE", language: e.language, content: contents.get(path), overwrite: true }
          : { path, format: "AUTO", content: contents.get(path), overwrite: true };
      await client.post("/api/2.0/workspace/import", body);
    },
  );
  // ACLs of new objects, and every ACL line that changed (an ACL gone from the snapshot resets to inherited).
  const aclPaths = new Set([...ch.acls, ...ch.added.filter((p) => p in news.acls)]);
  await mapLimit(
    [...aclPaths].filter((p) => p in news.objects),
    16,
    (path) => applyAcl(client, path, entry(path).type, news.acls[path]),
  );
  await resetLeftAcls(
    client,
    olds ?? {},
    Object.keys(olds?.acls ?? {}).filter((p) => !(p in news.objects)),
    news.snapshotRoot,
  );
  if (news.prune && ch.removed.length)
    await prunePaths(client, olds?.objects ?? {}, ch.removed, news.snapshotRoot);
  return ch;
}

/**
 * ACLs of paths that left this unit: the unit that took the path over writes its ACL; one whose ACL left the
 * snapshot (no grants of its own in the primary any more) gets nobody's, so it is reset here. A path gone
 * from the workspace: nothing to do.
 */
async function resetLeftAcls(
  client: DatabricksClient,
  olds: Partial<TreeSyncInputs>,
  paths: string[],
  snapshotRoot: string,
): Promise<void> {
  const typeOf = (p: string) => PERMISSION_TYPE[decodeTreeEntry(olds.objects![p]).type];
  const withAcl = paths.filter((p) => olds.objects?.[p] !== undefined);
  const gone = new Set(
    leftSnapshot(
      snapshotRoot,
      "permissions",
      withAcl.map((p) => `${typeOf(p)}:${p}`),
    ),
  );
  await mapLimit(
    withAcl.filter((p) => gone.has(`${typeOf(p)}:${p}`)),
    16,
    async (path) => {
      try {
        await applyAcl(client, path, decodeTreeEntry(olds.objects![path]).type, undefined);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  );
}

async function prunePaths(
  client: DatabricksClient,
  objects: Record<string, TreeLine>,
  paths: string[],
  snapshotRoot: string,
): Promise<void> {
  const keep = currentSnapshotPaths(snapshotRoot);
  if (!keep) return;
  const gone = paths.filter((p) => !keep.has(p));
  const isDir = (p: string) => objects[p] === "DIRECTORY";
  const files = gone.filter((p) => !isDir(p));
  // Deepest directories first; a directory still holding something (unmanaged, or another unit's) stays.
  const dirs = gone.filter(isDir).sort((a, b) => b.length - a.length);
  await mapLimit(files, 16, async (path) => {
    try {
      await client.post("/api/2.0/workspace/delete", { path, recursive: false });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  });
  for (const path of dirs) {
    try {
      await client.post("/api/2.0/workspace/delete", { path, recursive: false });
    } catch (e) {
      const code = (e as { errorCode?: string }).errorCode;
      if (!isNotFound(e) && code !== "DIRECTORY_NOT_EMPTY") throw e;
    }
  }
}

export const treeSyncImpl: DynamicImpl = {
  async diff(_id, olds: TreeSyncInputs, news: TreeSyncInputs) {
    if (olds.host !== news.host) return { changes: true, replaces: ["host"], deleteBeforeReplace: false };
    // snapshotRoot is where the files are today, not what the workspace holds: moving a checkout is no change.
    const detailed = {
      ...memberDiff("objects", olds.objects, news.objects),
      ...memberDiff("acls", olds.acls, news.acls),
    };
    return diffResult(detailed, { prune: olds.prune !== news.prune });
  },
  async create(inputs: TreeSyncInputs) {
    await syncTree(connect(inputs.host), undefined, inputs);
    return { id: `tree:${inputs.unit}`, outs: withoutProvider(inputs) };
  },
  async update(_id, olds: TreeSyncInputs, news: TreeSyncInputs) {
    await syncTree(connect(news.host), olds, news);
    return { outs: withoutProvider(news) };
  },
  async delete(_id, props: TreeSyncInputs) {
    const client = connect(props.host);
    await resetLeftAcls(client, props, Object.keys(props.acls ?? {}), props.snapshotRoot);
    // Without prune the objects stay in the workspace; with it, only what left the snapshot goes.
    if (!props.prune) return;
    await prunePaths(client, props.objects, Object.keys(props.objects), props.snapshotRoot);
  },
};
