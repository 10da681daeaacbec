import { z } from "zod";
import { KIND_NAMES, KindName } from "../../kinds/common";
import { SecretValue } from "./secret-value";
import { PrimaryOverrides, primaryOverridesSchema, primaryStackSchema } from "../stacks/primary-outputs";
import { unityCatalogSchema, UnityCatalogConfig } from "./unity-catalog";
import { ManagedDrSettings, managedDrSchema } from "./managed-dr";
import { ipv4OrCidr } from "../../kinds/ip-access-list/schema";

/** Every setting lives under this one Pulumi config namespace: `databricks-dr:<key>`. */
export const CONFIG_NAMESPACE = "databricks-dr";

export const ROLES = ["primary", "secondary"] as const;
export type Role = (typeof ROLES)[number];

/** Storage SKUs whose data survives the loss of a region (guide requirement 2). */
export const GEO_REDUNDANT_SKUS = [
  "Standard_GRS",
  "Standard_RAGRS",
  "Standard_GZRS",
  "Standard_RAGZRS",
] as const;
export type GeoRedundantSku = (typeof GEO_REDUNDANT_SKUS)[number];
const LOCAL_SKUS = ["Standard_LRS", "Standard_ZRS", "Premium_LRS", "Premium_ZRS"];

export const CLUSTER_START_POLICIES = ["noWait", "skipAllPurpose", "keepOriginal"] as const;
export type ClusterStartPolicy = (typeof CLUSTER_START_POLICIES)[number];

const kindName = z.enum(KIND_NAMES);
const workspacePrefix = z
  .string()
  .refine((p) => p.startsWith("/"), "must be an absolute workspace path such as /Users or /Shared/etl");

const storageSku = z.string().superRefine((v, ctx) => {
  if ((GEO_REDUNDANT_SKUS as readonly string[]).includes(v)) return;
  ctx.addIssue({
    code: "custom",
    message: LOCAL_SKUS.includes(v)
      ? `${v} keeps data in one region and is refused for disaster recovery: use one of ${GEO_REDUNDANT_SKUS.join(", ")}`
      : `unknown SKU "${v}": use one of ${GEO_REDUNDANT_SKUS.join(", ")}`,
  });
});

/** Container names as Azure accepts them. */
const containerName = z
  .string()
  .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, "3-63 lowercase letters, digits and single hyphens");

const mountSchema = z.object({
  /** Mount point under /mnt. */
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '_', '.', '-' (mounted at /mnt/<name>)"),
  container: containerName,
  directory: z.string().startsWith("/").optional(),
  /** Defaults to this region's storage account; required in existing-workspace mode. */
  storageAccount: z.string().optional(),
});
export type MountConfig = z.infer<typeof mountSchema>;

const accountName = z.string().regex(/^[a-z0-9]{3,24}$/, "3-24 lowercase letters and digits");
/** A storage map target may be an RA-GRS account's read-access endpoint, `<account>-secondary` (read-only). */
const targetAccount = z
  .string()
  .regex(/^[a-z0-9]{3,24}(-secondary)?$/, "3-24 lowercase letters and digits, or <account>-secondary");
const mountName = mountSchema.shape.name;
/** A Unity Catalog catalog name (one path segment of /Volumes/<catalog>/...). */
const catalogName = z.string().regex(/^[^/\s.]+$/, "a catalog name (no '/', '.' or spaces)");
/** See components/mapping/storage-map.ts: "keep" = the same name serves the secondary (GRS failover). */
const storageMapSchema = z
  .object({
    accounts: z
      .record(
        accountName,
        z.union([
          targetAccount,
          z
            .object({ account: targetAccount, containers: z.record(containerName, containerName).optional() })
            .strict(),
        ]),
      )
      .optional(),
    catalogs: z.record(catalogName, catalogName).optional(),
    mounts: z.record(mountName, mountName).optional(),
  })
  .strict();
export type StorageMapConfig = z.infer<typeof storageMapSchema>;

/** Azure node types are `Standard_*`; the map gives the Azure type for a primary's AWS/GCP one. */
const nodeTypeMapSchema = z.record(
  z.string().min(1),
  z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "an Azure node type such as Standard_DS3_v2"),
);

