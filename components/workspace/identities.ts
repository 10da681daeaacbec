import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import * as azuread from "@pulumi/azuread";
import { GroupDescriptor, ServicePrincipalDescriptor, UserDescriptor } from "../../kinds/identities";
import {
  BUILTIN_GROUPS,
  groupArgs,
  groupMarker,
  servicePrincipalArgs,
  userArgs,
} from "../mapping/identities";
import { bucketCount, bucketName, bucketOf } from "../mapping/batching";
import type { PrincipalSpec } from "../dynamic/identity-sync-impl";
import {
  GroupBatch,
  GroupMembers,
  MembershipBatch,
  MembershipBatchArgs,
  UserBatch,
} from "../dynamic/resources";
import {
  holdObject,
  invokeOptions,
  objectOptions,
  ReplicaContext,
  resourceName,
  skipObject,
} from "./context";

/** Entra ID lookups go in chunks: one invoke per chunk instead of one per identity. */
const ENTRA_CHUNK = 500;

/** The ids (lower-cased) that `lookup` finds, asked one chunk at a time. */
async function foundInChunks(
  ids: string[],
  lookup: (chunk: string[]) => Promise<string[]>,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += ENTRA_CHUNK)
    for (const id of await lookup(ids.slice(i, i + ENTRA_CHUNK))) found.add(id.toLowerCase());
  return found;
}

/**
 * Users that exist in Entra ID (lower-cased). Looked up by UPN, then by mail for the rest (guests have a
 * #EXT# UPN but sign in to Databricks with their mail). `ignoreMissing` makes a missing user an absent row,
 * not a failed run.
 */
export function usersInEntra(names: string[]): Promise<Set<string>> {
  return foundInChunks(names, async (chunk) => {
    const byUpn = await azuread.getUsers({ userPrincipalNames: chunk, ignoreMissing: true });
    const upns = (byUpn.users ?? []).map((u) => u.userPrincipalName);
    const seen = new Set(upns.map((u) => u.toLowerCase()));
    const rest = chunk.filter((n) => !seen.has(n.toLowerCase()));
    if (!rest.length) return upns;
    const byMail = await azuread.getUsers({ mails: rest, ignoreMissing: true });
    return [...upns, ...(byMail.users ?? []).flatMap((u) => (u.mail ? [u.mail] : []))];
  });
}

export function servicePrincipalsInEntra(appIds: string[]): Promise<Set<string>> {
  return foundInChunks(appIds, async (chunk) => {
    const res = await azuread.getServicePrincipals({ clientIds: chunk, ignoreMissing: true });
    return (res.servicePrincipals ?? []).map((sp) => sp.clientId);
  });
}

export async function provisionUsers(items: UserDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  const { report, registry, settings } = ctx;
  report.seen("user", items.length);
  const inEntra = settings.checkEntraId ? await usersInEntra(items.map((u) => u.userName)) : undefined;
  const present: UserDescriptor[] = [];
  for (const u of items) {
    if (inEntra && !inEntra.has(u.userName.toLowerCase())) {
      const reason = "not found in Entra ID: add the user there (or remove it from the primary), then re-run";
      report.skip("user", u.id, reason);
      registry.missing("user", u.id, "not in Entra ID");
      continue;
    }
    present.push(u);
  }
  if (present.length <= settings.granularity.usersPerObjectMax) {
    for (const u of present) {
      const m = userArgs(u);
      if (!m.ok) {
        skipObject(ctx, "user", u.id, m.skip);
        continue;
      }
      // Never deleted by the provider: a user leaving this resource may be a batch's now; the prune ledger
      // deletes it once it left the snapshot.
      const user = new databricks.User(
        resourceName("user", u.id),
        m.args,
        objectOptions(ctx, parent, { retainOnDelete: true }),
      );
      holdObject(ctx, "user", u.id, user, user.id);
      registry.set("user", u.id, {
        resource: user,
        value: user.userName,
        scimId: user.id,
        label: u.userName,
      });
      report.replicated("user");
      report.notes("user", u.id, m.notes);
    }
    return;
  }
  // Above the threshold: batches, each user's batch fixed by its source id so batches stay stable.
  scimBatches(
    "users",
    present,
    bucketCount(settings.granularity.usersPerObjectMax, settings.granularity.userBatchSize),
    ctx,
    parent,
    (u) => ({
      name: u.userName,
      ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
      active: u.active,
      ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
      entitlements: [...u.entitlements].sort(),
    }),
  );
  for (const u of present)
    if (u.roles.length) report.action("user", u.id, `roles ${u.roles.join(", ")} do not exist on Azure`);
}

/** Users or groups in `buckets` batches by a hash of their source id; registers each in the registry. */
function scimBatches<D extends { id: string }>(
  kind: "users" | "groups",
  items: D[],
  buckets: number,
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  specOf: (d: D) => PrincipalSpec,
): void {
  const byBatch = new Map<number, D[]>();
  for (const d of items) {
    const b = bucketOf(d.id, buckets);
    byBatch.set(b, [...(byBatch.get(b) ?? []), d]);
  }
  const Batch = kind === "users" ? UserBatch : GroupBatch;
  const registryKind = kind === "users" ? "user" : "group";
  for (const [b, members] of [...byBatch].sort(([x], [y]) => x - y)) {
    const principals: Record<string, PrincipalSpec> = {};
    for (const d of members) principals[d.id] = specOf(d);
    const name = bucketName(b, buckets);
    const batch = new Batch(
      `${kind}:${name}`,
      { host: ctx.host, batch: name, principals, prune: ctx.settings.prune, snapshotRoot: ctx.snapshotRoot },
      { parent },
    );
    for (const d of members) {
      const key = principals[d.id].name;
      ctx.registry.set(registryKind, d.id, {
        resource: batch,
        // The name, carried as an output of the batch (a reference depends on the batch).
        value: batch.ids.apply(() => key),
        scimId: batch.ids.apply((ids) => ids?.[d.id]),
        label: key,
      });
      ctx.report.replicated(registryKind);
    }
  }
}

export async function provisionServicePrincipals(
  items: ServicePrincipalDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  const { report, registry, settings } = ctx;
  report.seen("service-principal", items.length);
  const inEntra = settings.checkEntraId
    ? await servicePrincipalsInEntra(items.map((s) => s.applicationId))
    : undefined;
  for (const sp of items) {
    if (inEntra && !inEntra.has(sp.applicationId.toLowerCase())) {
      report.skip(
        "service-principal",
        sp.id,
        "application not found in Entra ID (a Databricks-managed principal, or deleted): create it, then re-run",
      );
      registry.missing("service-principal", sp.id, "not in Entra ID");
      continue;
    }
    const m = servicePrincipalArgs(sp);
    if (!m.ok) {
      skipObject(ctx, "service-principal", sp.id, m.skip);
      continue;
    }
    const r = new databricks.ServicePrincipal(resourceName("sp", sp.id), m.args, objectOptions(ctx, parent));
    registry.set("service-principal", sp.id, {
      resource: r,
      value: r.applicationId,
      scimId: r.id,
      label: sp.displayName ?? sp.applicationId,
    });
    report.replicated("service-principal");
    report.notes("service-principal", sp.id, m.notes);
  }
}

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
