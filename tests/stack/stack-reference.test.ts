/**
 * The stacks know each other: with databricks-dr:primaryStack the secondary reads the primary stack's
 * outputs through a StackReference (Pulumi's mocks serve `pulumi:pulumi:StackReference`), so its preview
 * needs no value copied by hand; a missing output is one error naming the output and the stack; a value set
 * both ways must agree; and what the primary role exports is exactly what the secondary reads.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../../components/config/parse";
import { runProgram, StackOutputs } from "../../components/program";
import { sampleWorld } from "../helpers/sample-world";

const PRIMARY_STACK = "contoso/databricks-dr/primary";
/** Written here from the list (workspace URL and resource id, storage account, region), not from the code. */
const PRIMARY = {
  role: "primary",
  workspaceUrl: "https://adb-1111111111111111.11.azuredatabricks.net",
  workspaceResourceId:
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/dbdr-primary-rg/providers/Microsoft.Databricks/workspaces/dbdr-primary-ws",
  workspaceId: "1111111111111111",
  location: "eastus2",
  storageAccountName: "dbdrprimarysa0a1b2c",
};

interface World {
  types: string[];
  refs: { name: string; inputs: Record<string, unknown> }[];
}

/** Mocks: the StackReference answers `outputs`; the primary's workspace gets a URL; the rest echo inputs. */
async function mocks(outputs: Record<string, unknown>, stack = "secondary", preview = true): Promise<World> {
  const world: World = { types: [], refs: [] };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        world.types.push(args.type);
        if (args.type === "pulumi:pulumi:StackReference") {
          world.refs.push({ name: args.name, inputs: args.inputs });
          return { id: String(args.inputs.name), state: { ...args.inputs, outputs, secretOutputNames: [] } };
        }
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "azure-native:databricks:Workspace") {
          state.workspaceUrl = "adb-2222222222222222.7.azuredatabricks.net";
          return {
            id: `/subscriptions/s/resourceGroups/${String(args.inputs.resourceGroupName)}/providers/Microsoft.Databricks/workspaces/${String(args.inputs.workspaceName)}`,
            state,
          };
        }
        if (args.type === "azure-native:storage:StorageAccount") state.name = args.inputs.accountName;
        return { id: args.custom === false ? undefined : `${args.name}-id`, state };
      },
      call: (args) =>
        args.token.startsWith("azuread:") ? { users: [], servicePrincipals: [] } : args.inputs,
    },
    "databricks-dr",
    stack,
    preview,
  );
  return world;
}

const value = <T>(x: pulumi.Input<T> | undefined): Promise<T | undefined> =>
  new Promise((resolve) => pulumi.output(x).apply((v) => resolve(v as T | undefined)));
/** Every registration of the previous program answered before the mocks change. */
const settle = () => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
afterEach(() => settle().catch(() => undefined));

function secondary(values: Record<string, string | undefined> = {}) {
  return parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    // As Pulumi.secondary.yaml holds it, plus primaryStack: nothing of the primary's is copied.
    values: {
      role: "secondary",
      location: "westus",
      namePrefix: "dbdr-secondary",
      snapshotPath: sampleWorld().write(),
      checkEntraId: "false",
      ...(values.primaryStack === undefined && "primaryStack" in values
        ? {}
        : { primaryStack: PRIMARY_STACK }),
      ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
    } as Record<string, string>,
  });
}

it("previews the secondary from the primary stack's outputs alone, read through one StackReference", async () => {
  const world = await mocks(PRIMARY);
  const out = await runProgram(secondary());
  expect(world.refs).toEqual([
    { name: "primary-stack", inputs: expect.objectContaining({ name: PRIMARY_STACK }) },
  ]);
  const p = out.primary!;
  expect(p).toMatchObject({ stack: PRIMARY_STACK, ...PRIMARY });
  for (const k of ["workspaceUrl", "workspaceResourceId", "storageAccountName", "location"] as const)
    expect(p.from[k]).toBe("stack");
  // The sample snapshot was exported from PRIMARY.workspaceUrl: nothing to check by hand.
  expect(out.manualActions.filter((a) => a.kind === "snapshot")).toEqual([]);
  await settle();
  expect(world.types).toContain("azure-native:databricks:Workspace");
});

it("stops on a missing output with one error naming the output and the primary stack, registering nothing else", async () => {
  const { workspaceResourceId: _gone, ...rest } = PRIMARY;
  const world = await mocks(rest);
  await expect(runProgram(secondary())).rejects.toThrow(
    `databricks-dr:primaryStack: stack ${PRIMARY_STACK} has no output "workspaceResourceId"`,
  );
  expect(world.types.filter((t) => t !== "pulumi:pulumi:StackReference")).toEqual([]);
});

