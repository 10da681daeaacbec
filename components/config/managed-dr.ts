import { z } from "zod";

/**
 * `databricks-dr:managedDr`: Databricks Managed Disaster Recovery (account API `disaster-recovery/v1`,
 * Mission Critical tier). The secondary stack then provisions the failover group and its stable URLs with
 * an account-level provider, and leaves to Databricks what the group replicates. Field meanings follow the
 * FailoverGroup object of the API reference (docs.databricks.com/api/azure/account/disasterrecovery).
 */

/** Workspace ids are numbers, carried as strings (as the API and the provider take them). */
const workspaceId = z.string().regex(/^\d{1,20}$/, "a workspace id: digits only (the o=<id> of its URL)");
/** Azure region names as Databricks lists them: eastus2, westus, northeurope. */
const region = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, "an Azure region name such as eastus2 or westus");
/** Client-chosen ids of a failover group or a stable URL, used in resource names `.../failover-groups/<id>`. */
const resourceId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "1-63 lowercase letters, digits and hyphens");
/** A cloud storage URI a location mapping gives per region. */
const storageUri = z
  .string()
  .regex(
    /^(abfss|s3|gs|r2):\/\/\S+$/,
    "a storage URI such as abfss://container@account.dfs.core.windows.net/path",
  );
const catalogName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,254}$/, "a Unity Catalog catalog name");

const side = z.object({ workspaceId, region }).strict();

export const managedDrSchema = z
  .object({
    /** The Databricks account id (a UUID): the resources' parent is `accounts/<accountId>`. */
    accountId: z.string().uuid("the Databricks account id, a UUID"),
    /** Account console host the account-level provider talks to. */
    accountHost: z
      .string()
      .regex(/^https:\/\/[^/\s]+\/?$/, "must be https://<host>")
      .default("https://accounts.azuredatabricks.net"),
    /** The failover group's client-chosen id: `accounts/<accountId>/failover-groups/<failoverGroup>`. */
    failoverGroup: resourceId,
    /** The one workspace set this project replicates: the primary's workspace and the secondary's. */
    workspaceSet: z
      .object({
        name: resourceId,
        /** With primaryStack, optional: filled from the primary stack's outputs (components/stacks/link.ts). */
        primary: side.optional(),
        secondary: side,
        /** Control plane DR: Databricks replicates notebooks, jobs, clusters, SQL warehouses and ACLs. */
        replicateWorkspaceAssets: z.boolean().default(false),
      })
      .strict(),
    /** Unity Catalog catalogs the group replicates (metadata, managed table data, grants). */
    unityCatalog: z
      .object({
        catalogs: z.array(catalogName).min(1, "list at least one catalog, or leave unityCatalog out"),
        /** Storage URI of each location in each region: `{name, uris: {<region>: <uri>}}`. */
        locationMappings: z
          .array(z.object({ name: resourceId, uris: z.record(region, storageUri) }).strict())
          .default([]),
      })
      .strict()
      .optional(),
    /** Stable URLs to create (ids), each bound first to the primary and following the group's primary. */
    stableUrls: z.array(resourceId).default([]),
    /** Auth type of the account-level provider (default: its own chain). */
    authType: z.enum(["azure-cli", "azure-msi", "azure-client-secret", "databricks-cli"]).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const { primary, secondary } = c.workspaceSet;
    // Without the primary (left to primaryStack) these are checked once it is filled in.
    if (primary && primary.region === secondary.region)
      ctx.addIssue({
        code: "custom",
        path: ["workspaceSet", "secondary", "region"],
        message: `is the primary's region too (${primary.region}): a failover group spans two regions`,
      });
    if (primary && primary.workspaceId === secondary.workspaceId)
      ctx.addIssue({
        code: "custom",
        path: ["workspaceSet", "secondary", "workspaceId"],
        message: "is the primary's workspace too",
      });
    const regions = primary ? [primary.region, secondary.region] : [];
    if (primary)
      c.unityCatalog?.locationMappings.forEach((m, i) => {
        const missing = regions.filter((r) => !(r in m.uris));
        const extra = Object.keys(m.uris).filter((r) => !regions.includes(r));
        if (missing.length || extra.length)
          ctx.addIssue({
            code: "custom",
            path: ["unityCatalog", "locationMappings", i, "uris"],
            message: `needs exactly one URI per region of the group (${regions.join(", ")})${
              missing.length ? `; missing ${missing.join(", ")}` : ""
            }${extra.length ? `; not in the group: ${extra.join(", ")}` : ""}`,
          });
      });
    const dup = (list: string[]) => list.find((x, i) => list.indexOf(x) !== i);
    const catalogs = c.unityCatalog?.catalogs ?? [];
    if (dup(catalogs))
      ctx.addIssue({
        code: "custom",
        path: ["unityCatalog", "catalogs"],
        message: `lists "${dup(catalogs)}" twice`,
      });
    if (dup(c.stableUrls))
      ctx.addIssue({ code: "custom", path: ["stableUrls"], message: `lists "${dup(c.stableUrls)}" twice` });
  });

/** As set: `workspaceSet.primary` may be left to the primary stack's outputs. */
export type ManagedDrSettings = z.infer<typeof managedDrSchema>;
/** Resolved (the primary known): what the stack provisions. */
export type ManagedDrConfig = ManagedDrSettings & { workspaceSet: { primary: z.infer<typeof side> } };

/** `accounts/<id>`, the parent of every disaster-recovery resource. */
export const accountParent = (c: Pick<ManagedDrConfig, "accountId">) => `accounts/${c.accountId}`;
/** The failover group's full resource name, as the API names it. */
export const failoverGroupName = (c: Pick<ManagedDrConfig, "accountId" | "failoverGroup">) =>
  `${accountParent(c)}/failover-groups/${c.failoverGroup}`;
/** A stable URL's full resource name (the failover group's workspace set refers to it by this name). */
export const stableUrlName = (c: Pick<ManagedDrConfig, "accountId">, id: string) =>
  `${accountParent(c)}/stable-urls/${id}`;
