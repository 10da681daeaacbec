import fc from "fast-check";
import { mapStoragePath, StorageMap, withDeclaredMounts } from "../../../components/mapping/storage-map";

// URI shapes from the Databricks docs (init scripts, libraries, external locations):
// abfss://<container>@<storage-account>.dfs.core.windows.net/<path>, /Volumes/<catalog>/<schema>/<volume>/<path>.
const account = fc.stringMatching(/^[a-z0-9]{3,24}$/);
const container = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/);
const segment = fc.stringMatching(/^[A-Za-z0-9_.=-]{1,12}$/);
const rest = fc.array(segment, { maxLength: 4 }).map((s) => s.map((x) => `/${x}`).join(""));
const suffix = fc.constantFrom(
  ".dfs.core.windows.net",
  ".blob.core.windows.net",
  ".dfs.core.chinacloudapi.cn",
);
const catalog = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);

describe("storage map", () => {
  it("rewrites the account and container of an abfss URI and keeps the rest byte for byte", () => {
    fc.assert(
      fc.property(account, account, container, container, suffix, rest, (from, to, c, c2, sfx, r) => {
        const map: StorageMap = { accounts: { [from]: { account: to, containers: { [c]: c2 } } } };
        const out = mapStoragePath(`abfss://${c}@${from}${sfx}${r}`, map);
        expect(out).toEqual({ path: `abfss://${c2}@${to}${sfx}${r}`, mapped: true, storage: "abfss" });
      }),
    );
  });

  it("an account given as a plain name keeps every container", () => {
    fc.assert(
      fc.property(account, account, container, rest, (from, to, c, r) => {
        const out = mapStoragePath(`abfss://${c}@${from}.dfs.core.windows.net${r}`, {
          accounts: { [from]: to },
        });
        expect(out.path).toBe(`abfss://${c}@${to}.dfs.core.windows.net${r}`);
        expect(out.mapped).toBe(true);
      }),
    );
  });

  it('"keep" (a GRS account failing over) leaves the path unchanged and mapped', () => {
    fc.assert(
      fc.property(account, container, rest, (a, c, r) => {
        const p = `abfss://${c}@${a}.dfs.core.windows.net${r}`;
        expect(mapStoragePath(p, { accounts: { [a]: "keep" } })).toEqual({
          path: p,
          mapped: true,
          storage: "abfss",
        });
      }),
    );
  });

  it("an account not in the map is unmapped, unchanged, and the reason names the account", () => {
    fc.assert(
      fc.property(account, account, container, rest, (a, other, c, r) => {
        fc.pre(a !== other);
        const p = `abfss://${c}@${a}.dfs.core.windows.net${r}`;
        const out = mapStoragePath(p, { accounts: { [other]: "keep" } });
        expect(out.path).toBe(p);
        expect(out.mapped).toBe(false);
        expect(out.missing).toContain(`"${a}"`);
      }),
    );
  });

  it("rewrites the catalog of a volume path in all three spellings", () => {
    fc.assert(
      fc.property(fc.constantFrom("", "dbfs:", "/dbfs"), catalog, catalog, rest, (prefix, from, to, r) => {
        const out = mapStoragePath(`${prefix}/Volumes/${from}${r}`, { catalogs: { [from]: to } });
        expect(out).toEqual({ path: `${prefix}/Volumes/${to}${r}`, mapped: true, storage: "volume" });
        const none = mapStoragePath(`${prefix}/Volumes/${from}${r}`, {});
        expect(none).toMatchObject({
          path: `${prefix}/Volumes/${from}${r}`,
          mapped: false,
          storage: "volume",
        });
      }),
    );
  });

  it("mount paths map by mount name; mounts the stack re-creates are kept", () => {
    expect(mapStoragePath("dbfs:/mnt/raw/lib/a.jar", { mounts: { raw: "raw-dr" } })).toEqual({
      path: "dbfs:/mnt/raw-dr/lib/a.jar",
      mapped: true,
      storage: "mount",
    });
    expect(mapStoragePath("/dbfs/mnt/raw/x.sh", {}).mapped).toBe(false);
    expect(mapStoragePath("/dbfs/mnt/raw/x.sh", withDeclaredMounts({}, ["raw"]))).toEqual({
      path: "/dbfs/mnt/raw/x.sh",
      mapped: true,
      storage: "mount",
    });
  });

  it("any other path is not storage: unchanged and mapped", () => {
    const other = fc.oneof(
      rest.map((r) => `/Workspace/Users/a${r}`),
      rest.map((r) => `dbfs:/FileStore${r}`),
      fc.constant("s3://bucket/x.jar"),
      fc.constant("/Volumes"),
    );
    fc.assert(
      fc.property(other, (p) => {
        expect(mapStoragePath(p, {})).toEqual({ path: p, mapped: true });
      }),
    );
  });

  it("matches account and catalog names case-insensitively (Azure and UC names are lowercase)", () => {
    expect(
      mapStoragePath("abfss://data@PrimAcct.dfs.core.windows.net/a", { accounts: { primacct: "secacct" } })
        .path,
    ).toBe("abfss://data@secacct.dfs.core.windows.net/a");
    expect(mapStoragePath("/Volumes/Main/s/v/a", { catalogs: { main: "main_dr" } }).path).toBe(
      "/Volumes/main_dr/s/v/a",
    );
  });
});