it("refuses a stack that is not a primary (role output), naming the output and the stack", async () => {
  await mocks({ ...PRIMARY, role: "secondary" });
  await expect(runProgram(secondary())).rejects.toThrow(
    `databricks-dr:primaryStack: output "role" of stack ${PRIMARY_STACK} must be "primary"`,
  );
});

it("keeps hand-set values as overrides: an agreeing one is fine, a differing one names both sides", async () => {
  await mocks(PRIMARY);
  const agree = await runProgram(
    secondary({ primary: JSON.stringify({ storageAccountName: PRIMARY.storageAccountName }) }),
  );
  expect(agree.primary?.storageAccountName).toBe(PRIMARY.storageAccountName);
  await settle();
  await mocks(PRIMARY);
  const run = runProgram(secondary({ primary: JSON.stringify({ storageAccountName: "otheraccount01" }) }));
  await expect(run).rejects.toThrow(
    /^databricks-dr:primary\.storageAccountName: "otheraccount01" differs from/,
  );
  await expect(run).rejects.toThrow(
    `output "storageAccountName" of stack ${PRIMARY_STACK} (databricks-dr:primaryStack)`,
  );
});

it("without primaryStack, the hand-set values stand in for the outputs (no StackReference)", async () => {
  const world = await mocks({});
  const out = await runProgram(
    secondary({ primaryStack: undefined, primary: JSON.stringify({ workspaceUrl: PRIMARY.workspaceUrl }) }),
  );
  expect(world.refs).toEqual([]);
  expect(out.primary).toMatchObject({ workspaceUrl: PRIMARY.workspaceUrl, from: { workspaceUrl: "config" } });
});

it("refuses a secondary in the primary's region, naming the output it came from", async () => {
  await mocks(PRIMARY);
  await expect(runProgram(secondary({ location: "eastus2" }))).rejects.toThrow(
    `databricks-dr:location: eastus2 is the primary's region too (output "location" of stack ${PRIMARY_STACK})`,
  );
});

it("lists a snapshot exported from another workspace than the primary stack's as a manual action", async () => {
  await mocks({ ...PRIMARY, workspaceUrl: "https://adb-3333333333333333.3.azuredatabricks.net" });
  const out = await runProgram(secondary({}));
  const a = out.manualActions.find((x) => x.kind === "snapshot");
  expect(a?.action).toMatch(
    /^exported from https:\/\/adb-1111111111111111\.11\.azuredatabricks\.net, not from/,
  );
});

it("the primary role exports every output the secondary reads, and the secondary accepts them as they are", async () => {
  await mocks({}, "primary");
  const primaryOut: StackOutputs = await runProgram(
    parseStackConfig({
      project: "databricks-dr",
      stack: "primary",
      values: { role: "primary", location: "eastus2", namePrefix: "dbdr-primary" },
    }),
  );
  const exported: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(primaryOut)) exported[k] = await value(v as pulumi.Input<unknown>);
  // The list: workspace URL and resource id, storage account, region (+ the role, the numeric id).
  expect(exported).toMatchObject({
    role: "primary",
    workspaceUrl: "https://adb-2222222222222222.7.azuredatabricks.net",
    workspaceResourceId: expect.stringMatching(
      /\/providers\/Microsoft\.Databricks\/workspaces\/dbdr-primary-ws$/,
    ),
    workspaceId: "2222222222222222",
    storageAccountName: expect.stringMatching(/^dbdrprimarysa[0-9a-f]{6}$/),
    location: "eastus2",
  });
  await settle();
  const world = await mocks(exported);
  const out = await runProgram(secondary());
  expect(world.refs).toHaveLength(1);
  expect(out.primary).toMatchObject({
    workspaceUrl: exported.workspaceUrl,
    workspaceResourceId: exported.workspaceResourceId,
    storageAccountName: exported.storageAccountName,
    location: "eastus2",
  });
});

it("refuses primaryStack on the primary and a primaryStack naming the secondary itself", () => {
  expect(() =>
    parseStackConfig({
      project: "databricks-dr",
      stack: "primary",
      values: { role: "primary", location: "eastus2", primaryStack: "org/databricks-dr/other" },
    }),
  ).toThrow("databricks-dr:primaryStack: is set on the secondary stack only");
  expect(() => secondary({ primaryStack: "contoso/databricks-dr/secondary" })).toThrow(
    "databricks-dr:primaryStack: names this stack (secondary)",
  );
});
