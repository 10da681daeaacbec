import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { CONFIG_NAMESPACE } from "../../components/config/schema";
import { ScopeCreatorAcl } from "../../components/dynamic/resources";
import {
  objectOptions,
  provisionEach,
  ReplicaContext,
  resourceName,
} from "../../components/workspace/context";
import { secretAclPrincipalKind, secretScopeArgs, secretValuesFor } from "./mapping";
import { SecretScopeDescriptor } from "./schema";

export function provisionSecretScopes(
  items: SecretScopeDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("secret-scope", items, ctx, parent, {
    map: (d) => secretScopeArgs(d),
    prefix: "scope",
    create: (name, args, opts) => new databricks.SecretScope(name, args, opts),
    value: (scope) => scope.name,
    label: (d) => d.name,
    then: (d, _args, scope) => {
      const written = [
        ...provisionSecretValues(d, scope, ctx, parent),
        ...provisionSecretAcls(d, scope, ctx, parent),
      ];
      // After the scope's secrets and grants: drop the creator's implicit MANAGE (scope-creator-acl-impl.ts).
      new ScopeCreatorAcl(
        resourceName("scope-creator-acl", d.name),
        { host: ctx.host, scope: scope.name, granted: grantedPrincipals(d, ctx) },
        { parent, dependsOn: [scope, ...written] },
      );
    },
  });
}

/** Principals of the scope's ACLs that exist in the secondary (a missing one is never named). */
function grantedPrincipals(d: SecretScopeDescriptor, ctx: ReplicaContext): string[] {
  return d.acls
    .filter((a) => {
      const kind = secretAclPrincipalKind(a.principal);
      return ctx.registry.get(kind, ctx.registry.sourceIdOf(kind, a.principal));
    })
    .map((a) => a.principal)
    .sort();
}

function provisionSecretValues(
  d: SecretScopeDescriptor,
  scope: databricks.SecretScope,
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): pulumi.Resource[] {
  const out: pulumi.Resource[] = [];
  const { present, missing } = secretValuesFor(d, ctx.settings.secretValues);
  for (const { key, configKey } of present) {
    // The value exists in clear only inside this Output, which is secret: state and logs hold ciphertext.
    const value = pulumi.secret(ctx.settings.secretValues.get(configKey)!.reveal());
    out.push(
      new databricks.Secret(
        resourceName("secret", `${d.name}/${key}`),
        { scope: scope.name, key, stringValue: value },
        objectOptions(ctx, parent),
      ),
    );
  }
  for (const key of missing)
    ctx.report.action(
      "secret-scope",
      d.id,
      `secret ${d.name}/${key} has no value: pulumi config set --secret --path '${CONFIG_NAMESPACE}:secrets.${d.name}.${key}' <value>`,
    );
  return out;
}

function provisionSecretAcls(
  d: SecretScopeDescriptor,
  scope: databricks.SecretScope,
  ctx: ReplicaContext,
  parent: pulumi.Resource,
): pulumi.Resource[] {
  const out: pulumi.Resource[] = [];
  for (const acl of d.acls) {
    const kind = secretAclPrincipalKind(acl.principal);
    // A group by its displayName (what the secrets API names), found by its source id.
    const r = ctx.registry.get(kind, ctx.registry.sourceIdOf(kind, acl.principal));
    if (!r) {
      ctx.report.action(
        "secret-scope",
        d.id,
        `${acl.permission} for ${acl.principal} not applied: ${ctx.registry.whyMissing(kind, acl.principal)}`,
      );
      continue;
    }
    out.push(
      new databricks.SecretAcl(
        resourceName("secret-acl", `${d.name}/${acl.principal}`),
        { scope: scope.name, principal: r.value, permission: acl.permission },
        objectOptions(ctx, parent, { dependsOn: r.resource ? [r.resource] : [] }),
      ),
    );
  }
  return out;
}

/** After jobs (the secrets group): the scopes, their values from config and their ACLs. */
export const SECRET_SCOPE_PROVISIONER: Provisioner<"secret-scope"> = {
  group: "secrets",
  order: 1,
  provision: provisionSecretScopes,
};
