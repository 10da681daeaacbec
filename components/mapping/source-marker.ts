import type * as databricks from "@pulumi/databricks";

/**
 * The tag key of the primary object's id (its source id) on what the stack creates: jobs (SOURCE_TAG of
 * components/dynamic/job-batch-impl.ts, the same text), clusters and SQL warehouses. It ties a secondary
 * object to its primary one whatever its name, so it can be found again after a rename or a lost state.
 */
export const SOURCE_TAG = "databricks-dr-source-id";

/**
 * Pools get their own key: the VMs of a pool-backed cluster carry the pool's custom tags and the
 * cluster's together, and one key with two values (the pool's id, the cluster's) would collide there.
 */
export const POOL_SOURCE_TAG = "databricks-dr-pool-source-id";

type TagMap = Record<string, string>;

/** A custom-tags map (clusters, pools) with the marker set to `sourceId` (a marker from elsewhere replaced). */
export function withSourceTag(tags: unknown, key: string, sourceId: string): TagMap {
  const own = tags && typeof tags === "object" && !Array.isArray(tags) ? (tags as TagMap) : {};
  return { ...own, [key]: sourceId };
}

type WarehouseTags = databricks.types.input.SqlEndpointTags;
type WarehouseTag = databricks.types.input.SqlEndpointTagsCustomTag;

/** A warehouse's `tags` block (a list of key/value pairs, not a map) with the marker as its last pair. */
export function withWarehouseSourceTag(tags: WarehouseTags | undefined, sourceId: string): WarehouseTags {
  const list = Array.isArray(tags?.customTags) ? (tags.customTags as WarehouseTag[]) : [];
  return {
    ...tags,
    customTags: [...list.filter((t) => t.key !== SOURCE_TAG), { key: SOURCE_TAG, value: sourceId }],
  };
}
