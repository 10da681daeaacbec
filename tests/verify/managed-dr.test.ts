/**
 * verify and report in Managed DR mode: the failover group, created in the emulator through the REST API
 * as the reference documents it and read back from the emulator, checked against the stack config's
 * managedDr block. Each kind of drift (asset replication off, a catalog or a mapping missing, a stable URL
 * dropped, a group not ACTIVE, the primary moved while passive, no group at all) is an unexpected
 * difference; through the bin, verify exits 1 and the report shows Managed DR mode and what it covers.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { checkFailoverGroup, readManagedDrExpectation } from "../../verify/managed-dr";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { ACCOUNT, api, createGroup, GROUP, STACK_YAML } from "../helpers/failover-group";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { cleanEnv, ROOT, run } from "../cli/helpers";

afterAll(removeWrittenSnapshots);
const ctx = useEmulator(() => startEmulator({ workspace: "empty" }), "test");
const expectation = readManagedDrExpectation(STACK_YAML)!;
const read = () => api(ctx.emu, "GET", GROUP);

describe("the failover group against the stack config", () => {
  it("matches when the group is what the config asks for", async () => {
    await createGroup(ctx.emu);
    const r = checkFailoverGroup(expectation, await read());
    expect(r.differences).toEqual([]);
    expect(r).toMatchObject({ ok: true, state: "ACTIVE", effectivePrimaryRegion: "eastus2" });
    expect(r.covers).toEqual({
      workspaceAssets: true,
      catalogs: ["main"],
      locationMappings: ["main-ext"],
      stableUrls: ["sales-url"],
    });
  });

  describe("with the primary left to primaryStack (verify cannot read stack outputs)", () => {
    const noPrimary = STACK_YAML.replace(/\n {6}primary:\n {8}workspaceId: .*\n {8}region: .*/, "");
    it("checks the primary as the group's other workspace and says so", async () => {
      expect(noPrimary).not.toEqual(STACK_YAML);
      const e = readManagedDrExpectation(`${noPrimary}  databricks-dr:primaryStack: org/dr/primary\n`)!;
      expect(e.primaryKnown).toBe(false);
      await createGroup(ctx.emu);
      const r = checkFailoverGroup(e, await read());
      expect(r.differences).toEqual([]);
      expect(r.notes).toEqual([expect.stringMatching(/left to primaryStack/)]);
    });
    it("still sees the primary moved while passive", async () => {
      const e = readManagedDrExpectation(noPrimary)!;
      await createGroup(ctx.emu, (g) => (g.initial_primary_region = "centralus"));
      const r = checkFailoverGroup(e, await read());
      expect(r.differences.map((d) => d.path)).toContain("effective_primary_region");
    });
    it("takes the primary from databricks-dr:primary when it is set there", () => {
      const e = readManagedDrExpectation(
        `${noPrimary}  databricks-dr:primary:\n    workspaceId: "42"\n    location: eastus2\n`,
      )!;
      expect([e.primaryKnown, e.primary]).toEqual([true, { workspaceId: "42", region: "eastus2" }]);
    });
  });

  type G = Record<string, unknown> & {
    workspace_sets: Record<string, unknown>[];
    unity_catalog_assets: Record<string, unknown[]>;
  };
  it.each([
    [
      "workspace asset replication off",
      (g: G) => (g.workspace_sets[0].replicate_workspace_assets = false),
      "workspace_sets[sales].replicate_workspace_assets",
    ],
    [
      "a stable URL dropped",
      (g: G) => delete g.workspace_sets[0].stable_url_names,
      "workspace_sets[sales].stable_url_names",
    ],
    [
      "a catalog missing",
      (g: G) => (g.unity_catalog_assets.catalogs = [{ name: "other" }]),
      "unity_catalog_assets.catalogs",
    ],
    [
      "a location mapping with another URI",
      (g: G) =>
        ((
          g.unity_catalog_assets.location_mappings[0] as { uri_by_region: { uri: string }[] }
        ).uri_by_region[1].uri = "abfss://data@elsewhere.dfs.core.windows.net/main"),
      "unity_catalog_assets.location_mappings[main-ext]",
    ],
    [
      "no Unity Catalog replication at all",
      (g: G) => delete (g as Record<string, unknown>).unity_catalog_assets,
      "unity_catalog_assets.catalogs",
    ],
  ])("reports %s as an unexpected difference", async (_what, edit, pathName) => {
    await createGroup(ctx.emu, edit as unknown as (g: Record<string, unknown>) => void);
    const r = checkFailoverGroup(expectation, await read());
    expect(r.ok).toBe(false);
    expect(r.differences.map((d) => d.path)).toEqual([pathName]);
  });

  it("a group still in initial replication is not ready", async () => {
    ctx.emu.state.account.createMs = 60_000;
    await createGroup(ctx.emu);
    const r = checkFailoverGroup(expectation, await read());
    expect(r.differences).toEqual([{ path: "state", expected: "ACTIVE", actual: "CREATING" }]);
  });

  it("after a failover: wrong while passive, right when active", async () => {
    await createGroup(ctx.emu);
    const g = await read();
    await api(ctx.emu, "POST", `${GROUP}/failover`, {
      failover_type: "FORCED",
      target_primary_region: "centralus",
      etag: g.etag,
    });
    const after = await read();
    expect(checkFailoverGroup(expectation, after, "passive").differences).toEqual([
      { path: "effective_primary_region", expected: "eastus2", actual: "centralus" },
    ]);
    expect(checkFailoverGroup(expectation, after, "active").ok).toBe(true);
  });

  it("no group in the account is a difference, never a pass", () => {
    const r = checkFailoverGroup(expectation, undefined);
    expect(r.ok).toBe(false);
    expect(r.differences[0]).toMatchObject({
      path: "failover group",
      actual: "does not exist in the account",
    });
  });

  it("a group of another name or other workspaces is caught", async () => {
    await createGroup(ctx.emu);
    const g = await read();
    const other = {
      ...g,
      name: `accounts/${ACCOUNT}/failover-groups/other`,
      workspace_sets: [{ ...(g.workspace_sets as object[])[0], workspace_ids: ["1"] }],
    };
    expect(checkFailoverGroup(expectation, other).differences.map((d) => d.path)).toEqual([
      "name",
      "workspace_sets[sales].workspace_ids",
    ]);
  });
});

