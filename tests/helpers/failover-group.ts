/**
 * A failover group created in an emulator through the REST API as the reference documents it
 * (`POST /api/disaster-recovery/v1/accounts/{account_id}/failover-groups?failover_group_id=`, stable URLs
 * first), with plain fetch: the tests' own writer, sharing nothing with the code under test.
 */
import type { RunningEmulator } from "../../emulator";

export const ACCOUNT = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
export const PRIMARY_WS = "1234567890123456"; // eastus2 in the emulator's default account
export const SECONDARY_WS = "6543210987654321"; // centralus
export const GROUP = `accounts/${ACCOUNT}/failover-groups/sales-dr`;

export async function api(emu: RunningEmulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu.url}/api/disaster-recovery/v1/${path}`, {
    method,
    headers: { Authorization: `Bearer ${emu.token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The group the Managed DR stack config in these tests describes. */
export async function createGroup(
  emu: RunningEmulator,
  edit: (g: Record<string, unknown>) => void = () => {},
): Promise<Record<string, unknown>> {
  await api(emu, "POST", `accounts/${ACCOUNT}/stable-urls?stable_url_id=sales-url`, {
    initial_workspace_id: PRIMARY_WS,
  });
  const group: Record<string, unknown> = {
    regions: ["eastus2", "centralus"],
    initial_primary_region: "eastus2",
    workspace_sets: [
      {
        name: "sales",
        workspace_ids: [PRIMARY_WS, SECONDARY_WS],
        replicate_workspace_assets: true,
        stable_url_names: [`accounts/${ACCOUNT}/stable-urls/sales-url`],
      },
    ],
    unity_catalog_assets: {
      catalogs: [{ name: "main" }],
      data_replication_workspace_set: "sales",
      location_mappings: [
        {
          name: "main-ext",
          uri_by_region: [
            { region: "eastus2", uri: "abfss://data@saleseast.dfs.core.windows.net/main" },
            { region: "centralus", uri: "abfss://data@salescentral.dfs.core.windows.net/main" },
          ],
        },
      ],
    },
  };
  edit(group);
  return api(emu, "POST", `accounts/${ACCOUNT}/failover-groups?failover_group_id=sales-dr`, group);
}

/** The stack settings file of a secondary in Managed DR mode over that group (as `pulumi config set --path` writes it). */
export const STACK_YAML = `config:
  databricks-dr:role: secondary
  databricks-dr:location: centralus
  databricks-dr:snapshotPath: dr-snapshot/primary
  databricks-dr:managedDr:
    accountId: ${ACCOUNT}
    failoverGroup: sales-dr
    workspaceSet:
      name: sales
      primary:
        workspaceId: "${PRIMARY_WS}"
        region: eastus2
      secondary:
        workspaceId: "${SECONDARY_WS}"
        region: centralus
      replicateWorkspaceAssets: true
    unityCatalog:
      catalogs:
        - main
      locationMappings:
        - name: main-ext
          uris:
            eastus2: abfss://data@saleseast.dfs.core.windows.net/main
            centralus: abfss://data@salescentral.dfs.core.windows.net/main
    stableUrls:
      - sales-url
`;
