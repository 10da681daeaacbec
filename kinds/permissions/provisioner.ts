import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { PERMISSION_OBJECT_TYPES, PERMISSION_TARGETS, PermissionObjectType } from "../permission-types";
import { PermissionsDescriptor } from "./schema";
import { AclBatch } from "../../components/dynamic/resources";
import { aclString, apiAcl, PERMISSIONS_TARGET, permissionsArgs, resolvableAcl } from "./mapping";
import { bucketCount, bucketName, bucketOf } from "../../components/mapping/batching";
import { holdObject, objectOptions, ReplicaContext, resourceName } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";

/**
 * Types whose replica value is the id the permissions API takes (the contracts' `batchable`; workspace
 * objects go by path, batched in trees).
 */
export const BATCHABLE: ReadonlySet<PermissionObjectType> = new Set(
  Object.values(PERMISSION_TARGETS)
    .filter((t) => t.batchable)
    .map((t) => t.objectType),
);
/**
 * Permissions on every object kind, after the principals they name (explicit dependsOn: a grant names its
 * principal by name, which carries no dependency of its own). Per object while a type has few ACLs; above
 * the threshold, batches keyed by the descriptor's source id, so a preview still names each changed ACL.
 */
export function provisionPermissions(
  items: PermissionsDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  ctx.report.seen("permissions", items.length);
  const byType = new Map<PermissionObjectType, PermissionsDescriptor[]>();
  for (const p of items) {
    if (ctx.handledPermissions.has(p.id)) continue;
    byType.set(p.objectType, [...(byType.get(p.objectType) ?? []), p]);
  }
  for (const [type, list] of byType) {
    const batched = list.length > ctx.settings.granularity.aclsPerObjectMax && BATCHABLE.has(type);
    if (batched) provisionBatches(type, list, ctx, parent);
    else for (const p of list) provisionOne(p, ctx, parent);
  }
}

function provisionOne(p: PermissionsDescriptor, ctx: ReplicaContext, parent: pulumi.Resource) {
  const m = permissionsArgs(p, ctx.registry.resolve);
  ctx.report.notes("permissions", p.id, m.notes);
  if (!m.ok) {
    ctx.report.skip("permissions", p.id, m.skip);
    return;
  }
  const dependsOn = ctx.registry.resourcesOf(p.acl.map((a) => a.principal));
  // Never reset by Pulumi's delete: a Permissions resource leaves the program when its ACL moves to a
  // batch or a folder-tree sync, which wrote the grants first (Pulumi deletes last).
  const r = new databricks.Permissions(
    resourceName("permissions", p.id),
    m.args,
    objectOptions(ctx, parent, { dependsOn, retainOnDelete: true }),
  );
  // Its ledger resets the ACL once it left the snapshot (the object keeps only what it inherits).
  const target = pulumi.output(m.args[PERMISSIONS_TARGET[p.objectType]] as pulumi.Input<string>);
  holdObject(ctx, "permissions", p.id, r, pulumi.interpolate`${p.objectType}|${target}`);
  ctx.report.replicated("permissions");
}

function provisionBatches(
  type: PermissionObjectType,
  list: PermissionsDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  const kind = PERMISSION_OBJECT_TYPES[type]!;
  const { aclsPerObjectMax, aclBatchSize } = ctx.settings.granularity;
  const buckets = bucketCount(aclsPerObjectMax, aclBatchSize);
  const batches = new Map<
    number,
    { objects: Record<string, { id: pulumi.Input<string>; acl: string }>; deps: Set<pulumi.Resource> }
  >();
  for (const p of list) {
    const target = ctx.registry.get(kind, p.objectId);
    if (!target) {
      ctx.report.skip(
        "permissions",
        p.id,
        `the ${kind} it applies to is not in the secondary: ${ctx.registry.whyMissing(kind, p.objectId)}`,
      );
      continue;
    }
    const { acl, notes } = resolvableAcl(p, ctx.registry.resolve);
    ctx.report.notes("permissions", p.id, notes);
    if (!acl.length) {
      ctx.report.skip("permissions", p.id, "no grant names a principal that exists in the secondary");
      continue;
    }
    // Keyed by the source id: a renamed object keeps its entry (and its grants).
    const b = bucketOf(p.id, buckets);
    const batch = batches.get(b) ?? { objects: {}, deps: new Set<pulumi.Resource>() };
    batches.set(b, batch);
    batch.objects[p.id] = {
      id: pulumi.output(target.value),
      acl: aclString(apiAcl(acl, ctx.registry.principalName)),
    };
    for (const r of ctx.registry.resourcesOf(acl.map((a) => a.principal))) batch.deps.add(r);
    if (target.resource) batch.deps.add(target.resource);
    ctx.report.replicated("permissions");
  }
  for (const [b, batch] of [...batches].sort(([a], [c]) => a - c))
    new AclBatch(
      resourceName("acls", `${type}:${bucketName(b, buckets)}`),
      { host: ctx.host, objectType: type, objects: batch.objects, snapshotRoot: ctx.snapshotRoot },
      { parent, dependsOn: [...batch.deps] },
    );
}

/** Last of all: after every object and principal an ACL names. */
export const PERMISSIONS_PROVISIONER: Provisioner<"permissions"> = {
  group: "permissions",
  order: 1,
  provision: provisionPermissions,
};
