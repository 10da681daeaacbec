/**
 * The secondary's storage URL of a primary one, by the `databricks-dr:storageMap` the stack was given
 * (its `accounts` part: primary storage account → "keep", another account, or `{ account, containers }`).
 * verify spells the rewrite itself, from the config's documented meaning (README, Configuration), and reads
 * no stack code: it checks what the stack wrote, so it must not share the stack's answer.
 */
export type VerifyStorageTarget = string | { account: string; containers?: Record<string, string> };
export interface VerifyStorageMap {
  accounts?: Record<string, VerifyStorageTarget>;
  /** `/Volumes/<catalog>/...`: primary catalog -> "keep" or the secondary's (verify/compute-portability.ts). */
  catalogs?: Record<string, string>;
  /** `/mnt/<name>/...`: mount name -> "keep" or the secondary's. */
  mounts?: Record<string, string>;
}

const ABFSS = /^(abfss?|wasbs?):\/\/([^@/]+)@([^./]+)(\.[^/]*)?(\/.*)?$/i;

function entry<V>(m: Record<string, V> | undefined, name: string): V | undefined {
  if (!m) return undefined;
  const k = Object.keys(m).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : m[k];
}

/** The URL the map gives the secondary; undefined when the map does not cover it (or it is no such URL). */
export function expectedLocation(url: string, map: VerifyStorageMap): string | undefined {
  const m = ABFSS.exec(url);
  if (!m) return undefined;
  const [, scheme, container, account, suffix = "", rest = ""] = m;
  const target = entry(map.accounts, account);
  if (target === undefined) return undefined;
  if (target === "keep") return url;
  const t = typeof target === "string" ? { account: target } : target;
  return `${scheme}://${entry(t.containers, container) ?? container}@${t.account}${suffix}${rest}`;
}

/** A managed path the service made up (`.../__unitystorage/<type>/<uuid>...`): differs in every metastore. */
export const serviceDerived = (url: string) => url.includes("/__unitystorage/");
