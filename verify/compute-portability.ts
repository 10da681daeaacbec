import type { ExpectedRule } from "./rules";
import { expectedLocation, VerifyStorageMap } from "./uc-storage";

/**
 * Compute settings the stack changes on purpose for an Azure secondary (README, "Compute in the
 * secondary"): other clouds' attributes dropped, non-Azure node types mapped by `databricks-dr:nodeTypeMap`.
 * Spelled out here from that documented meaning; verify reads no stack code.
 */
const CLOUD_FIELDS = ["aws_attributes", "gcp_attributes"];
const NODE_FIELDS = ["node_type_id", "driver_node_type_id"];

/** The fields under each compute spec prefix (`spec`, `settings.tasks[].new_cluster`, ...). */
const under = (prefixes: readonly string[], fields: readonly string[]) =>
  prefixes.flatMap((p) => fields.map((f) => `${p}.${f}`));

export function otherCloudDropped(prefixes: readonly string[]): ExpectedRule {
  return {
    id: "other-cloud-dropped",
    paths: under(prefixes, CLOUD_FIELDS),
    explain: (d) =>
      d.primary !== undefined && d.secondary === undefined
        ? "another cloud's settings: the stack drops them for an Azure secondary (listed in manualActions)"
        : undefined,
  };
}

export function nodeTypeMapped(prefixes: readonly string[]): ExpectedRule {
  return {
    id: "node-type-mapped",
    paths: under(prefixes, NODE_FIELDS),
    explain: (d, ctx) =>
      typeof d.primary === "string" &&
      ctx.nodeTypeMap?.[d.primary] !== undefined &&
      ctx.nodeTypeMap[d.primary] === d.secondary
        ? `mapped to an Azure node type by databricks-dr:nodeTypeMap`
        : undefined,
  };
}

/** Where compute specs sit in each kind's descriptor. */
export const SPEC_PREFIXES = {
  cluster: ["spec"],
  "instance-pool": ["spec"],
  job: [
    "settings.tasks[].new_cluster",
    "settings.job_clusters[].new_cluster",
    "settings.tasks[].for_each_task.task.new_cluster",
  ],
} as const;

export const portabilityRules = (prefixes: readonly string[]): ExpectedRule[] => [
  otherCloudDropped(prefixes),
  nodeTypeMapped(prefixes),
  storagePathRewritten(prefixes),
];

const VOLUME = /^(dbfs:|\/dbfs)?\/Volumes\/([^/]+)(\/.*)?$/;
const MOUNT = /^(dbfs:|\/dbfs)?\/mnt\/([^/]+)(\/.*)?$/;

function named(m: Record<string, string> | undefined, name: string): string | undefined {
  if (!m) return undefined;
  const k = Object.keys(m).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : m[k];
}

/** The path the storage map gives the secondary (README: accounts, catalogs, mounts; "keep" = unchanged). */
export function expectedStoragePath(p: string, map: VerifyStorageMap): string | undefined {
  const uri = expectedLocation(p, map);
  if (uri !== undefined) return uri;
  for (const [re, dir, entries] of [
    [VOLUME, "Volumes", map.catalogs],
    [MOUNT, "mnt", map.mounts],
  ] as const) {
    const m = re.exec(p);
    if (!m) continue;
    const target = named(entries, m[2]);
    if (target === undefined) return undefined;
    return target === "keep" ? p : `${m[1] ?? ""}/${dir}/${target}${m[3] ?? ""}`;
  }
  return undefined;
}

/** Init-script destinations the stack rewrote by `databricks-dr:storageMap`. */
export function storagePathRewritten(prefixes: readonly string[]): ExpectedRule {
  return {
    id: "storage-path-rewritten",
    paths: prefixes.flatMap((p) =>
      ["volumes", "abfss", "dbfs"].map((k) => `${p}.init_scripts[].${k}.destination`),
    ),
    explain: (d, ctx) =>
      ctx.storageMap &&
      typeof d.primary === "string" &&
      d.primary !== d.secondary &&
      expectedStoragePath(d.primary, ctx.storageMap) === d.secondary
        ? "rewritten by databricks-dr:storageMap"
        : undefined,
  };
}
