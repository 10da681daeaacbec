import * as databricks from "@pulumi/databricks";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "../config/schema";
import { mountArgs } from "../mapping/mounts";
import { objectOptions, ReplicaContext, resourceName } from "./context";

/** Mounts from config (there is no API to read them from the primary), on this region's storage. */
export function provisionMounts(ctx: ReplicaContext, parent: pulumi.Resource) {
  const { mounts, mountAuth } = ctx.settings;
  if (!mounts.length || !mountAuth) return;
  const scopeDescriptor = ctx.kept["secret-scope"].find((s) => s.name === mountAuth.secretScope);
  const scope = scopeDescriptor && ctx.registry.get("secret-scope", scopeDescriptor.id);
  if (!scope)
    ctx.report.action(
      "mount",
      mountAuth.secretScope,
      `the secret scope of mountAuth is not replicated: create ${mountAuth.secretScope}/${mountAuth.secretKey} before the mounts can work`,
    );
  else if (!ctx.settings.secretValues.has(`${mountAuth.secretScope}/${mountAuth.secretKey}`))
    ctx.report.action(
      "mount",
      mountAuth.secretScope,
      `mountAuth's secret ${mountAuth.secretScope}/${mountAuth.secretKey} has no value in ${CONFIG_NAMESPACE}:secrets`,
    );
  for (const mount of mounts) {
    const m = mountArgs(mount, mountAuth, ctx.storageAccountName);
    if (!m.ok) {
      ctx.report.action("mount", mount.name, m.skip);
      continue;
    }
    new databricks.Mount(
      resourceName("mount", mount.name),
      m.args,
      objectOptions(ctx, parent, { dependsOn: scope?.resource ? [scope.resource] : [] }),
    );
  }
}
