import { z } from "zod";
import { UC_KIND_NAMES } from "./unity-catalog/names";

/**
 * Bumped whenever a descriptor's or the manifest's shape changes in a way older readers cannot load.
 * 2: the manifest lists every file of the snapshot (`files`: sha256 and size), not only descriptor hashes.
 * 3: a group's id is the primary's SCIM group id (was its displayName), and so is every reference to a group
 *    (members, ACL principals): a snapshot of 2 is refused with "export the snapshot again".
 */
export const SCHEMA_VERSION = 3;

export const KIND_NAMES = [
  "user",
  "group",
  "service-principal",
  "directory",
  "notebook",
  "workspace-file",
  "repo",
  "dbfs-file",
  "instance-pool",
  "cluster-policy",
  "cluster",
  // DLT pipelines: kinds/pipeline/ (before jobs: a pipeline task names one).
  "pipeline",
  // Databricks SQL: kinds/sql-query/, kinds/sql-alert/ (before jobs: a sql_task names them).
  "sql-query",
  "sql-alert",
  // Dashboards: kinds/sql-dashboard/ (legacy), kinds/dashboard/ (AI/BI); before jobs (dashboard tasks).
  "sql-dashboard",
  "dashboard",
  "job",
  "global-init-script",
  "secret-scope",
  "sql-warehouse",
  "workspace-conf",
  // IP access lists: kinds/ip-access-list/ (after workspace-conf, which carries enableIpAccessLists).
  "ip-access-list",
  // MLflow: kinds/mlflow-experiment/, kinds/mlflow-model/ (the workspace model registry).
  "mlflow-experiment",
  "mlflow-model",
  // Model serving endpoints: kinds/serving-endpoint/ (after secret scopes: an external model reads a key).
  "serving-endpoint",
  "permissions",
  // Unity Catalog securables: kinds/unity-catalog/.
  ...UC_KIND_NAMES,
] as const;
export type KindName = (typeof KIND_NAMES)[number];
export const kindNameSchema = z.enum(KIND_NAMES);

/** A reference from one descriptor to another, by the SOURCE (primary) id; the stack remaps it. */
export interface Ref {
  kind: KindName;
  id: string;
  /** Dotted path of the field holding the reference, e.g. `settings.tasks[0].existing_cluster_id`. */
  field: string;
}

/** Settings objects copied from the API: known fields are typed, unknown ones carried as-is. */
export const apiObject = z.record(z.string(), z.unknown());
export type ApiObject = z.infer<typeof apiObject>;

/**
 * An API settings object checked against its documented shape (kinds/compute-specs.ts, job/settings-schema.ts)
 * but typed as a plain ApiObject: the stack and verify read it field by field, as the API returns it.
 */
export function apiShape(schema: z.ZodType<Record<string, unknown>>): z.ZodType<ApiObject> {
  return schema as unknown as z.ZodType<ApiObject>;
}

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 hex digest");

/** Workspace paths are absolute, never contain `..` segments or control characters. */
export const workspacePath = z
  .string()
  .min(1)
  .refine((p) => p.startsWith("/"), "must be an absolute workspace path")
  .refine((p) => !p.split("/").includes(".."), "must not contain '..'")
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\u0000-\u001f]/.test(p), "must not contain control characters");

/** A file inside the snapshot, relative to its root, that holds content (never absolute, never escaping). */
export const snapshotFile = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\\"), {
    message: "must be a relative path inside the snapshot",
  });

export const contentRef = z.object({
  /** Where the bytes live in the snapshot, relative to its root. */
  file: snapshotFile,
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
});
export type ContentRef = z.infer<typeof contentRef>;

export const pauseStatus = z.enum(["PAUSED", "UNPAUSED"]);
export type PauseStatus = z.infer<typeof pauseStatus>;

export const principalKind = z.enum(["user", "group", "service-principal"]);
export type PrincipalKind = z.infer<typeof principalKind>;
/**
 * A principal by its source id: userName, SP applicationId (the same in both workspaces), a group's SCIM id
 * in the primary (a rename keeps it; the stack names the group by its current displayName).
 */
export const principalRef = z.object({ kind: principalKind, id: z.string().min(1) });
export type PrincipalRef = z.infer<typeof principalRef>;
