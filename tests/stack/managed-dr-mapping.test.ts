/**
 * Managed DR mode without Pulumi: the `databricks-dr:managedDr` block (errors name the key), its mapping to
 * the provider's DisasterRecoveryFailoverGroup / DisasterRecoveryStableUrl arguments (checked against the
 * provider's own .d.ts by the round trip's shape checker), and what the stack leaves to Databricks.
 * Expected names are written from the API reference: `accounts/{account_id}/failover-groups/{id}` and
 * `accounts/{account_id}/stable-urls/{id}`.
 */
import { parseStackConfig } from "../../components/config/parse";
import { ManagedDrConfig } from "../../components/config/managed-dr";
import {
  catalogOf,
  failoverGroupArgs,
  managedCoverage,
  managedSkipReason,
  stableUrlArgs,
} from "../../components/mapping/managed-dr";
import { checkResourceInputs } from "../../roundtrip/provider-shape";

const ACCOUNT = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const BLOCK = {
  accountId: ACCOUNT,
  failoverGroup: "sales-dr",
  workspaceSet: {
    name: "sales",
    primary: { workspaceId: "1111111111111111", region: "eastus2" },
    secondary: { workspaceId: "2222222222222222", region: "westus" },
    replicateWorkspaceAssets: true,
  },
  unityCatalog: {
    catalogs: ["main", "finance"],
    locationMappings: [
      {
        name: "finance-ext",
        uris: {
          westus: "abfss://data@salesdrwest.dfs.core.windows.net/finance",
          eastus2: "abfss://data@saleseast.dfs.core.windows.net/finance",
        },
      },
    ],
  },
  stableUrls: ["sales-url"],
};

function parse(block: unknown, role = "secondary") {
  return parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: { role, location: "westus", snapshotPath: "snap", managedDr: JSON.stringify(block) },
  });
}
const cfg = (block: unknown = BLOCK): ManagedDrConfig => parse(block).managedDr! as ManagedDrConfig;
const edit = (f: (b: typeof BLOCK & Record<string, unknown>) => void) => {
  const b = structuredClone(BLOCK) as typeof BLOCK & Record<string, unknown>;
  f(b);
  return b;
};

describe("databricks-dr:managedDr config", () => {
  it("parses the block with the account host and flags defaulted", () => {
    const c = cfg(edit((b) => delete (b.workspaceSet as Record<string, unknown>).replicateWorkspaceAssets));
    expect(c.accountHost).toBe("https://accounts.azuredatabricks.net");
    expect(c.workspaceSet.replicateWorkspaceAssets).toBe(false); // the API's default
  });

  /** Sets (or with DELETE removes) the value at a dotted path of a copy of the block. */
  const DELETE = Symbol("delete");
  const at = (path: string, value: unknown) => {
    const b = structuredClone(BLOCK) as unknown as Record<string, unknown>;
    const keys = path.split(".");
    const last = keys.pop()!;
    const obj = keys.reduce((o, k) => o[k] as Record<string, unknown>, b);
    if (value === DELETE) delete obj[last];
    else obj[last] = value;
    return b;
  };
  const W = "abfss://x@y.dfs.core.windows.net/";
  it.each([
    ["a bad account id", "accountId", "acct-1", "managedDr.accountId"],
    [
      "a non-numeric workspace id",
      "workspaceSet.primary.workspaceId",
      "adb-1",
      "managedDr.workspaceSet.primary.workspaceId",
    ],
    [
      "one region twice",
      "workspaceSet.secondary.region",
      "eastus2",
      "managedDr.workspaceSet.secondary.region",
    ],
    [
      "one workspace twice",
      "workspaceSet.secondary.workspaceId",
      "1111111111111111",
      "managedDr.workspaceSet.secondary.workspaceId",
    ],
    [
      "a mapping without the secondary's URI",
      "unityCatalog.locationMappings.0.uris.westus",
      DELETE,
      "managedDr.unityCatalog.locationMappings[0].uris",
    ],
    [
      "a mapping naming a region outside the group",
      "unityCatalog.locationMappings.0.uris.northeurope",
      W,
      "managedDr.unityCatalog.locationMappings[0].uris",
    ],
    [
      "a URI that is no storage URI",
      "unityCatalog.locationMappings.0.uris.westus",
      "/mnt/finance",
      "managedDr.unityCatalog.locationMappings[0].uris.westus",
    ],
    ["a catalog listed twice", "unityCatalog.catalogs", ["main", "main"], "managedDr.unityCatalog.catalogs"],
    ["an unknown field", "failoverGroupName", "x", "managedDr"],
    ["an upper-case failover group id", "failoverGroup", "Sales", "managedDr.failoverGroup"],
    ["a missing workspace set", "workspaceSet", DELETE, "managedDr.workspaceSet"],
  ] as [string, string, unknown, string][])("refuses %s, naming the key", (_what, path, value, key) => {
    expect(() => parse(at(path, value))).toThrow(
      new RegExp(`^databricks-dr:${key.replace(/[[\].]/g, "\\$&")}: `),
    );
  });

  it("is refused on the primary stack", () => {
    expect(() => parse(BLOCK, "primary")).toThrow(
      /^databricks-dr:managedDr: is set on the secondary stack only/,
    );
  });
});

