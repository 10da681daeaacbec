import type { SecretKey } from "./workspace-state";

/**
 * Azure Key Vaults live outside every workspace: a Key Vault-backed scope lists the secrets of its vault.
 * One registry per process, so two emulated workspaces (the DR primary and secondary) whose scopes point at
 * the same vault see the same keys, as they do in Azure.
 */
const vaults = new Map<string, Map<string, SecretKey>>();

export function keyVault(resourceId: string): Map<string, SecretKey> {
  const id = resourceId.toLowerCase();
  let v = vaults.get(id);
  if (!v) vaults.set(id, (v = new Map()));
  return v;
}
