/**
 * Managed DR's workspace set needs no primary typed by hand when primaryStack is set: the failover group
 * and stable URLs take the primary's workspace id and region from the primary stack's outputs (served by
 * Pulumi's mocks as a StackReference, as tests/stack/stack-reference.test.ts does). A hand value stays an
 * override that must agree; with neither, one error names the key.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../../components/config/parse";
import { runProgram } from "../../components/program";
import { sampleWorld } from "../helpers/sample-world";

const PRIMARY_STACK = "contoso/databricks-dr/primary";
/** The primary stack's outputs, written here (not from the code). */
const PRIMARY = {
  role: "primary",
  workspaceUrl: "https://adb-1111111111111111.11.azuredatabricks.net",
  workspaceResourceId:
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/dbdr-primary-rg/providers/Microsoft.Databricks/workspaces/dbdr-primary-ws",
  workspaceId: "1111111111111111",
  location: "eastus2",
  storageAccountName: "dbdrprimarysa0a1b2c",
};
const FG = "databricks:index/disasterRecoveryFailoverGroup:DisasterRecoveryFailoverGroup";
const SU = "databricks:index/disasterRecoveryStableUrl:DisasterRecoveryStableUrl";

type Registered = { type: string; inputs: Record<string, unknown> };

async function mocks(outputs: Record<string, unknown>): Promise<Registered[]> {
  const seen: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        seen.push({ type: args.type, inputs: args.inputs });
        if (args.type === "pulumi:pulumi:StackReference")
          return { id: String(args.inputs.name), state: { ...args.inputs, outputs, secretOutputNames: [] } };
        return { id: `${args.name}-id`, state: { ...args.inputs } };
      },
      call: (args) => args.inputs,
    },
    "databricks-dr",
    "secondary",
    true,
  );
  return seen;
}
const settle = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
afterEach(() => settle().catch(() => undefined));

const block = (primary?: { workspaceId: string; region: string }) => ({
  accountId: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
  failoverGroup: "sales-dr",
  workspaceSet: {
    name: "sales",
    ...(primary ? { primary } : {}),
    secondary: { workspaceId: "2222222222222222", region: "westus" },
  },
  unityCatalog: {
    catalogs: ["main"],
    locationMappings: [
      {
        name: "main-ext",
        uris: {
          eastus2: "abfss://data@saleseast.dfs.core.windows.net/main",
          westus: "abfss://data@saleswest.dfs.core.windows.net/main",
        },
      },
    ],
  },
  stableUrls: ["sales-url"],
});

function secondary(managedDr: unknown, withStack = true) {
  return parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: {
      role: "secondary",
      existingWorkspace: JSON.stringify({
        url: "https://adb-2222222222222222.2.azuredatabricks.net",
        resourceId:
          "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/ws2",
      }),
      location: "westus",
      snapshotPath: sampleWorld().write(),
      checkEntraId: "false",
      managedDr: JSON.stringify(managedDr),
      ...(withStack ? { primaryStack: PRIMARY_STACK } : {}),
    },
  });
}

const inputsOf = (seen: Registered[], type: string) =>
  seen.filter((r) => r.type === type).map((r) => r.inputs);

it("fills the workspace set's primary from the primary stack's outputs: group and stable URLs", async () => {
  const seen = await mocks(PRIMARY);
  await runProgram(secondary(block()));
  await settle();
  const [group] = inputsOf(seen, FG);
  expect(group).toMatchObject({
    initialPrimaryRegion: "eastus2",
    regions: ["eastus2", "westus"],
    workspaceSets: [expect.objectContaining({ workspaceIds: ["1111111111111111", "2222222222222222"] })],
  });
  expect(inputsOf(seen, SU)).toEqual([expect.objectContaining({ initialWorkspaceId: "1111111111111111" })]);
});

it("keeps a hand value that agrees; one that differs names both sides", async () => {
  const seen = await mocks(PRIMARY);
  await runProgram(secondary(block({ workspaceId: "1111111111111111", region: "eastus2" })));
  await settle();
  expect(inputsOf(seen, FG)).toHaveLength(1);
  await mocks(PRIMARY);
  await expect(
    runProgram(secondary(block({ workspaceId: "3333333333333333", region: "eastus2" }))),
  ).rejects.toThrow(
    `databricks-dr:managedDr.workspaceSet.primary.workspaceId: "3333333333333333" differs from output "workspaceId" of stack ${PRIMARY_STACK}`,
  );
});

it("without primaryStack nor a hand value, one error names the key and registers nothing", async () => {
  const seen = await mocks({});
  await expect(runProgram(secondary(block(), false))).rejects.toThrow(
    /^databricks-dr:managedDr\.workspaceSet\.primary: has no workspaceId and region: set databricks-dr:primaryStack/,
  );
  expect(seen).toEqual([]);
});

it("checks the filled set as the schema does: the primary stack's workspace cannot be the secondary's", async () => {
  const seen = await mocks({ ...PRIMARY, workspaceId: "2222222222222222" });
  await expect(runProgram(secondary(block()))).rejects.toThrow(
    `databricks-dr:managedDr.workspaceSet.secondary.workspaceId: is the primary's workspace too (the primary's 2222222222222222 in eastus2 from stack ${PRIMARY_STACK})`,
  );
  expect(seen.map((r) => r.type)).toEqual(["pulumi:pulumi:StackReference"]);
});
