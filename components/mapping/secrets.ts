import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import { PrincipalKind } from "../../kinds/common";
import { SecretScopeDescriptor } from "../../kinds/secrets";
import type { MountConfig, StackConfig } from "../config/schema";
import { Mapping } from "./refs";

export function secretScopeArgs(d: SecretScopeDescriptor): Mapping<databricks.SecretScopeArgs> {
  if (d.backend === "AZURE_KEYVAULT") {
    if (!d.keyVault) return skip0("Key Vault-backed scope without keyvault metadata in the snapshot");
    return {
      ok: true,
      args: {
        name: d.name,
        keyvaultMetadata: { resourceId: d.keyVault.resourceId, dnsName: d.keyVault.dnsName },
      },
      notes: [
        `Key Vault-backed: values stay in ${d.keyVault.dnsName}; make sure that vault survives the primary region (or point the scope at a vault in this region)`,
      ],
    };
  }
  return { ok: true, args: { name: d.name }, notes: [] };
}

function skip0<A>(reason: string): Mapping<A> {
  return { ok: false, skip: reason, notes: [] };
}

/** Which keys get a value from config, and which are missing (reported, never invented). */
export function secretValuesFor(
  d: SecretScopeDescriptor,
  values: StackConfig["secretValues"],
): { present: { key: string; configKey: string }[]; missing: string[] } {
  if (d.backend === "AZURE_KEYVAULT") return { present: [], missing: [] };
  const present: { key: string; configKey: string }[] = [];
  const missing: string[] = [];
  for (const key of d.keys) {
    const configKey = `${d.name}/${key}`;
    if (values.has(configKey)) present.push({ key, configKey });
    else missing.push(key);
  }
  return { present, missing };
}

/** The secret-ACL principal is a bare name: a user name, a group name or an application id. */
export function secretAclPrincipalKind(principal: string): PrincipalKind {
  if (principal.includes("@")) return "user";
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(principal))
    return "service-principal";
  return "group";
}

/** A mount from config, re-pointed to this region's storage account (ABFS with a service principal). */
export function mountArgs(
  m: MountConfig,
  auth: NonNullable<StackConfig["mountAuth"]>,
  regionStorageAccount: pulumi.Input<string> | undefined,
): Mapping<databricks.MountArgs> {
  const account = m.storageAccount ?? regionStorageAccount;
  if (!account) return skip0("no storage account: set mounts[].storageAccount");
  return {
    ok: true,
    args: {
      name: m.name,
      abfs: {
        containerName: m.container,
        storageAccountName: account,
        directory: m.directory,
        clientId: auth.clientId,
        tenantId: auth.tenantId,
        clientSecretScope: auth.secretScope,
        clientSecretKey: auth.secretKey,
        initializeFileSystem: false,
      },
    },
    notes: [],
  };
}
