/**
 * Where the primary's storage is in the secondary: abfss:// (and abfs://, wasb(s)://) URIs by storage account
 * and container, Unity Catalog volume paths by catalog, DBFS mount paths by mount name. Pure: the stack's
 * mappings (init scripts, libraries, pipelines) and the Unity Catalog stack ask this one module, and raise a
 * manual action for a path that names primary storage the map does not cover.
 */

/** "keep": the same name serves the secondary (a storage account that fails over with GRS, a shared catalog). */
export const KEEP = "keep";

export interface AccountTarget {
  /** The secondary's storage account. */
  account: string;
  /** Container renames inside it; a container not listed keeps its name. */
  containers?: Record<string, string>;
}

/** `databricks-dr:storageMap` after validation (components/config/schema.ts). */
export interface StorageMap {
  /** Primary storage account -> "keep", the secondary's account name, or `{ account, containers }`. */
  accounts?: Record<string, typeof KEEP | string | AccountTarget>;
  /** Primary catalog -> "keep" or the secondary's catalog (volume paths `/Volumes/<catalog>/...`). */
  catalogs?: Record<string, string>;
  /** Mount name (`/mnt/<name>`) -> "keep" or the secondary's mount name. */
  mounts?: Record<string, string>;
}

export type StorageKind = "abfss" | "volume" | "mount";

export interface StorageRewrite {
  /** The path in the secondary: rewritten, or the original when not mapped or not a storage path. */
  path: string;
  /** False when the path names primary storage the map does not cover: the caller raises a manual action. */
  mapped: boolean;
  /** What storage the path names; undefined for any other path (unchanged, mapped). */
  storage?: StorageKind;
  /** Why it is not mapped (for the manual action). */
  missing?: string;
}

/** `abfss://<container>@<account>.<endpoint>/<rest>`; the endpoint suffix differs per cloud and service. */
const URI = /^(abfss?|wasbs?):\/\/([^@/]+)@([^./]+)(\.[^/]*)?(\/.*)?$/i;
/** `/Volumes/<catalog>/...`, also as `dbfs:/Volumes/...` and the FUSE `/dbfs/Volumes/...`. */
const VOLUME = /^(dbfs:|\/dbfs)?\/Volumes\/([^/]+)(\/.*)?$/;
/** `dbfs:/mnt/<name>/...`, `/dbfs/mnt/<name>/...`, `/mnt/<name>/...`. */
const MOUNT = /^(dbfs:|\/dbfs)?\/mnt\/([^/]+)(\/.*)?$/;

const own = (m: Record<string, unknown> | undefined, k: string): boolean =>
  !!m && Object.prototype.hasOwnProperty.call(m, k);

/** The entry for `name`, matched exactly, else case-insensitively (Azure and UC names are lowercase). */
function lookup<V>(m: Record<string, V> | undefined, name: string): V | undefined {
  if (!m) return undefined;
  if (own(m, name)) return m[name];
  const lower = name.toLowerCase();
  const key = Object.keys(m).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : m[key];
}

function mapUri(match: RegExpExecArray, map: StorageMap): StorageRewrite {
  const [original, scheme, container, account, suffix = "", rest = ""] = match;
  const target = lookup(map.accounts, account);
  if (target === undefined)
    return {
      path: original,
      mapped: false,
      storage: "abfss",
      missing: `storage account ${JSON.stringify(account)} is not in databricks-dr:storageMap.accounts`,
    };
  if (target === KEEP) return { path: original, mapped: true, storage: "abfss" };
  const t: AccountTarget = typeof target === "string" ? { account: target } : target;
  const newContainer = lookup(t.containers, container) ?? container;
  return {
    path: `${scheme}://${newContainer}@${t.account}${suffix}${rest}`,
    mapped: true,
    storage: "abfss",
  };
}

function mapNamed(
  match: RegExpExecArray,
  entries: Record<string, string> | undefined,
  storage: "volume" | "mount",
): StorageRewrite {
  const [original, prefix = "", name, rest = ""] = match;
  const target = lookup(entries, name);
  const what = storage === "volume" ? "catalog" : "mount";
  if (target === undefined)
    return {
      path: original,
      mapped: false,
      storage,
      missing: `${what} ${JSON.stringify(name)} is not in databricks-dr:storageMap.${storage === "volume" ? "catalogs" : "mounts"}`,
    };
  if (target === KEEP) return { path: original, mapped: true, storage };
  const dir = storage === "volume" ? "Volumes" : "mnt";
  return { path: `${prefix}/${dir}/${target}${rest}`, mapped: true, storage };
}

/** The path as the secondary must spell it, and whether the map covered it. */
export function mapStoragePath(path: string, map: StorageMap): StorageRewrite {
  const uri = URI.exec(path);
  if (uri) return mapUri(uri, map);
  const volume = VOLUME.exec(path);
  if (volume) return mapNamed(volume, map.catalogs, "volume");
  const mount = MOUNT.exec(path);
  if (mount) return mapNamed(mount, map.mounts, "mount");
  return { path, mapped: true };
}

/** Mounts the stack re-creates (databricks-dr:mounts) exist under the same name in the secondary. */
export function withDeclaredMounts(map: StorageMap, names: readonly string[]): StorageMap {
  const mounts: Record<string, string> = {};
  for (const n of names) mounts[n] = KEEP;
  return { ...map, mounts: { ...mounts, ...map.mounts } };
}
