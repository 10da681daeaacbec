import type { z } from "zod";
import type * as databricks from "@pulumi/databricks";
import type { KindName, Ref } from "./common";

/**
 * A kind's CONTRACT: what a descriptor of the kind looks like and every per-kind fact the cross-cutting
 * tables are derived from (kinds/contracts.ts lists the contracts; kinds/pipeline/ shows one). Pure: zod and
 * kinds/common only at runtime (the provider's types are erased), so the snapshot reader, the exporter and
 * verify load it without the stack.
 */
export interface KindContract<K extends KindName = KindName, S extends z.ZodType = z.ZodType> {
  name: K;
  /** Plural label for tables and reports. */
  title: string;
  schema: S;
  /** References to other descriptors, by their source ids. */
  references(d: z.infer<S>): Ref[];
  /** Does the descriptor point at content files in the snapshot? */
  hasContent: boolean;
  /** Its objects have ACLs (a `permissions` descriptor per object): kinds/permissions.ts derives from it. */
  permissions?: KindPermissions;
  /**
   * Without the referenced object a referencing one cannot exist correctly in the secondary: it is skipped
   * and reported (components/mapping/refs.ts HARD_REFERENCE_KINDS). Absent: a soft reference (kept, noted).
   */
  hardReference?: boolean;
  /**
   * Fields of a job task (dotted, inside one task: `pipeline_task.pipeline_id`) that name an object of this
   * kind by its id: the job references it (kinds/jobs.ts) and gets the secondary's id. Only kinds listed
   * before `job` in KIND_NAMES (a job is provisioned after what its tasks run).
   */
  jobTaskReferences?: readonly string[];
  /**
   * The workspace object family of exporters/inventory.ts WORKSPACE_FAMILIES this kind replicates: counted
   * with the kind, no longer listed as not replicated.
   */
  inventoryFamily?: string;
  /** What a cold `pulumi up` sends per object (report/rto-rates.ts), as the round trip measures it. */
  rto?: KindRto;
}

/** Where a kind's objects' ACLs live (`/api/2.0/permissions/{objectType}/{id}`). */
export interface KindPermissions<T extends string = string> {
  objectType: T;
  /** The levels the Permissions API documents for the type (a level not listed is refused at load). */
  levels: readonly string[];
  /** The databricks.Permissions argument naming the object (`pipelineId`). */
  providerArg: keyof databricks.PermissionsArgs;
  /** The `{type}` of the API path when it differs from objectType (legacy SQL dashboards: `dashboards`). */
  apiType?: string;
  /**
   * Above the ACL threshold the stack may write the type's ACLs in batches (components/dynamic/acl-batch-impl.ts
   * PUTs /api/2.0/permissions/{objectType}/{id} with the replica's registry value as id): only for types
   * whose registry value is that id. Default: one Permissions resource per object.
   */
  batchable?: boolean;
  /** `sql-legacy`: read through /api/2.0/preview/sql/permissions/{type}/{id} (flat entries). Default: permissions. */
  api?: "permissions" | "sql-legacy";
  /**
   * How the permissions exporter finds the objects: `descriptor` (default) the kind's exported descriptors,
   * their id being the API id; `workspace-tree` the workspace walk (by path); `repos` the repos listing.
   */
  targets?: "descriptor" | "workspace-tree" | "repos";
}

/**
 * Requests per object, per endpoint family (report/rto-rates.ts KindRate), and the cold-apply stage. Family
 * names are client/families.ts's (checked when report/rto-rates.ts loads: kinds/ must not reach client/).
 */
export interface KindRto {
  perObject: Readonly<Record<string, number>>;
  /** When the kind is batched (omitted: as perObject). */
  batched?: Readonly<Record<string, number>>;
  /** The stage of report/rto-rates.ts COLD_STAGES it is applied in. */
  stage: string;
}

/**
 * Declares a kind's contract, keeping its name, schema and permission object type as literal types (the
 * derived tables are typed from them).
 */
export function defineKind<
  const K extends KindName,
  S extends z.ZodType,
  const P extends KindPermissions | undefined = undefined,
>(contract: KindContract<K, S> & { permissions?: P }): KindContract<K, S> & { permissions: P } {
  return contract as KindContract<K, S> & { permissions: P };
}

/** A job-task field naming an object of `kind` (kinds/registry.ts JOB_TASK_REFERENCES collects them). */
export interface JobTaskReference {
  kind: KindName;
  /** Dotted, inside one task: `pipeline_task.pipeline_id`. */
  path: string;
}

/** Names of a tuple of contracts, in order. */
export type NamesOf<T extends readonly { name: KindName }[]> = { -readonly [I in keyof T]: T[I]["name"] };
/** `true` only when A and B are the same type (used as compile-time checks of the lists). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
