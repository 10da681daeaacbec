import type * as databricks from "@pulumi/databricks";
import { PrincipalKind } from "../common";
import type { StackConfig } from "../../components/config/schema";
import { Mapping, skip } from "../../components/mapping/refs";
import { SecretScopeDescriptor } from "./schema";

export function secretScopeArgs(d: SecretScopeDescriptor): Mapping<databricks.SecretScopeArgs> {
  if (d.backend === "AZURE_KEYVAULT") {
    if (!d.keyVault) return skip("Key Vault-backed scope without keyvault metadata in the snapshot");
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
