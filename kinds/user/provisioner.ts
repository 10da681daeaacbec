import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { bucketCount } from "../../components/mapping/batching";
import {
  holdObject,
  objectOptions,
  ReplicaContext,
  resourceName,
  skipObject,
} from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { scimBatches, usersInEntra } from "../../components/workspace/identities";
import { userArgs } from "./mapping";
import { UserDescriptor } from "./schema";

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

export const USER_PROVISIONER: Provisioner<"user"> = {
  group: "identities",
  order: 1,
  provision: provisionUsers,
};
