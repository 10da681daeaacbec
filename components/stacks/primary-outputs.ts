import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/**
 * THE stack outputs of the primary role that the other side reads: the secondary stack through a
 * StackReference (`databricks-dr:primaryStack`), the exporter and CI through `pulumi stack output`. One list,
 * so what the primary exports and what the secondary requires cannot drift apart.
 */
export const PRIMARY_OUTPUTS = {
  role: {
    schema: z.literal("primary", { message: 'must be "primary": primaryStack names the primary stack' }),
    required: true,
    doc: "the stack's role; a secondary named as primaryStack is refused",
  },
  workspaceUrl: {
    schema: z.string().regex(/^https:\/\/[^/\s]+$/, "must be https://<host>"),
    required: true,
    doc: "the primary workspace: what the exporter reads (`export --host`)",
  },
  workspaceResourceId: {
    schema: z
      .string()
      .regex(
        /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Databricks\/workspaces\/[^/]+$/i,
        "must be an Azure Databricks workspace resource id",
      ),
    required: true,
    doc: "its Azure resource id (Azure AD auth, role assignments)",
  },
  workspaceId: {
    schema: z.string().regex(/^\d{1,20}$/, "must be the numeric workspace id"),
    required: false,
    doc: "the numeric workspace id (adb-<id>.<n>.azuredatabricks.net): Managed DR's workspace set",
  },
  location: {
    schema: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, "must be an Azure region name"),
    required: false,
    doc: "the primary's region (absent when it adopts an existing workspace without a location)",
  },
  storageAccountName: {
    schema: z.string().regex(/^[a-z0-9]{3,24}$/, "must be a storage account name"),
    required: false,
    doc: "the primary's ADLS Gen2 account (absent when it adopts an existing workspace)",
  },
  metastoreId: {
    schema: z.string().min(1),
    required: false,
    doc: "the primary's Unity Catalog metastore, when the primary exports one",
  },
} as const;

export type PrimaryOutputName = keyof typeof PRIMARY_OUTPUTS;
export const PRIMARY_OUTPUT_NAMES = Object.keys(PRIMARY_OUTPUTS) as PrimaryOutputName[];
export type PrimaryValues = { role?: "primary" } & Partial<
  Record<Exclude<PrimaryOutputName, "role">, string>
>;

/** `databricks-dr:primaryStack`: `stack`, `org/stack` or `org/project/stack`, as `pulumi stack ls` shows it. */
export const primaryStackSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/, "must be a stack name: <org>/<project>/<stack>");

/**
 * `databricks-dr:primary`: the primary's values set by hand (without primaryStack), or overrides of its
 * outputs (with it, a value set both ways must agree). Every field is an output of PRIMARY_OUTPUTS.
 */
export const primaryOverridesSchema = z
  .object(
    Object.fromEntries(
      PRIMARY_OUTPUT_NAMES.filter((n) => n !== "role").map((n) => [n, PRIMARY_OUTPUTS[n].schema.optional()]),
    ) as Record<Exclude<PrimaryOutputName, "role">, z.ZodOptional<z.ZodString>>,
  )
  .strict();
export type PrimaryOverrides = z.infer<typeof primaryOverridesSchema>;

/** The numeric id in an Azure workspace URL (`https://adb-<id>.<n>.azuredatabricks.net`), if it has one. */
export function workspaceIdOfUrl(url: string): string | undefined {
  return /^https:\/\/adb-(\d{1,20})\.\d+\.azuredatabricks\.net\/?$/i.exec(url)?.[1];
}

/** What the primary role exports beside its other outputs: every name of PRIMARY_OUTPUTS it has a value for. */
export function primaryStackOutputs(x: {
  workspaceUrl: pulumi.Input<string>;
  workspaceResourceId: pulumi.Input<string>;
  storageAccountName?: pulumi.Input<string>;
  location?: string;
  metastoreId?: pulumi.Input<string>;
}): Record<Exclude<PrimaryOutputName, "role">, pulumi.Input<string> | undefined> {
  return {
    workspaceUrl: x.workspaceUrl,
    workspaceResourceId: x.workspaceResourceId,
    workspaceId: pulumi.output(x.workspaceUrl).apply((u) => workspaceIdOfUrl(u) as string),
    location: x.location,
    storageAccountName: x.storageAccountName,
    metastoreId: x.metastoreId,
  };
}
