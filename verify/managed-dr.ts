import { parse } from "yaml";

/**
 * verify's check of a Databricks Managed DR failover group: the group as the account API answers it
 * (`GET /api/disaster-recovery/v1/accounts/<id>/failover-groups/<id>`) against what the stack's
 * `databricks-dr:managedDr` asks for. The expectation is read here from the settings file itself, and the
 * resource names are spelled as the API reference spells them: nothing comes from the stack's mapping.
 */
export interface ManagedDrExpectation {
  accountId: string;
  accountHost: string;
  failoverGroup: string;
  setName: string;
  primary: { workspaceId: string; region: string };
  /**
   * False when the settings file leaves the primary to primaryStack (no workspaceSet.primary and no
   * databricks-dr:primary workspaceId/location): verify cannot read stack outputs, so the primary is checked
   * only as the group's other workspace and region, and the result says so.
   */
  primaryKnown: boolean;
  secondary: { workspaceId: string; region: string };
  replicateWorkspaceAssets: boolean;
  catalogs: string[];
  locationMappings: { name: string; uris: Record<string, string> }[];
  stableUrls: string[];
}

export interface ManagedDrDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface ManagedDrResult {
  group: string;
  mode: "passive" | "active";
  ok: boolean;
  /** Absent when the account has no such group. */
  state?: string;
  effectivePrimaryRegion?: string;
  replicationPoint?: string;
  differences: ManagedDrDifference[];
  /** What could not be checked, said with the result (never a silent pass). */
  notes?: string[];
  /** What the group covers, from the expectation: shown by the report. */
  covers: { workspaceAssets: boolean; catalogs: string[]; locationMappings: string[]; stableUrls: string[] };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The `databricks-dr:managedDr` block of a Pulumi.<stack>.yaml (YAML set with --path, or a JSON string). */
export function readManagedDrExpectation(yamlText: string): ManagedDrExpectation | undefined {
  const doc = obj(parse(yamlText));
  let raw = obj(doc.config)["databricks-dr:managedDr"];
  if (raw === undefined) return undefined;
  if (typeof raw === "string") raw = JSON.parse(raw);
  const m = obj(raw);
  const ws = obj(m.workspaceSet);
  const side = (v: unknown) => ({ workspaceId: s(obj(v).workspaceId), region: s(obj(v).region) });
  const uc = obj(m.unityCatalog);
  // The primary by hand: workspaceSet.primary, else the databricks-dr:primary overrides.
  let overrides: unknown = obj(doc.config)["databricks-dr:primary"];
  if (typeof overrides === "string") overrides = JSON.parse(overrides);
  const byHand = obj(overrides);
  const primary =
    ws.primary !== undefined
      ? side(ws.primary)
      : { workspaceId: s(byHand.workspaceId), region: s(byHand.location) };
  return {
    accountId: s(m.accountId),
    accountHost: s(m.accountHost) || "https://accounts.azuredatabricks.net",
    failoverGroup: s(m.failoverGroup),
    setName: s(ws.name),
    primary,
    primaryKnown: primary.workspaceId !== "" && primary.region !== "",
    secondary: side(ws.secondary),
    replicateWorkspaceAssets: ws.replicateWorkspaceAssets === true || ws.replicateWorkspaceAssets === "true",
    catalogs: arr(uc.catalogs).map(s),
    locationMappings: arr(uc.locationMappings).map((x) => ({
      name: s(obj(x).name),
      uris: Object.fromEntries(Object.entries(obj(obj(x).uris)).map(([k, v]) => [k, s(v)])),
    })),
    stableUrls: arr(m.stableUrls).map(s),
  };
}

export const expectedGroupName = (e: ManagedDrExpectation) =>
  `accounts/${e.accountId}/failover-groups/${e.failoverGroup}`;

const sorted = (xs: unknown[]) => xs.map(s).sort();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every way the group differs from the expectation. Passive, the primary's region must be the effective
 * primary; active (after a failover), the secondary's. The group must be ACTIVE: any other state (still
 * creating, in initial replication, failing over, failed) means the secondary cannot be trusted yet.
 */
