import type { StackConfig } from "../config/schema";
import { workspaceIdFromUrl } from "../config/unity-catalog";
import { infraNames } from "../infra/names";
import type { RegionalInfrastructure } from "../infra/regional-infrastructure";
import { UnityCatalogAccess } from "../infra/unity-catalog-access";
import type { UnityCatalogSetup } from "./unity-catalog-state";

/**
 * Unity Catalog's inputs for the replica, from config and the region's infrastructure: with the stack's own
 * infrastructure, an access connector granted on its storage account (UnityCatalogAccess); with an existing
 * workspace, the configured connector and workspace id (config parsing has checked both are known).
 */
export function unityCatalogSetup(
  config: StackConfig,
  infra: RegionalInfrastructure | undefined,
): UnityCatalogSetup | undefined {
  const uc = config.unityCatalog;
  if (!uc) return undefined;
  const common = {
    config: uc,
    location: config.location,
    namePrefix: config.namePrefix,
    storageMap: config.storageMap,
    databricksAuthType: config.databricksAuthType,
  };
  if (!infra) {
    const url = config.existingWorkspace!.url;
    return {
      ...common,
      workspaceId: uc.workspaceId ?? workspaceIdFromUrl(url)!,
      accessConnectorId: uc.accessConnectorId!,
      secondaryStorageAccount: undefined,
    };
  }
  const access = new UnityCatalogAccess(
    "unity-catalog-access",
    {
      resourceGroupName: infra.resourceGroupName,
      location: config.location!,
      namePrefix: config.namePrefix,
      storageAccountId: infra.storageAccountId,
      tags: config.tags,
    },
    { parent: infra },
  );
  const uniqueSeed = `${config.project}/${config.stack}/${config.location}`;
  return {
    ...common,
    workspaceId: uc.workspaceId ?? infra.workspaceId,
    accessConnectorId: uc.accessConnectorId ?? access.accessConnectorId,
    secondaryStorageAccount: infraNames(config.namePrefix, uniqueSeed, config.storage.accountName)
      .storageAccount,
  };
}
