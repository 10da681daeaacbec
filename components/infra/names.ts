import { createHash } from "node:crypto";

/**
 * Azure names from the configured prefix. The storage account name is global across Azure and only
 * [a-z0-9]{3,24}: the prefix's letters and digits plus a short hash of the stack, unless configured.
 */
export function infraNames(prefix: string, uniqueSeed: string, storageAccount?: string) {
  const hash = createHash("sha256").update(uniqueSeed).digest("hex").slice(0, 6);
  const compact = prefix.replace(/[^a-z0-9]/g, "").slice(0, 24 - 2 - hash.length);
  return {
    resourceGroup: `${prefix}-rg`,
    managedResourceGroup: `${prefix}-managed-rg`,
    nsg: `${prefix}-nsg`,
    vnet: `${prefix}-vnet`,
    publicSubnet: `${prefix}-public`,
    privateSubnet: `${prefix}-private`,
    workspace: `${prefix}-ws`,
    storageAccount: storageAccount ?? `${compact}sa${hash}`,
  };
}
