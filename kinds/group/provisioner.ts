import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { bucketCount, bucketName, bucketOf } from "../../components/mapping/batching";
import {
  holdObject,
  invokeOptions,
  objectOptions,
  ReplicaContext,
  resourceName,
  skipObject,
} from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { GroupMembers, MembershipBatch, MembershipBatchArgs } from "../../components/dynamic/resources";
import { BUILTIN_GROUPS } from "../../components/mapping/identities";
import { scimBatches } from "../../components/workspace/identities";
import { groupArgs, groupMarker } from "./mapping";
import { GroupDescriptor } from "./schema";

export async function provisionGroups(
  items: GroupDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  const { report, registry } = ctx;
  report.seen("group", items.length);
  // Every group first, so nested membership can name any of them.
  const custom = items.filter((g) => !BUILTIN_GROUPS.has(g.displayName));
  const batched = custom.length > ctx.settings.granularity.groupsPerObjectMax;
  if (batched)
    scimBatches(
      "groups",
      custom,
      bucketCount(ctx.settings.granularity.groupsPerObjectMax, ctx.settings.granularity.groupBatchSize),
      ctx,
      parent,
      (g) => ({
        name: g.displayName,
        // Keyed by source id (the primary's SCIM id): a rename patches the name; the marker finds it again.
        externalId: groupMarker(g),
        entitlements: [...g.entitlements].sort(),
      }),
    );
  for (const g of items) {
    if (batched && !BUILTIN_GROUPS.has(g.displayName)) {
      if (g.roles.length) report.action("group", g.id, `roles ${g.roles.join(", ")} do not exist on Azure`);
      continue;
    }
    if (BUILTIN_GROUPS.has(g.displayName)) {
      // admins and users exist in every workspace: looked up, never created.
      const found = databricks.getGroupOutput({ displayName: g.displayName }, invokeOptions(ctx, parent));
      registry.set("group", g.id, { value: g.displayName, scimId: found.id, label: g.displayName });
      report.replicated("group");
      if (g.entitlements.length)
        report.action(
          "group",
          g.id,
          `built-in group: check its entitlements (${g.entitlements.join(", ")}) by hand`,
        );
      continue;
    }
    const m = groupArgs(g);
    if (!m.ok) {
      skipObject(ctx, "group", g.id, m.skip);
      continue;
    }
    const r = new databricks.Group(
      resourceName("group", g.id),
      m.args,
      objectOptions(ctx, parent, { retainOnDelete: true }),
    );
    holdObject(ctx, "group", g.id, r, r.id);
    registry.set("group", g.id, { resource: r, value: r.displayName, scimId: r.id, label: g.displayName });
    report.replicated("group");
    report.notes("group", g.id, m.notes);
  }
  // Members are held per group: a resource per group, or (groups batched) an entry per group in batches.
  const buckets = bucketCount(
    ctx.settings.granularity.groupsPerObjectMax,
    ctx.settings.granularity.groupBatchSize,
  );
  const memberships = new Map<
    number,
    { groups: MembershipBatchArgs["groups"]; deps: Set<pulumi.Resource> }
  >();
  for (const g of items) {
    const own = registry.get("group", g.id);
    if (!own || !g.members.length) continue;
    const members: Record<string, pulumi.Input<string>> = {};
    const deps: pulumi.Resource[] = own.resource ? [own.resource] : [];
    for (const m of g.members) {
      const r = registry.get(m.kind, m.id);
      if (!r?.scimId) {
        report.action(
          "group",
          g.id,
          `member ${m.kind} ${m.id} not added: ${registry.whyMissing(m.kind, m.id)}`,
        );
        continue;
      }
      members[`${m.kind}:${m.id}`] = r.scimId;
      if (r.resource) deps.push(r.resource);
    }
    if (!Object.keys(members).length) continue;
    if (batched) {
      const b = bucketOf(g.id, buckets);
      const batch = memberships.get(b) ?? { groups: {}, deps: new Set<pulumi.Resource>() };
      memberships.set(b, batch);
      batch.groups[g.id] = { groupId: own.scimId!, members };
      deps.forEach((d) => batch.deps.add(d));
      continue;
    }
    new GroupMembers(
      resourceName("members", g.id),
      { host: ctx.host, groupId: own.scimId!, members, prune: ctx.settings.prune },
      { parent, dependsOn: deps },
    );
  }
  for (const [b, batch] of [...memberships].sort(([x], [y]) => x - y))
    new MembershipBatch(
      `memberships:${bucketName(b, buckets)}`,
      { host: ctx.host, groups: batch.groups, prune: ctx.settings.prune },
      { parent, dependsOn: [...batch.deps] },
    );
}

/** After users and service principals: its members name them. */
export const GROUP_PROVISIONER: Provisioner<"group"> = {
  group: "identities",
  order: 3,
  provision: provisionGroups,
};
