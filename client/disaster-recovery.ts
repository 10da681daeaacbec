import type { DatabricksClient } from "./client";

/**
 * The account-level Managed Disaster Recovery API (`/api/disaster-recovery/v1`, REST reference
 * docs.databricks.com/api/azure/account/disasterrecovery): read a failover group, start its failover.
 * Bodies are the API's own (snake_case); the caller's client points at the account host.
 */
export interface FailoverGroup {
  name: string;
  regions?: string[];
  effective_primary_region?: string;
  workspace_sets?: {
    name?: string;
    workspace_ids?: string[];
    replicate_workspace_assets?: boolean;
    stable_url_names?: string[];
  }[];
  unity_catalog_assets?: {
    catalogs?: { name?: string }[];
    data_replication_workspace_set?: string;
    location_mappings?: { name?: string; uri_by_region?: { region?: string; uri?: string }[] }[];
  };
  /** ACTIVE, CREATING, CREATION_FAILED, DELETING, DELETION_FAILED, FAILING_OVER, FAILOVER_FAILED, INITIAL_REPLICATION. */
  state?: string;
  etag?: string;
  replication_point?: string;
  update_time?: string;
}

/** The only failover type the API documents (FailoverFailoverGroupRequest.failover_type). */
export const FAILOVER_TYPE = "FORCED";

export const failoverGroupPath = (name: string) => `/api/disaster-recovery/v1/${name}`;

export async function getFailoverGroup(client: DatabricksClient, name: string): Promise<FailoverGroup> {
  return client.request<FailoverGroup>("GET", failoverGroupPath(name));
}

/**
 * Starts a failover to `target`. The etag read before makes the call refuse if the group changed since, and
 * the target region is the API's idempotency check; never retried by the client (a lost answer is settled by
 * reading the group again, not by a second failover).
 */
export async function startFailover(
  client: DatabricksClient,
  group: FailoverGroup,
  target: string,
): Promise<FailoverGroup> {
  return client.request<FailoverGroup>("POST", `${failoverGroupPath(group.name)}/failover`, {
    body: {
      failover_type: FAILOVER_TYPE,
      target_primary_region: target,
      ...(group.etag ? { etag: group.etag } : {}),
    },
    maxRetries: 0,
  });
}
