/**
 * Fields the API returns but create/edit do not accept: runtime state, ids, timestamps, sizes. Descriptors
 * never hold them (the exporter strips them); the stack strips them again as a second net.
 */
export const CLUSTER_READ_ONLY = [
  "cluster_id",
  "spec",
  "state",
  "state_message",
  "cluster_source",
  "creator_user_name",
  "default_tags",
  "driver",
  "executors",
  "spark_context_id",
  "jdbc_port",
  "start_time",
  "terminated_time",
  "termination_reason",
  "cluster_cores",
  "cluster_memory_mb",
  "cluster_log_status",
  "pinned_by_user_name",
  "init_scripts_safe_mode",
  "effective_spark_version",
  "instance_source",
  "driver_instance_source",
  "driver_healthy",
] as const;
export const CLUSTER_READ_ONLY_PREFIXES = ["last_"] as const;

export const POOL_READ_ONLY = ["instance_pool_id", "state", "stats", "status", "default_tags"] as const;

export const WAREHOUSE_READ_ONLY = [
  "id",
  "state",
  "health",
  "jdbc_url",
  "odbc_params",
  "creator_id",
  "creator_name",
  "num_clusters",
  "num_active_sessions",
] as const;
