/**
 * The stack's failover group, applied the way the provider would and then verified: the mapped
 * DisasterRecoveryStableUrl / DisasterRecoveryFailoverGroup arguments are turned back into REST bodies by
 * the round trip's declared-name inverse (roundtrip/api-body.ts, no stack code), created in the emulator
 * (which validates them as the API reference describes), read back, and checked by verify's own reading of
 * the same stack settings file. Stack, emulator and verify share nothing but the settings file.
 */
import { parse } from "yaml";
import { startEmulator } from "../../emulator";
import { parseStackConfig } from "../../components/config/parse";
import type { ManagedDrConfig } from "../../components/config/managed-dr";
import { failoverGroupArgs, stableUrlArgs } from "../../components/mapping/managed-dr";
import { apiBody, Inputs } from "../../roundtrip/api-body";
import { checkFailoverGroup, readManagedDrExpectation } from "../../verify/managed-dr";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { ACCOUNT, api, GROUP, STACK_YAML } from "../helpers/failover-group";

const FG = "databricks:index/disasterRecoveryFailoverGroup:DisasterRecoveryFailoverGroup";
const SU = "databricks:index/disasterRecoveryStableUrl:DisasterRecoveryStableUrl";
const ctx = useEmulator(() => startEmulator({ workspace: "empty" }), "test");

/** The settings file's managedDr block through the stack's own config parsing. */
function stackConfig(yaml = STACK_YAML) {
  const block = (parse(yaml) as { config: Record<string, unknown> }).config["databricks-dr:managedDr"];
  return parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: { role: "secondary", location: "centralus", snapshotPath: "s", managedDr: JSON.stringify(block) },
  }).managedDr! as ManagedDrConfig; // the file names the primary by hand
}

/** What the provider sends: ids in the query (`?stable_url_id=`, `?failover_group_id=`), parent in the path. */
async function apply(c: ReturnType<typeof stackConfig>, edit: (g: Inputs) => void = () => {}) {
  for (const a of stableUrlArgs(c))
    await api(
      ctx.emu,
      "POST",
      `accounts/${ACCOUNT}/stable-urls?stable_url_id=${a.stableUrlId}`,
      apiBody(SU, a as unknown as Inputs, { drop: ["parent", "stableUrlId"] }),
    );
  const body = apiBody(FG, failoverGroupArgs(c) as unknown as Inputs, {
    drop: ["parent", "failoverGroupId"],
  });
  edit(body);
  await api(
    ctx.emu,
    "POST",
    `accounts/${ACCOUNT}/failover-groups?failover_group_id=${c.failoverGroup}`,
    body,
  );
  return api(ctx.emu, "GET", GROUP);
}

it("the group the stack would create is accepted by the emulator and passes verify", async () => {
  const group = await apply(stackConfig());
  const r = checkFailoverGroup(readManagedDrExpectation(STACK_YAML)!, group);
  expect(r.differences).toEqual([]);
  expect(r.ok).toBe(true);
  // The location mapping reached the API under its REST name.
  expect(group.unity_catalog_assets).toMatchObject({
    location_mappings: [{ name: "main-ext", uri_by_region: expect.any(Array) }],
  });
});

it("a mapping that lost the stable URLs or the asset flag is caught by verify", async () => {
  const group = await apply(stackConfig(), (g) => {
    const set = (g.workspace_sets as Inputs[])[0];
    delete set.stable_url_names;
    set.replicate_workspace_assets = false;
  });
  const r = checkFailoverGroup(readManagedDrExpectation(STACK_YAML)!, group);
  expect(r.differences.map((d) => d.path).sort()).toEqual([
    "workspace_sets[sales].replicate_workspace_assets",
    "workspace_sets[sales].stable_url_names",
  ]);
});

it("a mapping that named the URIs under the provider's plural is refused by the emulator", async () => {
  await expect(
    apply(stackConfig(), (g) => {
      const m = ((g.unity_catalog_assets as Inputs).location_mappings as Inputs[])[0];
      m.uri_by_regions = m.uri_by_region;
      delete m.uri_by_region;
    }),
  ).rejects.toThrow(/400/);
});