describe("failover group and stable URL arguments", () => {
  const DR = "databricks:index/disasterRecoveryFailoverGroup:DisasterRecoveryFailoverGroup";
  const SU = "databricks:index/disasterRecoveryStableUrl:DisasterRecoveryStableUrl";

  it("map to the failover group the API reference describes", () => {
    expect(failoverGroupArgs(cfg())).toEqual({
      failoverGroupId: "sales-dr",
      parent: `accounts/${ACCOUNT}`,
      initialPrimaryRegion: "eastus2",
      regions: ["eastus2", "westus"],
      workspaceSets: [
        {
          name: "sales",
          workspaceIds: ["1111111111111111", "2222222222222222"],
          replicateWorkspaceAssets: true,
          stableUrlNames: [`accounts/${ACCOUNT}/stable-urls/sales-url`],
        },
      ],
      unityCatalogAssets: {
        catalogs: [{ name: "main" }, { name: "finance" }],
        dataReplicationWorkspaceSet: "sales",
        locationMappings: [
          {
            name: "finance-ext",
            uriByRegions: [
              { region: "eastus2", uri: "abfss://data@saleseast.dfs.core.windows.net/finance" },
              { region: "westus", uri: "abfss://data@salesdrwest.dfs.core.windows.net/finance" },
            ],
          },
        ],
      },
    });
    expect(stableUrlArgs(cfg())).toEqual([
      { stableUrlId: "sales-url", parent: `accounts/${ACCOUNT}`, initialWorkspaceId: "1111111111111111" },
    ]);
  });

  it("use only arguments the provider declares, required ones present", () => {
    const minimal = cfg(
      edit((b) => (delete (b as Record<string, unknown>).unityCatalog, (b.stableUrls = []))),
    );
    for (const c of [cfg(), minimal]) {
      expect(checkResourceInputs(DR, failoverGroupArgs(c) as unknown as Record<string, unknown>)).toEqual([]);
      for (const a of stableUrlArgs(c))
        expect(checkResourceInputs(SU, a as unknown as Record<string, unknown>)).toEqual([]);
    }
    expect(failoverGroupArgs(minimal).unityCatalogAssets).toBeUndefined();
    expect(failoverGroupArgs(minimal).workspaceSets).toEqual([
      {
        name: "sales",
        workspaceIds: ["1111111111111111", "2222222222222222"],
        replicateWorkspaceAssets: true,
      },
    ]);
  });

  it("the checker itself refuses a misnamed argument (it can fail)", () => {
    const bad = { ...failoverGroupArgs(cfg()), workspaceSets: [{ name: "s", workspaceId: ["1"] }] };
    expect(
      checkResourceInputs(DR, bad)
        .map((f) => f.path)
        .join(" "),
    ).toMatch(/workspaceId/);
  });
});

