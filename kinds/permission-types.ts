import { z } from "zod";
import { KindName } from "./common";

/**
 * Permission object types (the `/api/2.0/permissions/{type}/{id}` segment) and the descriptor kind that
 * names the object. `authorization/*` objects are workspace-wide and have no descriptor of their own.
 */
export const PERMISSION_OBJECT_TYPES = {
  clusters: "cluster",
  "cluster-policies": "cluster-policy",
  "instance-pools": "instance-pool",
  jobs: "job",
  notebooks: "notebook",
  directories: "directory",
  files: "workspace-file",
  repos: "repo",
  "sql/warehouses": "sql-warehouse",
  pipelines: "pipeline",
  // Databricks SQL objects: the legacy SQL permissions API (/api/2.0/preview/sql/permissions/{type}/{id}).
  queries: "sql-query",
  alerts: "sql-alert",
  "authorization/tokens": null,
  "authorization/passwords": null,
} as const satisfies Record<string, KindName | null>;
export type PermissionObjectType = keyof typeof PERMISSION_OBJECT_TYPES;
export const permissionObjectType = z.enum(
  Object.keys(PERMISSION_OBJECT_TYPES) as [PermissionObjectType, ...PermissionObjectType[]],
);

/**
 * The permission levels the Permissions API documents per object type (as the Databricks Terraform
 * provider's permission definitions also list them): a level another type has, or none has, is refused.
 */
export const PERMISSION_LEVELS = {
  clusters: ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"],
  "cluster-policies": ["CAN_USE"],
  "instance-pools": ["CAN_ATTACH_TO", "CAN_MANAGE"],
  jobs: ["CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"],
  notebooks: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  directories: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  files: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  repos: ["CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  "sql/warehouses": ["CAN_USE", "CAN_MANAGE", "CAN_MONITOR", "CAN_VIEW", "IS_OWNER"],
  pipelines: ["CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"],
  queries: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  alerts: ["CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"],
  "authorization/tokens": ["CAN_USE", "CAN_MANAGE"],
  "authorization/passwords": ["CAN_USE"],
} as const satisfies Record<PermissionObjectType, readonly string[]>;
