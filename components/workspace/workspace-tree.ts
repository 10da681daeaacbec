import * as pulumi from "@pulumi/pulumi";
import { KindName } from "../../kinds/common";
import { PermissionsDescriptor } from "../../kinds/permissions/schema";
import { WorkspaceTreeSync } from "../dynamic/workspace-tree-sync";
import { aclString, apiAcl, resolvableAcl, TREE_OBJECT_TYPES } from "../../kinds/permissions/mapping";
import { encodeTreeEntry, partitionTree, TreeEntry } from "../mapping/tree-partition";
import { bucketCount } from "../mapping/batching";
import { ReplicaContext, resourceName } from "./context";

/**
 * Per-object workspace-tree resources are never deleted from the workspace by Pulumi (retainOnDelete):
 * when the workspace grows past the threshold they hand over to folder-tree sync, and a delete after the
 * hand-over would remove what the sync just wrote. With prune, the tree's ledger deletes what left the
 * snapshot (components/dynamic/prune-ledger-impl.ts), the folder-tree sync what left its units.
 */
export const TREE_OBJECT_OPTIONS = { retainOnDelete: true };

/** In tree mode an object is collected for its folder-tree sync resource instead of getting its own. */
export function collector<D extends { id: string; path: string }>(
  ctx: ReplicaContext,
  kind: KindName,
  entry: (d: D) => TreeEntry,
) {
  return (d: D) => {
    if (!ctx.treeMode) return false;
    ctx.treeObjects.set(d.path, { kind, id: d.id, entry: entry(d) });
    return true;
  };
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
    acls.set(p.objectId, aclString(apiAcl(acl, ctx.registry.principalName)));
    principals.set(p.objectId, ctx.registry.resourcesOf(acl.map((a) => a.principal)));
    ctx.report.replicated("permissions");
  }
  // A fixed number of units (config alone): an object's unit is a hash of its tree root, never of n.
  const { notebooksPerObjectMax, treeSize } = ctx.settings.granularity;
  const { units } = partitionTree(objects, acls, bucketCount(notebooksPerObjectMax, treeSize));
  for (const unit of units) {
    const deps = new Set<pulumi.Resource>();
    for (const path of Object.keys(unit.acls)) for (const r of principals.get(path) ?? []) deps.add(r);
    const sync = new WorkspaceTreeSync(
      resourceName("tree", unit.key),
      {
        host: ctx.host,
        snapshotRoot: ctx.snapshotRoot,
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
