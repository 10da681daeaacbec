import type { ExpectedRule } from "./rules";

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
];
