import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import type { MountConfig, StackConfig } from "../config/schema";
import { Mapping, skip } from "./refs";

/** A mount from config, re-pointed to this region's storage account (ABFS with a service principal). */
export function mountArgs(
  m: MountConfig,
  auth: NonNullable<StackConfig["mountAuth"]>,
  regionStorageAccount: pulumi.Input<string> | undefined,
): Mapping<databricks.MountArgs> {
  const account = m.storageAccount ?? regionStorageAccount;
  if (!account) return skip("no storage account: set mounts[].storageAccount");
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
