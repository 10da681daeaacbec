/** What the principal kinds' provisioners share: Entra ID lookups, SCIM batches (kinds/user/, group/, service-principal/). */
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { bucketName, bucketOf } from "../mapping/batching";
import type { PrincipalSpec } from "../dynamic/identity-sync-impl";
import { GroupBatch, UserBatch } from "../dynamic/resources";
import { ReplicaContext } from "./context";

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

/** Users or groups in `buckets` batches by a hash of their source id; registers each in the registry. */
export function scimBatches<D extends { id: string }>(
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
