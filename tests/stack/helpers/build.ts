import { parseStackConfig } from "../../../components/config/parse";
import { runProgram, StackOutputs } from "../../../components/program";
import { installMocks, MockOptions, MockWorld, settle } from "./mocks";

/** The value the stack's config gives the secret etl/db-password (a key the sample seed's scope `etl` holds). */
export const SECRET_DB_PASSWORD = "s3cr3t-db-password-value";

/** Config values as `pulumi config` would hold them for a secondary built from `snapshotPath`. */
export function secondaryValues(
  snapshotPath: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    role: "secondary",
    location: "westus",
    snapshotPath,
    storageSku: "Standard_RAGRS",
    secrets: JSON.stringify({ etl: { "db-password": SECRET_DB_PASSWORD } }),
    ...extra,
  };
}

/** Mocks, config parsing and the whole program, until every registration has settled. */
export async function buildStack(
  values: Record<string, string>,
  mockOptions: MockOptions = {},
): Promise<{ world: MockWorld; outputs: StackOutputs }> {
  const world = await installMocks({
    missingUsers: ["ghost@contoso.com"],
    missingServicePrincipals: ["22222222-2222-4222-8222-222222222222"],
    ...mockOptions,
  });
  const config = parseStackConfig({
    project: "databricks-dr",
    stack: mockOptions.stack ?? "secondary",
    values,
    secretKeys: new Set(["secrets"]),
  });
  const outputs = await runProgram(config);
  await settle();
  return { world, outputs };
}