const granularitySchema = z
  .object({
    /** Up to this many notebooks + files + directories, one resource each; above, folder-tree sync resources. */
    notebooksPerObjectMax: z.number().int().nonnegative().default(500),
    /** Target objects (+ ACLs) per folder-tree sync resource (split by hash, so one may hold a few more). */
    treeSize: z.number().int().positive().default(500),
    /** Up to this many users, one resource each; above, user batches. */
    usersPerObjectMax: z.number().int().nonnegative().default(1000),
    userBatchSize: z.number().int().positive().default(500),
    /** Up to this many groups, one resource each; above, group batches. Members are held per group. */
    groupsPerObjectMax: z.number().int().nonnegative().default(200),
    groupBatchSize: z.number().int().positive().default(250),
    /** Up to this many jobs, one resource each; above, job batches (jobs linked by run_job share a batch). */
    jobsPerObjectMax: z.number().int().nonnegative().default(500),
    jobBatchSize: z.number().int().positive().default(250),
    /** Per object kind: up to this many ACLs, one Permissions resource each; above, ACL batches. */
    aclsPerObjectMax: z.number().int().nonnegative().default(200),
    aclBatchSize: z.number().int().positive().default(500),
  })
  .strict();
export type Granularity = z.infer<typeof granularitySchema>;

/**
 * How each key's raw string (Pulumi hands every value over as a string, structured ones as JSON) is decoded
 * before validation.
 */
type Decode = "string" | "bool" | "int" | "list" | "json";

interface KeySpec {
  decode: Decode;
  schema: z.ZodType;
  /** Must be set with `pulumi config set --secret`. */
  secret?: boolean;
  doc: string;
}

export const CONFIG_KEYS = {
  role: { decode: "string", schema: z.enum(ROLES), doc: "primary | secondary" },
  location: { decode: "string", schema: z.string().min(1), doc: "Azure region, e.g. eastus2 or westus" },
  namePrefix: {
    decode: "string",
    schema: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, "lowercase letters, digits, hyphens; 2-31 chars"),
    doc: "prefix of Azure resource names (default dbdr-<role>)",
  },
  vnetCidr: { decode: "string", schema: z.string(), doc: "VNet address space" },
  publicSubnetCidr: { decode: "string", schema: z.string(), doc: "host (public) subnet, at least /26" },
  privateSubnetCidr: {
    decode: "string",
    schema: z.string(),
    doc: "container (private) subnet, at least /26",
  },
  storageSku: { decode: "string", schema: storageSku, doc: GEO_REDUNDANT_SKUS.join(" | ") },
  storageAccountName: {
    decode: "string",
    schema: z.string().regex(/^[a-z0-9]{3,24}$/, "3-24 lowercase letters and digits"),
    doc: "storage account name (default derived from the prefix and stack)",
  },
  containers: { decode: "list", schema: z.array(containerName), doc: "ADLS Gen2 containers" },
  tags: { decode: "json", schema: z.record(z.string(), z.string()), doc: "Azure tags" },
  snapshotPath: { decode: "string", schema: z.string().min(1), doc: "snapshot directory to replicate" },
  clusterStartPolicy: {
    decode: "string",
    schema: z.enum(CLUSTER_START_POLICIES),
    doc: CLUSTER_START_POLICIES.join(" | "),
  },
  passiveAutoTerminationMinutes: {
    decode: "int",
    schema: z.number().int().min(10).max(10000),
    doc: "auto-termination of replicated clusters (and auto-stop of warehouses) while passive",
  },
  activation: { decode: "bool", schema: z.boolean(), doc: "cutover: jobs get back their original states" },
  prune: { decode: "bool", schema: z.boolean(), doc: "delete objects that left the snapshot" },
  includeKinds: { decode: "list", schema: z.array(kindName), doc: "only these kinds" },
  excludeKinds: { decode: "list", schema: z.array(kindName), doc: "all kinds but these" },
  includePaths: { decode: "list", schema: z.array(workspacePrefix), doc: "only these workspace prefixes" },
  excludePaths: { decode: "list", schema: z.array(workspacePrefix), doc: "not these workspace prefixes" },
  secrets: {
    decode: "json",
    schema: z.record(z.string(), z.record(z.string(), z.string())),
    secret: true,
    doc: "secret values, {scope: {key: value}}",
  },
  mounts: { decode: "json", schema: z.array(mountSchema), doc: "mounts to re-create" },
  mountAuth: {
    decode: "json",
    schema: z
      .object({
        clientId: z.string().min(1),
        tenantId: z.string().min(1),
        secretScope: z.string().min(1),
        secretKey: z.string().min(1),
      })
      .strict(),
    doc: "service principal the mounts authenticate as (its secret in a secret scope)",
  },
  existingWorkspace: {
    decode: "json",
    schema: z
      .object({
        url: z.string().regex(/^https:\/\/[^/]+\/?$/, "must be https://<host>"),
        resourceId: z
          .string()
          .regex(
            /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Databricks\/workspaces\/[^/]+$/i,
            "must be an Azure Databricks workspace resource id",
          ),
      })
      .strict(),
    doc: "replicate into a workspace provisioned elsewhere: no infrastructure",
  },
  primaryStack: {
    decode: "string",
    schema: primaryStackSchema,
    doc: "secondary: the primary stack whose outputs it reads (StackReference), e.g. org/databricks-dr/primary",
  },
  primary: {
    decode: "json",
    schema: primaryOverridesSchema,
    doc: "the primary's values by hand, or overrides of primaryStack's outputs (must agree)",
  },
  checkEntraId: { decode: "bool", schema: z.boolean(), doc: "check users and SPs exist in Entra ID" },
  databricksAuthType: {
    decode: "string",
    schema: z.enum(["azure-cli", "azure-msi", "azure-client-secret", "pat", "databricks-cli"]),
    doc: "auth type of the databricks provider (default: its own chain)",
  },
  granularity: { decode: "json", schema: granularitySchema, doc: "resource granularity thresholds" },
  unityCatalog: {
    decode: "json",
    schema: unityCatalogSchema,
    doc: "Unity Catalog in the secondary: metastore (existing | create), access connector, deep-clone job",
  },
  managedDr: {
    decode: "json",
    schema: managedDrSchema,
    doc: "Databricks Managed DR: account, failover group, workspace set, UC catalogs, stable URLs (secondary)",
  },
  storageMap: {
    decode: "json",
    schema: storageMapSchema,
    doc: 'primary storage in the secondary: {accounts: {acct: "keep" | acct2 | {account, containers}}, catalogs, mounts}',
  },
  secondaryIpAddresses: {
    decode: "list",
    schema: z.array(ipv4OrCidr),
    doc: "the secondary's own egress/NAT IPs and the addresses it is deployed and used from (IPv4/CIDR): ALLOW IP access lists are replicated only with them",
  },
  nodeTypeMap: {
    decode: "json",
    schema: nodeTypeMapSchema,
    doc: 'non-Azure node type -> Azure node type, e.g. {"i3.xlarge": "Standard_DS3_v2"}',
  },
} satisfies Record<string, KeySpec>;
export type ConfigKey = keyof typeof CONFIG_KEYS;

