import { invalid } from "../errors";
import { AccountState } from "../state/account-state";
import { Obj } from "../state/types";

/**
 * Checks a failover group's configuration as `disaster-recovery/v1` describes it: regions, workspace
 * sets whose workspaces exist in the account, are Mission Critical and cover each region once (the
 * reference: "The system derives and validates regions"), existing stable URLs, and Unity Catalog
 * replication naming a set and mapping locations per region. Answers the normalized sets (ids as strings).
 */
/**
 * This emulator's own workspace, when it takes part: its id and the catalogs its metastore holds
 * (undefined when it has no metastore), so catalogs to replicate are checked where they must exist.
 */
export interface LocalWorkspace {
  workspaceId: string;
  catalogs: Set<string> | undefined;
}

export function validateGroup(
  account: AccountState,
  g: Obj,
  selfName: string | undefined,
  local?: LocalWorkspace,
  primaryRegion?: string,
): Obj {
  const regions = g.regions as unknown;
  if (!Array.isArray(regions) || regions.length < 2 || regions.some((r) => typeof r !== "string" || !r))
    throw invalid("regions must list at least two regions.");
  if (new Set(regions).size !== regions.length) throw invalid("regions must not repeat a region.");
  const sets = g.workspace_sets as unknown;
  if (!Array.isArray(sets) || sets.length === 0) throw invalid("workspace_sets must hold at least one set.");
  const setNames = new Set<string>();
  const seen = new Set<string>();
  const normalized = (sets as Obj[]).map((s, i) => {
    if (typeof s?.name !== "string" || !s.name) throw invalid(`workspace_sets[${i}].name is required.`);
    if (setNames.has(s.name)) throw invalid(`Workspace set name ${s.name} is used twice.`);
    setNames.add(s.name);
    if (!Array.isArray(s.workspace_ids) || s.workspace_ids.length === 0)
      throw invalid(`workspace_sets[${i}].workspace_ids is required.`);
    const ids = (s.workspace_ids as unknown[]).map(String);
    const byRegion = new Map<string, string>();
    for (const id of ids) {
      const w = account.workspaces.get(id);
      if (!w) throw invalid(`Workspace ${id} does not exist in account ${account.accountId}.`);
      if (w.pricing_tier !== "MISSION_CRITICAL")
        throw invalid(`Workspace ${id} is not in the Mission Critical tier.`);
      if (!regions.includes(w.region))
        throw invalid(`Workspace ${id} is in region ${w.region}, which is not one of the group's regions.`);
      if (byRegion.has(w.region))
        throw invalid(`Workspace set ${s.name} has more than one workspace in region ${w.region}.`);
      if (seen.has(id)) throw invalid(`Workspace ${id} is in more than one workspace set.`);
      seen.add(id);
      byRegion.set(w.region, id);
      const other = [...account.failoverGroups.values()].find(
        (r) =>
          r.body.name !== selfName &&
          (r.body.workspace_sets as Obj[]).some((x) => (x.workspace_ids as string[]).includes(id)),
      );
      if (other) throw invalid(`Workspace ${id} already belongs to failover group ${other.body.name}.`);
    }
    for (const r of regions)
      if (!byRegion.has(r)) throw invalid(`Workspace set ${s.name} has no workspace in region ${r}.`);
    const stable = (s.stable_url_names ?? []) as unknown[];
    if (!Array.isArray(stable)) throw invalid(`workspace_sets[${i}].stable_url_names must be a list.`);
    for (const n of stable) {
      const su = account.stableUrls.get(String(n));
      if (!su) throw invalid(`Stable URL ${n} does not exist.`);
      if (!ids.includes(su.workspace_id) && su.body.failover_group_name !== selfName)
        throw invalid(`Stable URL ${n} is bound to workspace ${su.workspace_id}, not one of set ${s.name}.`);
    }
    const out: Obj = { name: s.name, workspace_ids: ids };
    if (s.replicate_workspace_assets !== undefined)
      out.replicate_workspace_assets = !!s.replicate_workspace_assets;
    if (stable.length) out.stable_url_names = stable.map(String);
    return out;
  });
  const uc = g.unity_catalog_assets as Obj | undefined;
  if (uc !== undefined && uc !== null) {
    validateUc(uc, regions as string[], setNames);
    // The catalogs replicate from the primary's metastore: when that primary is this workspace, they must be in it.
    const set = normalized.find((s) => s.name === uc.data_replication_workspace_set);
    const primary = set && primaryRegion ? account.workspaceIn(set, primaryRegion)?.workspace_id : undefined;
    if (local?.catalogs && primary === local.workspaceId)
      for (const c of uc.catalogs as Obj[])
        if (!local.catalogs.has(String(c.name).toLowerCase()))
          throw invalid(
            `Catalog ${c.name} does not exist in the metastore of workspace ${primary} (the primary).`,
          );
  }
  return { workspace_sets: normalized };
}

function validateUc(uc: Obj, regions: string[], setNames: Set<string>): void {
  if (!Array.isArray(uc.catalogs) || uc.catalogs.length === 0)
    throw invalid("unity_catalog_assets.catalogs must name at least one catalog.");
  for (const c of uc.catalogs as Obj[])
    if (typeof c?.name !== "string" || !c.name)
      throw invalid("unity_catalog_assets.catalogs[].name is required.");
  if (!setNames.has(String(uc.data_replication_workspace_set ?? "")))
    throw invalid(
      `unity_catalog_assets.data_replication_workspace_set must name one of the workspace sets (got ${uc.data_replication_workspace_set ?? "nothing"}).`,
    );
  const names = new Set<string>();
  for (const m of (uc.location_mappings ?? []) as Obj[]) {
    if (typeof m?.name !== "string" || !m.name) throw invalid("location_mappings[].name is required.");
    if (names.has(m.name)) throw invalid(`Location mapping ${m.name} is given twice.`);
    names.add(m.name);
    const entries = (m.uri_by_region ?? []) as Obj[];
    for (const e of entries) {
      if (!regions.includes(String(e?.region)))
        throw invalid(`Location mapping ${m.name}: region ${e?.region} is not one of the group's regions.`);
      if (typeof e.uri !== "string" || !e.uri) throw invalid(`Location mapping ${m.name}: uri is required.`);
    }
    for (const r of regions)
      if (entries.filter((e) => e.region === r).length !== 1)
        throw invalid(`Location mapping ${m.name} must give exactly one uri for region ${r}.`);
  }
}
