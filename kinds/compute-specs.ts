import { z } from "zod";

/**
 * Compute settings as the REST API documents them (Clusters API `clusters/create`, Instance Pools API
 * `instance-pools/create`, SQL Warehouses API `warehouses/create`, Cluster Policies API): every field the
 * stack, verify or the report reads is type-checked, so `num_workers: "two"` is refused at the snapshot
 * read, naming the field, instead of reaching a provider. Fields not listed are kept as they are
 * (loose objects): the API grows faster than this list, and the stack passes them through.
 */

const str = z.string();
const int = z.number().int();
const count = z.number().int().nonnegative();
const strings = z.array(z.string());
/** `map<string, string>` in the API (spark_conf, spark_env_vars, custom_tags). */
export const stringMap = z.record(z.string(), z.string());

/** Init script destinations (`InitScriptInfo`): one of dbfs, workspace, volumes, abfss, file, s3, gcs. */
const destination = z.looseObject({ destination: str });
export const initScriptSchema = z.looseObject({
  dbfs: destination.optional(),
  workspace: destination.optional(),
  volumes: destination.optional(),
  abfss: destination.optional(),
  file: destination.optional(),
  s3: destination.optional(),
  gcs: destination.optional(),
});

/** A library (Libraries API `Library`): jar, egg, whl, requirements are paths; pypi, maven, cran packages. */
export const librarySchema = z.looseObject({
  jar: str.optional(),
  egg: str.optional(),
  whl: str.optional(),
  requirements: str.optional(),
  pypi: z.looseObject({ package: str, repo: str.optional() }).optional(),
  maven: z.looseObject({ coordinates: str, repo: str.optional(), exclusions: strings.optional() }).optional(),
  cran: z.looseObject({ package: str, repo: str.optional() }).optional(),
});

const azureAttributes = z.looseObject({
  availability: str.optional(),
  first_on_demand: int.optional(),
  spot_bid_max_price: z.number().optional(),
});

/** `ClusterSpec` (all-purpose clusters, job clusters, task clusters). */
export const clusterSpecSchema = z.looseObject({
  cluster_name: str.optional(),
  spark_version: str.optional(),
  node_type_id: str.optional(),
  driver_node_type_id: str.optional(),
  num_workers: count.optional(),
  autoscale: z.looseObject({ min_workers: count.optional(), max_workers: count.optional() }).optional(),
  autotermination_minutes: count.optional(),
  spark_conf: stringMap.optional(),
  spark_env_vars: stringMap.optional(),
  custom_tags: stringMap.optional(),
  instance_pool_id: str.optional(),
  driver_instance_pool_id: str.optional(),
  policy_id: str.optional(),
  apply_policy_default_values: z.boolean().optional(),
  single_user_name: str.optional(),
  data_security_mode: str.optional(),
  runtime_engine: str.optional(),
  kind: str.optional(),
  is_single_node: z.boolean().optional(),
  use_ml_runtime: z.boolean().optional(),
  enable_elastic_disk: z.boolean().optional(),
  enable_local_disk_encryption: z.boolean().optional(),
  init_scripts: z.array(initScriptSchema).optional(),
  ssh_public_keys: strings.optional(),
  azure_attributes: azureAttributes.optional(),
  cluster_log_conf: z.looseObject({}).optional(),
  disk_spec: z.looseObject({ disk_count: count.optional(), disk_size: count.optional() }).optional(),
  docker_image: z.looseObject({ url: str.optional() }).optional(),
});

/** `instance-pools/create`. */
export const poolSpecSchema = z.looseObject({
  instance_pool_name: str.optional(),
  node_type_id: str.optional(),
  min_idle_instances: count.optional(),
  max_capacity: count.optional(),
  idle_instance_autotermination_minutes: count.optional(),
  enable_elastic_disk: z.boolean().optional(),
  preloaded_spark_versions: strings.optional(),
  custom_tags: stringMap.optional(),
  azure_attributes: azureAttributes.optional(),
  disk_spec: z.looseObject({}).optional(),
  preloaded_docker_images: z.array(z.looseObject({ url: str.optional() })).optional(),
});

/** `warehouses/create` (what the stack sends and the report prices). */
export const warehouseSpecSchema = z.looseObject({
  name: str.optional(),
  cluster_size: str.optional(),
  min_num_clusters: count.optional(),
  max_num_clusters: count.optional(),
  auto_stop_mins: count.optional(),
  enable_photon: z.boolean().optional(),
  enable_serverless_compute: z.boolean().optional(),
  auto_resume: z.boolean().optional(),
  warehouse_type: z.enum(["TYPE_UNSPECIFIED", "CLASSIC", "PRO"]).optional(),
  spot_instance_policy: str.optional(),
  channel: z.looseObject({ name: str.optional(), dbsql_version: str.optional() }).optional(),
  tags: z
    .looseObject({ custom_tags: z.array(z.looseObject({ key: str, value: str })).optional() })
    .optional(),
});

/**
 * A cluster policy definition: a JSON document (held as a string, as the API holds it) mapping attribute
 * paths to rules; each rule is an object whose `type` is one the Cluster Policies docs define.
 */
export const POLICY_RULE_TYPES = [
  "fixed",
  "forbidden",
  "allowlist",
  "blocklist",
  "regex",
  "range",
  "unlimited",
] as const;

export const policyDefinition = z.string().superRefine((text, ctx) => {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "is not a JSON document" });
    return;
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    ctx.addIssue({ code: "custom", message: "must be a JSON object of attribute rules" });
    return;
  }
  for (const [key, rule] of Object.entries(doc)) {
    const type = (rule as { type?: unknown } | null)?.type;
    if (!rule || typeof rule !== "object" || Array.isArray(rule))
      ctx.addIssue({ code: "custom", message: `rule ${JSON.stringify(key)} must be an object` });
    else if (type !== undefined && !(POLICY_RULE_TYPES as readonly unknown[]).includes(type))
      ctx.addIssue({
        code: "custom",
        message: `rule ${JSON.stringify(key)} has type ${JSON.stringify(type)}, not one of ${POLICY_RULE_TYPES.join(", ")}`,
      });
  }
});

/** Any JSON document as a string (policy family overrides). */
export const jsonString = z.string().refine((t) => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}, "is not a JSON document");
