import { z } from "zod";
import { apiShape, Ref } from "../common";
import { initScriptSchema, stringMap } from "../compute-specs";
import {
  clusterSpecReferences,
  fileReference,
  libraryReferences,
  stripWorkspacePrefix,
} from "../cluster-refs";

/**
 * A DLT pipeline (`GET /api/2.0/pipelines/{pipeline_id}`): its `spec` as the Pipelines API documents
 * `PipelineSpec`. Every field the stack or verify reads is type-checked; fields not listed are kept
 * (loose objects), as the API grows faster than this list.
 */
const str = z.string();
const count = z.number().int().nonnegative();

/** `PipelineCluster`: a cluster spec with a `label` (default, maintenance, updates) instead of a name. */
const pipelineClusterSchema = z.looseObject({
  label: str.optional(),
  num_workers: count.optional(),
  autoscale: z
    .looseObject({ min_workers: count, max_workers: count, mode: z.enum(["ENHANCED", "LEGACY"]).optional() })
    .optional(),
  node_type_id: str.optional(),
  driver_node_type_id: str.optional(),
  instance_pool_id: str.optional(),
  driver_instance_pool_id: str.optional(),
  policy_id: str.optional(),
  apply_policy_default_values: z.boolean().optional(),
  spark_conf: stringMap.optional(),
  spark_env_vars: stringMap.optional(),
  custom_tags: stringMap.optional(),
  init_scripts: z.array(initScriptSchema).optional(),
  ssh_public_keys: z.array(str).optional(),
});

/** `PipelineLibrary`: exactly one of notebook, file, glob (workspace or volume paths), jar, whl, maven. */
const pipelineLibrarySchema = z
  .looseObject({
    notebook: z.looseObject({ path: str }).optional(),
    file: z.looseObject({ path: str }).optional(),
    glob: z.looseObject({ include: str }).optional(),
    jar: str.optional(),
    whl: str.optional(),
    maven: z.looseObject({ coordinates: str, exclusions: z.array(str).optional() }).optional(),
  })
  .refine((l) => ["notebook", "file", "glob", "jar", "whl", "maven"].filter((k) => k in l).length === 1, {
    message: "a pipeline library is exactly one of notebook, file, glob, jar, whl, maven",
  });

export const pipelineSettingsSchema = z.looseObject({
  clusters: z.array(pipelineClusterSchema).optional(),
  libraries: z.array(pipelineLibrarySchema).optional(),
  continuous: z.boolean().optional(),
  development: z.boolean().optional(),
  photon: z.boolean().optional(),
  serverless: z.boolean().optional(),
  edition: str.optional(),
  channel: str.optional(),
  catalog: str.optional(),
  /** The target schema: `target` (legacy publishing mode) or `schema`; the API takes one of them. */
  target: str.optional(),
  schema: str.optional(),
  storage: str.optional(),
  root_path: str.optional(),
  configuration: stringMap.optional(),
  tags: stringMap.optional(),
  notifications: z
    .array(z.looseObject({ email_recipients: z.array(str).optional(), alerts: z.array(str).optional() }))
    .optional(),
  trigger: z
    .looseObject({
      cron: z.looseObject({ quartz_cron_schedule: str.optional(), timezone_id: str.optional() }).optional(),
      manual: z.looseObject({}).optional(),
    })
    .optional(),
  budget_policy_id: str.optional(),
});

export const pipelineSchema = z
  .object({
    /** The primary's `pipeline_id`: the stable id (a rename keeps it); the stack maps it to the secondary's. */
    id: z.string().min(1),
    name: z.string().min(1),
    /** `spec` as pipelines/get returns it, its `id` and `name` (kept above) left out. */
    settings: apiShape(pipelineSettingsSchema),
    /** run_as as the primary reported it (`run_as_user_name`: a user's name or an SP's application id). */
    runAs: z.string().min(1).optional(),
    /**
     * The Unity Catalog schema it publishes to (`catalog` + `schema`/`target`), by that schema's descriptor
     * id (`schema_id`, looked up at export): absent when the schema was not exported or for the Hive metastore.
     */
    schemaId: z.string().min(1).optional(),
  })
  .superRefine((d, ctx) => {
    const s = d.settings;
    if (s.target !== undefined && s.schema !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["settings", "schema"],
        message: "target and schema are exclusive",
      });
    if (
      s.serverless === true &&
      Array.isArray(s.clusters) &&
      s.clusters.some((c) => (c as { num_workers?: unknown }).num_workers !== undefined)
    )
      ctx.addIssue({
        code: "custom",
        path: ["settings", "clusters"],
        message: "a serverless pipeline has no cluster sizes",
      });
  });
export type PipelineDescriptor = z.infer<typeof pipelineSchema>;

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const path = (v: unknown): string | undefined =>
  v && typeof v === "object" && typeof (v as Obj).path === "string" ? ((v as Obj).path as string) : undefined;

/**
 * What a pipeline names: its clusters' policies, pools, init scripts; its notebooks and files (workspace
 * paths, the same in the secondary: remapped as notebooks are); jar/whl libraries; the target catalog
 * (a catalog's descriptor id is its name); the run-as principal.
 */
export function pipelineReferences(d: PipelineDescriptor): Ref[] {
  const s = d.settings;
  const refs: Ref[] = [];
  arr(s.clusters).forEach((c, i) => refs.push(...clusterSpecReferences(c, `settings.clusters[${i}]`)));
  arr(s.libraries).forEach((l, i) => {
    const at = `settings.libraries[${i}]`;
    const nb = path(l.notebook);
    if (nb?.startsWith("/"))
      refs.push({ kind: "notebook", id: stripWorkspacePrefix(nb), field: `${at}.notebook.path` });
    const file = path(l.file);
    const r = file ? fileReference(file, `${at}.file.path`) : undefined;
    if (r) refs.push(r);
  });
  refs.push(...libraryReferences(s.libraries, "settings.libraries"));
  if (typeof s.catalog === "string" && s.catalog !== "")
    refs.push({ kind: "uc-catalog", id: s.catalog, field: "settings.catalog" });
  if (d.schemaId) refs.push({ kind: "uc-schema", id: d.schemaId, field: "schemaId" });
  if (d.runAs)
    refs.push({ kind: d.runAs.includes("@") ? "user" : "service-principal", id: d.runAs, field: "runAs" });
  return refs;
}
