import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { KindName } from "../../kinds/common";
import { PermissionsDescriptor } from "../../kinds/permissions";
import {
  DirectoryDescriptor,
  NotebookDescriptor,
  RepoDescriptor,
  WorkspaceFileDescriptor,
} from "../../kinds/workspace-tree";
import { WorkspaceTreeSync } from "../dynamic/workspace-tree-sync";
import { aclString, resolvableAcl, TREE_OBJECT_TYPES } from "../mapping/permissions";
import { encodeTreeEntry, partitionTree, TreeEntry } from "../mapping/tree-partition";
import { directoryArgs, notebookArgs, repoArgs, workspaceFileArgs } from "../mapping/workspace-objects";
import { objectOptions, ReplicaContext, resourceName, skipObject } from "./context";

/**
 * Per-object workspace-tree resources are never deleted from the workspace by Pulumi (retainOnDelete):
 * when the workspace grows past the threshold they hand over to folder-tree sync, and a delete after the
 * hand-over would remove what the sync just wrote. Pruning of the tree is done by the folder-tree sync.
 */
function treeObjectOptions(ctx: ReplicaContext, parent: pulumi.Resource) {
  return objectOptions(ctx, parent, { retainOnDelete: true });
}

function collect(ctx: ReplicaContext, kind: KindName, id: string, path: string, entry: TreeEntry) {
  ctx.treeObjects.set(path, { kind, id, entry });
}

export function provisionDirectories(
  items: DirectoryDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("directory", items.length);
  for (const d of items) {
    if (ctx.treeMode) {
      collect(ctx, "directory", d.id, d.path, { type: "DIRECTORY" });
      continue;
    }
    const m = directoryArgs(d);
    if (!m.ok) {
      skipObject(ctx, "directory", d.id, m.skip);
      continue;
    }
    const r = new databricks.Directory(resourceName("dir", d.id), m.args, treeObjectOptions(ctx, parent));
    ctx.registry.set("directory", d.id, { resource: r, value: r.path, label: d.path });
    ctx.report.replicated("directory");
  }
}

export function provisionNotebooks(
  items: NotebookDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("notebook", items.length);
  for (const d of items) {
    if (ctx.treeMode) {
      collect(ctx, "notebook", d.id, d.path, {
        type: "NOTEBOOK",
        language: d.language,
        sha256: d.content.sha256,
        file: d.content.file,
      });
      continue;
    }
    const m = notebookArgs(d, ctx.snapshot.root);
    if (!m.ok) {
      skipObject(ctx, "notebook", d.id, m.skip);
      continue;
    }
    const r = new databricks.Notebook(resourceName("notebook", d.id), m.args, treeObjectOptions(ctx, parent));
    ctx.registry.set("notebook", d.id, { resource: r, value: r.path, label: d.path });
    ctx.report.replicated("notebook");
  }
}

export function provisionWorkspaceFiles(
  items: WorkspaceFileDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("workspace-file", items.length);
  for (const d of items) {
    if (ctx.treeMode) {
      collect(ctx, "workspace-file", d.id, d.path, {
        type: "FILE",
        sha256: d.content.sha256,
        file: d.content.file,
      });
      continue;
    }
    const m = workspaceFileArgs(d, ctx.snapshot.root);
    if (!m.ok) {
      skipObject(ctx, "workspace-file", d.id, m.skip);
      continue;
    }
    const r = new databricks.WorkspaceFile(
      resourceName("file", d.id),
      m.args,
      treeObjectOptions(ctx, parent),
    );
    ctx.registry.set("workspace-file", d.id, { resource: r, value: r.path, label: d.path });
    ctx.report.replicated("workspace-file");
  }
}

export function provisionRepos(items: RepoDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  ctx.report.seen("repo", items.length);
  for (const d of items) {
    const m = repoArgs(d);
    if (!m.ok) {
      skipObject(ctx, "repo", d.id, m.skip);
      continue;
    }
    const r = new databricks.Repo(resourceName("repo", d.id), m.args, objectOptions(ctx, parent));
    ctx.registry.set("repo", d.id, { resource: r, value: r.path, label: d.path });
    ctx.report.replicated("repo");
    ctx.report.notes("repo", d.id, m.notes);
  }
}

/**
 * Tree mode: cuts the collected objects into folder-tree units and creates one sync resource per unit, with
 * the ACLs of its objects (those permissions descriptors are then handled here, not one by one).
 */
export function finishWorkspaceTree(ctx: ReplicaContext, parent: pulumi.Resource) {
  if (!ctx.treeMode) return;
  const objects = new Map<string, string>();
  for (const [path, o] of ctx.treeObjects) objects.set(path, encodeTreeEntry(o.entry));
  const acls = new Map<string, string>();
  const principals = new Map<string, pulumi.Resource[]>();
  for (const p of ctx.kept.permissions as PermissionsDescriptor[]) {
    if (!TREE_OBJECT_TYPES.has(p.objectType) || !objects.has(p.objectId)) continue;
    const { acl, notes } = resolvableAcl(p, ctx.registry.resolve);
    ctx.report.notes("permissions", p.id, notes);
    ctx.handledPermissions.add(p.id);
    if (!acl.length) {
      ctx.report.skip("permissions", p.id, "no grant names a principal that exists in the secondary");
      continue;
    }
    acls.set(p.objectId, aclString(acl));
    principals.set(p.objectId, ctx.registry.resourcesOf(acl.map((a) => a.principal)));
    ctx.report.replicated("permissions");
  }
  const { units } = partitionTree(objects, acls, ctx.settings.granularity.treeSize);
  for (const unit of units) {
    const deps = new Set<pulumi.Resource>();
    for (const path of Object.keys(unit.acls)) for (const r of principals.get(path) ?? []) deps.add(r);
    const sync = new WorkspaceTreeSync(
      resourceName("tree", unit.key),
      {
        host: ctx.host,
        snapshotRoot: ctx.snapshot.root,
        unit: unit.key,
        objects: unit.objects,
        acls: unit.acls,
        prune: ctx.settings.prune,
      },
      { parent, dependsOn: [...deps] },
    );
    for (const path of Object.keys(unit.objects)) {
      const o = ctx.treeObjects.get(path)!;
      // A reference to a tree-synced object is its path, carried as an output of the sync resource.
      ctx.registry.set(o.kind, o.id, { resource: sync, value: sync.id.apply(() => path), label: path });
      ctx.report.replicated(o.kind);
    }
  }
}