export interface StackConfig {
  project: string;
  stack: string;
  role: Role;
  location?: string;
  namePrefix: string;
  network: { vnetCidr: string; publicSubnetCidr: string; privateSubnetCidr: string };
  storage: { sku: GeoRedundantSku; accountName?: string; containers: string[] };
  tags: Record<string, string>;
  snapshotPath?: string;
  clusterStartPolicy: ClusterStartPolicy;
  passiveAutoTerminationMinutes: number;
  activation: boolean;
  prune: boolean;
  filters: {
    includeKinds?: KindName[];
    excludeKinds?: KindName[];
    includePaths?: string[];
    excludePaths?: string[];
  };
  /** `scope/key` -> value; never printed in clear. */
  secretValues: Map<string, SecretValue>;
  mounts: MountConfig[];
  mountAuth?: { clientId: string; tenantId: string; secretScope: string; secretKey: string };
  existingWorkspace?: { url: string; resourceId: string };
  /** The primary stack (StackReference) and hand-set values/overrides (components/stacks/). */
  primaryStack?: string;
  primary?: PrimaryOverrides;
  checkEntraId: boolean;
  databricksAuthType?: string;
  granularity: Granularity;
  /** Unity Catalog in the secondary (components/config/unity-catalog.ts); absent: none is replicated. */
  unityCatalog?: UnityCatalogConfig;
  /** Databricks Managed DR (components/config/managed-dr.ts): the secondary provisions the failover group. */
  managedDr?: ManagedDrSettings;
  /** Where paths to primary storage point in the secondary (components/mapping/storage-map.ts). */
  storageMap: StorageMapConfig;
  /** Non-Azure node type -> Azure node type. */
  nodeTypeMap: Record<string, string>;
  /** The secondary's own addresses (kinds/ip-access-list/mapping.ts): absent, no ALLOW list is replicated. */
  secondaryIpAddresses?: string[];
}

export const DEFAULTS = {
  vnetCidr: "10.139.0.0/16",
  publicSubnetCidr: "10.139.0.0/18",
  privateSubnetCidr: "10.139.64.0/18",
  storageSku: "Standard_RAGRS" as GeoRedundantSku,
  containers: ["data"],
  clusterStartPolicy: "noWait" as ClusterStartPolicy,
  passiveAutoTerminationMinutes: 10,
};