describe("through the bin", () => {
  const BIN = path.join(ROOT, "bin", "databricks-dr.js");
  const primary = sampleWorld().write();
  const secondary = replicaOf(sampleWorld()).write();

  async function cli(args: string[]) {
    const dir = tmpDir("mdr-");
    fs.writeFileSync(path.join(dir, "Pulumi.secondary.yaml"), STACK_YAML);
    const env = cleanEnv({ DATABRICKS_TOKEN: ctx.emu.token, DATABRICKS_ACCOUNT_HOST: ctx.emu.url });
    const r = await run(process.execPath, [BIN, ...args], { cwd: dir, env });
    return { ...r, dir };
  }
  const verify = (...extra: string[]) =>
    cli([
      "verify",
      "--primary",
      primary,
      "--secondary",
      secondary,
      "--stack-config",
      "Pulumi.secondary.yaml",
      ...extra,
    ]);

  it("verify passes with the group as configured and fails (exit 1) on drift, naming it", async () => {
    await createGroup(ctx.emu);
    const ok = await verify();
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toContain(`Managed DR failover group ${GROUP}: ACTIVE, primary eastus2`);
    expect(ok.stdout).toContain("matches the stack config");
    expect(ok.code).toBe(0);
    const g = await read();
    await api(ctx.emu, "PATCH", `${GROUP}?update_mask=workspace_sets`, {
      etag: g.etag,
      workspace_sets: [{ ...(g.workspace_sets as object[])[0], replicate_workspace_assets: false }],
    });
    const bad = await verify("--json");
    expect(bad.code).toBe(1);
    const out = JSON.parse(bad.stdout) as { ok: boolean; managedDr: { differences: { path: string }[] } };
    expect(out.ok).toBe(false);
    expect(out.managedDr.differences.map((d) => d.path)).toEqual([
      "workspace_sets[sales].replicate_workspace_assets",
    ]);
    expect(bad.stdout + bad.stderr).not.toContain(ctx.emu.token!);
  }, 60_000);

  it("verify without a group in the account exits 1", async () => {
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /failover group: expected .*sales-dr, the account has does not exist in the account/,
    );
  }, 60_000);

  it("report shows Managed DR mode, what it covers, and the group's check", async () => {
    await createGroup(ctx.emu);
    const r = await cli([
      "report",
      "--snapshot",
      primary,
      "--stack-config",
      "Pulumi.secondary.yaml",
      "--out",
      "rep",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const md = fs.readFileSync(path.join(r.dir, "rep", "report.md"), "utf8");
    expect(md).toContain("## Managed DR mode");
    expect(md).toContain(`| failover group | ${GROUP} (ACTIVE) |`);
    expect(md).toMatch(
      /replicated by Databricks \| notebooks, jobs, clusters, SQL warehouses and their ACLs; catalogs main/,
    );
    expect(md).toMatch(/Managed DR/);
    const html = fs.readFileSync(path.join(r.dir, "rep", "report.html"), "utf8");
    expect(html).toContain('<h2 id="managed-dr">Managed DR mode</h2>');
    expect(html).toContain(GROUP);
  }, 60_000);

  it("report fails its Managed DR check when the group has drifted", async () => {
    await createGroup(
      ctx.emu,
      (g) => ((g.workspace_sets as Record<string, unknown>[])[0].replicate_workspace_assets = false),
    );
    const r = await cli([
      "report",
      "--snapshot",
      primary,
      "--stack-config",
      "Pulumi.secondary.yaml",
      "--out",
      "rep",
    ]);
    expect(r.code).toBe(0);
    const md = fs.readFileSync(path.join(r.dir, "rep", "report.md"), "utf8");
    expect(md).toMatch(/Managed DR.*replicate_workspace_assets: expected true, account has false/);
    expect(r.stdout).toMatch(/^NOT READY/);
  }, 60_000);
});
