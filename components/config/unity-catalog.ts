import { z } from "zod";

/** Unity Catalog ids (metastores, accounts) are UUIDs. */
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a UUID");

/** An ADLS Gen2 URL, the only storage a metastore on Azure uses. */
const abfssUrl = z
  .string()
  .regex(
    /^abfss:\/\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]@[a-z0-9]{3,24}\.dfs\.core\.windows\.net(\/.*)?$/,
    "must be abfss://<container>@<account>.dfs.core.windows.net/<path>",
  );

const accessConnectorId = z
  .string()
  .regex(
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Databricks\/accessConnectors\/[^/]+$/i,
    "must be an Azure Databricks access connector resource id",
  );

const existingMetastore = z
  .object({
    mode: z.literal("existing"),
    /** The secondary region's metastore (one per region and account). */
    metastoreId: uuid,
  })
  .strict();

const createdMetastore = z
  .object({
    mode: z.literal("create"),
    /** The Databricks account (account console), for the account-level provider. */
    accountId: uuid,
    accountHost: z
      .string()
      .regex(/^https:\/\/[^/]+\/?$/, "must be https://<host>")
      .default("https://accounts.azuredatabricks.net"),
    name: z.string().min(1),
    /** Defaults to the stack's location. */
    region: z.string().min(1).optional(),
    /** Optional: a metastore without a root keeps managed data in catalog-level locations only. */
    storageRoot: abfssUrl.optional(),
  })
  .strict();

const metastore = z.unknown().superRefine((v, ctx) => {
  const mode = (v as { mode?: unknown } | null)?.mode;
  if (mode !== "existing" && mode !== "create")
    ctx.addIssue({ code: "custom", path: ["mode"], message: 'must be "existing" or "create"' });
});

const deepClone = z
  .object({
    /** The Delta Sharing provider (the primary's metastore) as the secondary's metastore names it. */
    providerName: z.string().min(1),
    /** Primary catalog name -> the share holding its managed tables (schemas and tables keep their names). */
    shares: z.record(z.string(), z.string().min(1)),
    /** Quartz cron of the clone job. */
    schedule: z.string().min(1).default("0 0 */6 * * ?"),
    timezone: z.string().min(1).default("UTC"),
    /** The clone must run while the primary is up: unpause it while passive (default paused like every job). */
    runWhilePassive: z.boolean().default(false),
  })
  .strict();

export const unityCatalogSchema = z
  .object({
    metastore: metastore.pipe(z.discriminatedUnion("mode", [existingMetastore, createdMetastore])),
    /** Default catalog of the workspace's metastore assignment. */
    defaultCatalog: z.string().min(1).optional(),
    /** Existing access connector (required with existingWorkspace; otherwise one is created). */
    accessConnectorId: accessConnectorId.optional(),
    /** Numeric workspace id, when existingWorkspace.url does not carry it (adb-<id>.<n>.azuredatabricks.net). */
    workspaceId: z.string().regex(/^\d+$/, "must be the numeric workspace id").optional(),
    /** The storage credential of the secondary's access connector. */
    storageCredentialName: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/, "letters, digits, '_' and '-'")
      .optional(),
    /**
     * Source (primary) id of a replicated SQL warehouse: runs the SQL of external tables and views and the
     * deep-clone job; without it the provider starts a cluster of its own for table SQL.
     */
    warehouse: z.string().min(1).optional(),
    /** Create the job that deep-clones managed tables through Delta Sharing. */
    deepCloneJob: z.boolean().default(false),
    deepClone: deepClone.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.deepCloneJob && !v.deepClone)
      ctx.addIssue({
        code: "custom",
        path: ["deepClone"],
        message: "is required when deepCloneJob is true: {providerName, shares}",
      });
    if (v.deepCloneJob && !v.warehouse)
      ctx.addIssue({
        code: "custom",
        path: ["warehouse"],
        message:
          "is required when deepCloneJob is true: the SQL warehouse (its primary id) the clone runs on",
      });
  });

export type UnityCatalogConfig = z.infer<typeof unityCatalogSchema>;
export type MetastoreConfig = UnityCatalogConfig["metastore"];

/** The numeric workspace id an Azure Databricks URL carries (`https://adb-<id>.<n>.azuredatabricks.net`). */
export function workspaceIdFromUrl(url: string): string | undefined {
  return /^https:\/\/adb-(\d+)\.\d+\.azuredatabricks\.net\/?$/.exec(url)?.[1];
}

/**
 * What unityCatalog needs from the rest of the config: a problem as `[key, detail]`, or none. Only the
 * secondary replicates Unity Catalog; an existing workspace brings its own access connector (no Azure
 * resources are created then) and a workspace id the metastore assignment can name.
 */
export function unityCatalogProblem(
  uc: UnityCatalogConfig,
  role: string,
  existingWorkspace?: { url: string },
): [string, string] | undefined {
  if (role !== "secondary") return ["unityCatalog", "applies to the secondary stack only (role: secondary)"];
  if (existingWorkspace && !uc.accessConnectorId)
    return [
      "unityCatalog.accessConnectorId",
      "is required with existingWorkspace (no Azure resources are created): the access connector's resource id",
    ];
  if (existingWorkspace && !uc.workspaceId && !workspaceIdFromUrl(existingWorkspace.url))
    return [
      "unityCatalog.workspaceId",
      "is required: existingWorkspace.url is not https://adb-<workspace id>.<n>.azuredatabricks.net",
    ];
  return undefined;
}
