/**
 * Cluster policy libraries and policy families. Expectations from outside the code: the body is shaped as the
 * Cluster Policies API documents `policies/clusters/get` (libraries as the Libraries API `Library`), the
 * argument names from the provider's ClusterPolicyArgs declarations (node_modules/@pulumi/databricks), and
 * the round trip from what the workspace emulator stores.
 */
import { clusterPolicyArgs } from "../../../kinds/cluster-policy/mapping";
import { Resolver } from "../../../components/mapping/refs";
import { clusterPolicyExporter, normalizeClusterPolicy } from "../../../kinds/cluster-policy/exporter";
import { ExportContext } from "../../../exporters/types";
import { clusterPolicySchema } from "../../../kinds/cluster-policy/schema";
import { clientFor, emulator } from "../../exporter/helpers";
import { unknownProperties } from "../helpers/provider-types";

const resolve: Resolver = (ref) =>
  ref.id === "dbfs:/FileStore/jars/missing.jar" ? { missing: "not exported" } : { value: `sec(${ref.id})` };

const LIBRARIES = [
  { jar: "dbfs:/FileStore/jars/etl-utils.jar" },
  { whl: "/Volumes/main/libs/wheels/etl-1.0-py3-none-any.whl" },
  { pypi: { package: "great-expectations==0.18.8" } },
  { maven: { coordinates: "com.microsoft.azure:azure-eventhubs-spark_2.12:2.3.22", exclusions: ["x:y"] } },
];
const body = {
  policy_id: "E0631F5C0D00006E",
  name: "ETL with libraries",
  definition: JSON.stringify({ spark_version: { type: "fixed", value: "14.3.x-scala2.12" } }),
  libraries: LIBRARIES,
  created_at_timestamp: 1700000000000,
  creator_user_name: "admin@contoso.com",
  is_default: false,
};

describe("cluster policy libraries", () => {
  it("are kept in the descriptor as the API returns them", () => {
    const d = clusterPolicySchema.parse(normalizeClusterPolicy(body));
    expect(d.libraries).toEqual(LIBRARIES);
  });

  it("are provisioned in the provider's ClusterPolicyArgs shape, files remapped, volume paths by the storage map", () => {
    const d = clusterPolicySchema.parse(normalizeClusterPolicy(body));
    const m = clusterPolicyArgs(d, resolve, { storage: { catalogs: { main: "main_dr" } }, nodeTypes: {} });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.args.libraries).toEqual([
      { jar: "sec(dbfs:/FileStore/jars/etl-utils.jar)" },
      { whl: "/Volumes/main_dr/libs/wheels/etl-1.0-py3-none-any.whl" },
      { pypi: { package: "great-expectations==0.18.8" } },
      {
        maven: { coordinates: "com.microsoft.azure:azure-eventhubs-spark_2.12:2.3.22", exclusions: ["x:y"] },
      },
    ]);
    expect(unknownProperties(m.args, "ClusterPolicyArgs")).toEqual([]);
    expect(m.notes).toEqual([]);
  });

  it("an unmapped volume and a missing library file are manual actions naming the field", () => {
    const d = clusterPolicySchema.parse(
      normalizeClusterPolicy({
        ...body,
        libraries: [...LIBRARIES, { jar: "dbfs:/FileStore/jars/missing.jar" }],
      }),
    );
    const m = clusterPolicyArgs(d, resolve);
    expect(m.notes).toEqual([
      expect.stringMatching(/^libraries\[4\]\.jar references dbfs-file/),
      expect.stringMatching(
        /^libraries\[1\]\.whl "\/Volumes\/main\/.*catalog "main" is not in databricks-dr:storageMap/,
      ),
    ]);
  });

  it("a policy of a family sends the family and its overrides, not the merged definition", () => {
    // The provider: definition "Cannot be used with policyFamilyId"; overrides are merged into the family's.
    const overrides = JSON.stringify({ autotermination_minutes: { type: "fixed", value: 30, hidden: true } });
    const d = clusterPolicySchema.parse(
      normalizeClusterPolicy({
        policy_id: "0007A1B2C3D4E5F6",
        name: "Personal Compute (team)",
        policy_family_id: "personal-vm",
        policy_family_definition_overrides: overrides,
        definition: JSON.stringify({
          "spark_conf.spark.databricks.cluster.profile": { type: "fixed", value: "singleNode", hidden: true },
          autotermination_minutes: { type: "fixed", value: 30, hidden: true },
        }),
      }),
    );
    const m = clusterPolicyArgs(d, resolve);
    expect(m.ok && m.args).toEqual({
      name: "Personal Compute (team)",
      policyFamilyId: "personal-vm",
      policyFamilyDefinitionOverrides: overrides,
    });
  });

  it("a pool fixed in a family policy's overrides is remapped there", () => {
    const d = clusterPolicySchema.parse(
      normalizeClusterPolicy({
        policy_id: "P2",
        name: "fam",
        policy_family_id: "job-cluster",
        policy_family_definition_overrides: JSON.stringify({
          instance_pool_id: { type: "fixed", value: "pool-1" },
        }),
      }),
    );
    const m = clusterPolicyArgs(d, resolve);
    expect(m.ok && JSON.parse(m.args.policyFamilyDefinitionOverrides as string)).toEqual({
      instance_pool_id: { type: "fixed", value: "sec(pool-1)" },
    });
  });

  it("survive an export from a workspace (the emulator stores what policies/clusters/create was given)", async () => {
    const emu = await emulator();
    try {
      const client = clientFor(emu);
      const { policy_id } = await client.post<{ policy_id: string }>("/api/2.0/policies/clusters/create", {
        name: "with libs",
        definition: body.definition,
        libraries: LIBRARIES,
      });
      const ctx = { client } as unknown as ExportContext;
      const listed = (await clusterPolicyExporter.list(ctx)) as { id: string }[];
      const item = listed.find((l) => l.id === policy_id)!;
      const d = clusterPolicySchema.parse(await clusterPolicyExporter.read(ctx, item as never));
      expect(d.libraries).toEqual(LIBRARIES);
    } finally {
      await emu.close();
    }
  });
});
