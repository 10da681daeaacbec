import { mapStoragePath, StorageMap } from "./storage-map";

/**
 * A Unity Catalog location (external location url, catalog/schema managed location, external table or
 * volume location) as the secondary must register it. The storage map decides (components/mapping/
 * storage-map.ts): "keep" (the same account, which serves the secondary after a GRS failover), another
 * account (the secondary's own, holding a copy), or the RA-GRS read-only endpoint `<account>-secondary`.
 * A location the map does not cover is never registered pointing at the primary: it is refused, and the
 * caller reports the manual action.
 */
export type LocationMapping =
  | { ok: true; url: string; account?: string; readOnly: boolean; notes: string[] }
  | { ok: false; reason: string };

const ABFSS = /^abfss?:\/\/[^@/]+@([^./]+)\.dfs\.core\.windows\.net(\/.*)?$/i;

/** The storage account an abfss:// URL names (`<container>@<account>.dfs.core.windows.net`). */
export function storageAccountOf(url: string): string | undefined {
  return ABFSS.exec(url)?.[1]?.toLowerCase();
}

/** The read-access endpoint of an RA-GRS / RA-GZRS account: readable while the primary region is down. */
export function isReadOnlyEndpoint(account: string | undefined): boolean {
  return !!account && account.endsWith("-secondary");
}

export function secondaryLocation(url: string, map: StorageMap, what: string): LocationMapping {
  const r = mapStoragePath(url, map);
  if (!r.mapped)
    return {
      ok: false,
      reason:
        `${what} ${url} is not covered by the storage map (${r.missing ?? "no entry"}): add the account to ` +
        'databricks-dr:storageMap.accounts ("keep" after a GRS failover, the secondary\'s account, or ' +
        "<account>-secondary for the RA-GRS read-only endpoint)",
    };
  const account = storageAccountOf(r.path);
  const readOnly = isReadOnlyEndpoint(account);
  const notes = readOnly
    ? [
        `${what} ${r.path} is the RA-GRS read-only endpoint: registered read-only; writes need the account failed over (then map it to "keep")`,
      ]
    : [];
  return { ok: true, url: r.path, account, readOnly, notes };
}

/**
 * Accounts the secondary's access connector must reach besides the secondary's own storage account: one
 * manual action each (its identity has Storage Blob Data Contributor on the secondary's account only).
 */
export function accountsNeedingAccess(
  accounts: Iterable<string | undefined>,
  secondaryAccount: string | undefined,
): string[] {
  const out = new Set<string>();
  for (const a of accounts) {
    if (!a) continue;
    const base = a.replace(/-secondary$/, "");
    if (base !== secondaryAccount?.toLowerCase()) out.add(base);
  }
  return [...out].sort();
}