export function checkFailoverGroup(
  e: ManagedDrExpectation,
  group: unknown,
  mode: "passive" | "active" = "passive",
): ManagedDrResult {
  const name = expectedGroupName(e);
  const covers = {
    workspaceAssets: e.replicateWorkspaceAssets,
    catalogs: e.catalogs,
    locationMappings: e.locationMappings.map((m) => m.name),
    stableUrls: e.stableUrls,
  };
  const notes = e.primaryKnown
    ? []
    : [
        "the primary's workspace id and region are left to primaryStack, which verify cannot read: checked " +
          "only as the group's other workspace and region (set databricks-dr:primary workspaceId and location to check them)",
      ];
  if (group === undefined)
    return {
      group: name,
      mode,
      ok: false,
      notes,
      differences: [{ path: "failover group", expected: name, actual: "does not exist in the account" }],
      covers,
    };
  const g = obj(group);
  const d: ManagedDrDifference[] = [];
  const check = (path: string, expected: unknown, actual: unknown) => {
    if (!same(expected, actual)) d.push({ path, expected, actual });
  };
  // Without the primary by hand, it is the group's one other region and workspace.
  const other = (xs: unknown[], mine: string) => {
    const rest = xs.map(s).filter((x) => x !== mine);
    return rest.length === 1 ? rest[0] : `(another ${e.secondary.region === mine ? "region" : "workspace"})`;
  };
  const primaryRegion = e.primaryKnown ? e.primary.region : other(arr(g.regions), e.secondary.region);
  const regions = [primaryRegion, e.secondary.region];
  check("name", name, g.name);
  check("regions", [...regions].sort(), sorted(arr(g.regions)));
  check("state", "ACTIVE", g.state);
  check(
    "effective_primary_region",
    mode === "passive" ? primaryRegion : e.secondary.region,
    g.effective_primary_region,
  );
  const sets = arr(g.workspace_sets).map(obj);
  check(
    "workspace_sets[].name",
    [e.setName],
    sets.map((x) => s(x.name)),
  );
  const set = sets.find((x) => s(x.name) === e.setName) ?? {};
  const at = `workspace_sets[${e.setName}]`;
  const primaryId = e.primaryKnown
    ? e.primary.workspaceId
    : other(arr(set.workspace_ids), e.secondary.workspaceId);
  check(`${at}.workspace_ids`, sorted([primaryId, e.secondary.workspaceId]), sorted(arr(set.workspace_ids)));
  check(
    `${at}.replicate_workspace_assets`,
    e.replicateWorkspaceAssets,
    set.replicate_workspace_assets === true,
  );
  check(
    `${at}.stable_url_names`,
    e.stableUrls.map((id) => `accounts/${e.accountId}/stable-urls/${id}`).sort(),
    sorted(arr(set.stable_url_names)),
  );
  const uc = g.unity_catalog_assets === undefined ? undefined : obj(g.unity_catalog_assets);
  if (!e.catalogs.length) check("unity_catalog_assets", undefined, uc);
  else if (!uc) check("unity_catalog_assets.catalogs", [...e.catalogs].sort(), undefined);
  else {
    check(
      "unity_catalog_assets.catalogs",
      [...e.catalogs].sort(),
      sorted(arr(uc.catalogs).map((c) => obj(c).name)),
    );
    check(
      "unity_catalog_assets.data_replication_workspace_set",
      e.setName,
      uc.data_replication_workspace_set,
    );
    const mappings = (list: { name: string; uris: Record<string, string> }[]) =>
      Object.fromEntries(list.map((m) => [m.name, Object.fromEntries(Object.entries(m.uris).sort())]));
    const actual = arr(uc.location_mappings).map((x) => ({
      name: s(obj(x).name),
      uris: Object.fromEntries(arr(obj(x).uri_by_region).map((u) => [s(obj(u).region), s(obj(u).uri)])),
    }));
    const want = mappings(e.locationMappings);
    const got = mappings(actual);
    for (const k of [...new Set([...Object.keys(want), ...Object.keys(got)])].sort())
      check(`unity_catalog_assets.location_mappings[${k}]`, want[k], got[k]);
  }
  return {
    group: name,
    mode,
    ok: d.length === 0,
    state: typeof g.state === "string" ? g.state : undefined,
    effectivePrimaryRegion:
      typeof g.effective_primary_region === "string" ? g.effective_primary_region : undefined,
    replicationPoint: typeof g.replication_point === "string" ? g.replication_point : undefined,
    differences: d,
    notes,
    covers,
  };
}

const show = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));

export function formatManagedDr(r: ManagedDrResult): string {
  const head = `Managed DR failover group ${r.group}: ${r.state ?? "missing"}, primary ${
    r.effectivePrimaryRegion ?? "?"
  }, replicated up to ${r.replicationPoint ?? "?"} (${r.mode})`;
  const notes = (r.notes ?? []).map((n) => `  note: ${n}`);
  if (r.ok) return [`${head}: matches the stack config`, ...notes].join("\n");
  return [
    `${head}: ${r.differences.length} unexpected difference(s)`,
    ...notes,
    ...r.differences.map(
      (x) => `  ${x.path}: expected ${show(x.expected)}, the account has ${show(x.actual)}`,
    ),
  ].join("\n");
}
