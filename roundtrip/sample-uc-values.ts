/**
 * The stack config a round trip of the emulator's `sample` needs for Unity Catalog: the empty secondary's
 * own regional metastore (unassigned until the stack assigns it), its access connector and workspace id
 * (emulator/README.md, seeds), and the storage map moving the sample's storage account to the secondary's
 * (as the README's Unity Catalog section shows it).
 */
import { SAMPLE_IDS } from "../emulator/seeds/sample";
import { SAMPLE_UC } from "../emulator/seeds/sample-uc";

export const PRIMARY_ACCOUNT = "stdrprimary";
export const SECONDARY_ACCOUNT = "stdrsecondary";

export function sampleUcValues(extra: Record<string, unknown> = {}): Record<string, string> {
  return {
    storageMap: JSON.stringify({ accounts: { [PRIMARY_ACCOUNT]: SECONDARY_ACCOUNT } }),
    unityCatalog: JSON.stringify({
      metastore: { mode: "existing", metastoreId: SAMPLE_UC.secondaryMetastoreId },
      accessConnectorId: SAMPLE_UC.secondaryAccessConnectorId,
      workspaceId: String(SAMPLE_UC.secondaryWorkspaceId),
      warehouse: SAMPLE_IDS.warehouse,
      ...extra,
    }),
  };
}