describe("what the stack leaves to Databricks", () => {
  const skip = managedSkipReason(cfg());

  it("leaves the workspace assets the docs name, and their ACLs, recorded with the group", () => {
    for (const kind of ["notebook", "job", "cluster", "sql-warehouse"] as const)
      expect(skip(kind, { id: "x" })).toBe(
        "replicated by Databricks Managed DR (failover group sales-dr, workspace assets)",
      );
    expect(skip("permissions", { objectType: "jobs", objectId: "14" })).toMatch(/ACLs of job objects/);
    expect(skip("permissions", { objectType: "sql/warehouses", objectId: "w" })).toMatch(
      /ACLs of sql-warehouse/,
    );
  });

  it("keeps replicating what Databricks does not", () => {
    for (const kind of [
      "user",
      "group",
      "service-principal",
      "directory",
      "workspace-file",
      "repo",
      "dbfs-file",
      "instance-pool",
      "cluster-policy",
      "global-init-script",
      "secret-scope",
      "workspace-conf",
    ] as const)
      expect(skip(kind, { id: "x" })).toBeUndefined();
    expect(skip("permissions", { objectType: "cluster-policies", objectId: "p" })).toBeUndefined();
    expect(skip("permissions", { objectType: "directories", objectId: "/Shared" })).toBeUndefined();
    expect(skip("permissions", { objectType: "authorization/tokens", objectId: "tokens" })).toBeUndefined();
  });

  it("without workspace assets, leaves only the group's catalogs", () => {
    const only = managedSkipReason(cfg(edit((b) => (b.workspaceSet.replicateWorkspaceAssets = false))));
    expect(only("job", { id: "1" })).toBeUndefined();
    expect(only("notebook", { id: "/a" })).toBeUndefined();
    const uc = (kind: string, d: unknown) => only(kind as never, d);
    expect(uc("uc-catalog", { id: "main", name: "main" })).toBe(
      "replicated by Databricks Managed DR (failover group sales-dr, catalog main)",
    );
    expect(uc("uc-schema", { id: "s1", catalogName: "finance", fullName: "finance.ledger" })).toMatch(
      /catalog finance/,
    );
    expect(uc("uc-table", { id: "t1", full_name: "main.a.b" })).toMatch(/catalog main/);
    expect(uc("uc-schema", { id: "s2", catalogName: "hr", fullName: "hr.people" })).toBeUndefined();
    expect(uc("uc-catalog", { id: "hr", name: "hr" })).toBeUndefined();
    // Metastore-level objects belong to no catalog: the project keeps them.
    expect(uc("uc-external-location", { id: "l", name: "main" })).toBeUndefined();
    expect(uc("uc-storage-credential", { id: "c", name: "main" })).toBeUndefined();
  });

  it("reads the catalog of UC API shapes", () => {
    expect(catalogOf("uc-grant", { securable_type: "SCHEMA", full_name: "main.x" })).toBe("main");
    expect(catalogOf("uc-grant", { securable_type: "EXTERNAL_LOCATION", full_name: "main" })).toBeUndefined();
    expect(catalogOf("uc-volume", { catalog_name: "finance" })).toBe("finance");
  });

  it("names what it covers", () => {
    expect(managedCoverage(cfg())).toEqual({
      failoverGroup: `accounts/${ACCOUNT}/failover-groups/sales-dr`,
      workspaceAssetKinds: ["notebook", "job", "cluster", "sql-warehouse"],
      catalogs: ["main", "finance"],
      locationMappings: ["finance-ext"],
      stableUrls: [`accounts/${ACCOUNT}/stable-urls/sales-url`],
    });
  });
});
