import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { SHARED_FIXTURES_DIR, writeSharedFixtures } from "../../emulator/seeds/shared-fixtures";
import { CLUSTER_READ_ONLY, WAREHOUSE_READ_ONLY } from "../../exporters/normalize";
import { ExportSummary } from "../../exporters/run";
import { readSnapshot } from "../../snapshot/reader";
import { descriptors, emulator, exportOnce, tmpDir } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any =>
  JSON.parse(fs.readFileSync(path.join(SHARED_FIXTURES_DIR, name), "utf8"));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const without = (o: any, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k) && !k.startsWith("last_")));

describe("the shared fixtures, served verbatim by the emulator's DIR mode, export without loss", () => {
  let emu: RunningEmulator;
  let out: string;
  let summary: ExportSummary;

  beforeAll(async () => {
    const dir = tmpDir("fixtures-dir-");
    writeSharedFixtures(dir);
    emu = await emulator({ workspace: dir });
    out = path.join(tmpDir(), "snap");
    summary = await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  it("reads back valid", () => {
    expect(() => readSnapshot(out)).not.toThrow();
  });

  it("clusters: every setting kept, read-only fields (spark_context_id beyond 2^53 included) dropped", () => {
    const byId = Object.fromEntries(descriptors(out, "cluster").map((c) => [c.id, c]));
    for (const [id, file] of [
      ["test1", "get-cluster-test1-response.json"],
      ["awscluster", "get-cluster-awscluster-response.json"],
    ]) {
      const raw = fixture(file);
      expect(byId[id].spec).toEqual(without(raw, CLUSTER_READ_ONLY));
      expect(byId[id]).toMatchObject({ name: raw.cluster_name, source: raw.cluster_source, pinned: true });
    }
    expect(byId.test1.libraries).toEqual(
      fixture("libraries-cluster-status-test1.json").library_statuses.map(
        (s: { library: unknown }) => s.library,
      ),
    );
    const listed = fixture("clusters-list-response.json").clusters.map(
      (c: { cluster_id: string }) => c.cluster_id,
    );
    for (const id of listed)
      expect(byId[id] ?? summary.skipped.find((s) => s.kind === "cluster" && s.id === id)).toBeDefined();
    expect(fs.readFileSync(path.join(out, "descriptors", "cluster.json"), "utf8")).not.toContain(
      "spark_context_id",
    );
  });

  it("jobs: settings exactly as jobs/get answered, each job once although the list names job 15 twice", () => {
    const jobs = descriptors(out, "job");
    const ids = jobs.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [12, 14, 15]) {
      const raw = fixture(`get-job-${id}.json`);
      const d = jobs.find((j) => j.id === String(id));
      expect(d.settings).toEqual(raw.settings);
      expect(d.name).toBe(raw.settings.name);
    }
    expect(jobs.find((j) => j.id === "14").originalPause).toEqual({ schedule: "UNPAUSED" });
    const listed = new Set(
      fixture("get-jobs-list.json").jobs.map((j: { job_id: number }) => String(j.job_id)),
    );
    for (const id of listed) expect(ids.includes(id) || summary.skipped.some((s) => s.id === id)).toBe(true);
  });

  it("permissions: own grants only, for every exported object the fixtures hold an ACL for", () => {
    const perms = Object.fromEntries(descriptors(out, "permissions").map((p) => [p.id, p.acl]));
    // A grant names a group by displayName, a descriptor by its SCIM id: the recording holds no SCIM
    // groups, so its group grants cannot be tied to a group and are reported, one skip each, never lost.
    const skippedGroups = (id: string) =>
      summary.skipped.filter((s) => s.kind === "permissions" && s.id.startsWith(`${id}#group:`)).length;
    const own = (file: string) =>
      fixture(file).access_control_list.filter((e: { all_permissions: { inherited: boolean }[] }) =>
        e.all_permissions.some((p) => !p.inherited),
      ).length;
    for (const [id, file] of [
      ["jobs:14", "get-job-permissions-14.json"],
      ["jobs:15", "get-job-permissions-15.json"],
    ])
      expect((perms[id]?.length ?? 0) + skippedGroups(id)).toBe(own(file));
    expect(skippedGroups("jobs:14")).toBeGreaterThan(0);
    expect(perms["jobs:12"]).toEqual([
      { principal: { kind: "user", id: "test@test.com" }, level: "IS_OWNER" },
    ]);
    expect(perms["clusters:test1"]).toEqual([
      { principal: { kind: "user", id: "test@test.com" }, level: "CAN_MANAGE" },
    ]);
    expect(perms["clusters:awscluster"]).toHaveLength(1);
    expect(perms["sql/warehouses:f562046bc1272886"]).toEqual([
      { principal: { kind: "user", id: "user@domain.com" }, level: "CAN_MANAGE" },
    ]);
    expect(perms["authorization/tokens:tokens"]).toBeUndefined();
    expect(skippedGroups("authorization/tokens:tokens")).toBe(1);
  });

  it("warehouse, secret scope, global init script and DBFS jar", () => {
    const w = descriptors(out, "sql-warehouse");
    expect(w).toEqual([
      {
        id: "f562046bc1272886",
        name: "Test",
        spec: without(fixture("get-sql-endpoint.json"), WAREHOUSE_READ_ONLY),
      },
    ]);
    const scope = fixture("secret-scopes-response.json").scopes[0];
    expect(descriptors(out, "secret-scope")).toEqual([
      expect.objectContaining({
        id: scope.name,
        backend: "AZURE_KEYVAULT",
        keys: ["some-secret"],
        keyVault: {
          resourceId: scope.keyvault_metadata.resource_id,
          dnsName: scope.keyvault_metadata.dns_name,
        },
      }),
    ]);
    const gis = descriptors(out, "global-init-script").find((g) => g.id === "init_script1");
    expect(fs.readFileSync(path.join(out, gis.content.file)).toString("base64")).toBe(
      fixture("global-init-script-get1.json").script,
    );
    expect(gis).toMatchObject({ enabled: true, position: 0 });
    for (const name of fixture("global-init-scripts-list.json").scripts.map((s: { name: string }) => s.name))
      expect(
        descriptors(out, "global-init-script").some((g) => g.id === name) ||
          summary.skipped.some((s) => s.id === name),
      ).toBe(true);
    const jar = descriptors(out, "dbfs-file").find((f) => f.id === "dbfs:/FileStore/jars/test.jar");
    expect(fs.readFileSync(path.join(out, jar.content.file), "utf8")).toBe("1234567890");
  });
});
