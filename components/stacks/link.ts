import * as pulumi from "@pulumi/pulumi";
import type { Snapshot } from "../../snapshot/reader";
import { ManagedDrConfig, managedDrSchema } from "../config/managed-dr";
import { ConfigError } from "../config/parse";
import type { StackConfig } from "../config/schema";
import { PrimaryOutputName, primaryStackOutputs } from "./primary-outputs";
import { PrimaryInfo, ReadOutput, resolvePrimary, stackReferenceReader } from "./primary-reference";

/** Outputs the link adds: the primary role's PRIMARY_OUTPUTS beyond the common ones; the secondary's primary. */
export interface LinkOutputs {
  location?: string;
  workspaceId?: pulumi.Input<string>;
  metastoreId?: pulumi.Input<string>;
  /** Secondary: the primary it replicates (from primaryStack and/or databricks-dr:primary), for CI and the exporter. */
  primary?: PrimaryInfo;
}

export interface StackLink {
  primary?: PrimaryInfo;
  /** Managed DR with its workspace set's primary resolved (resolveManagedDr); what the stack provisions. */
  managedDr?: ManagedDrConfig;
  /** What a person must look at (the snapshot of another workspace than the primary stack's). */
  manualActions: { kind: string; id: string; action: string }[];
  outputs(x: {
    workspaceUrl: pulumi.Input<string>;
    workspaceResourceId: pulumi.Input<string>;
    storageAccountName?: pulumi.Input<string>;
  }): LinkOutputs;
}

const hostOf = (url: string) => url.replace(/\/+$/, "").toLowerCase();
const origin = (info: PrimaryInfo, n: PrimaryOutputName) =>
  info.from[n] === "stack" ? `output "${n}" of stack ${info.stack}` : `databricks-dr:primary.${n}`;

/**
 * Both stacks' side of their link, before any resource is registered. Secondary: the primary's values are
 * read (primaryStack) and checked against what this stack holds: its region must be another, Managed DR's
 * workspace set must name the same primary, the snapshot should be the primary's. Primary: nothing to read.
 */
export async function linkStacks(
  config: StackConfig,
  snapshot?: Snapshot,
  reader: (stack: string) => ReadOutput = stackReferenceReader,
): Promise<StackLink> {
  if (config.role === "primary")
    return {
      manualActions: [],
      outputs: (x) => {
        const o = primaryStackOutputs({ ...x, location: config.location });
        return { location: config.location, workspaceId: o.workspaceId };
      },
    };
  const primary = await resolvePrimary(config, reader);
  const manualActions: StackLink["manualActions"] = [];
  if (primary) {
    if (primary.location && config.location && primary.location === config.location)
      throw new ConfigError(
        "location",
        `${config.location} is the primary's region too (${origin(primary, "location")}): a DR secondary needs another region`,
      );
    checkManagedDr(config, primary);
    const source = snapshot?.manifest.source.host;
    if (primary.workspaceUrl && source && hostOf(source) !== hostOf(primary.workspaceUrl))
      manualActions.push({
        kind: "snapshot",
        id: config.snapshotPath ?? "",
        action:
          `exported from ${source}, not from the primary's workspace ${primary.workspaceUrl} ` +
          `(${origin(primary, "workspaceUrl")}): export the primary into snapshotPath, or fix primaryStack`,
      });
  }
  const managedDr = resolveManagedDr(config, primary);
  return { primary, managedDr, manualActions, outputs: () => (primary ? { primary } : {}) };
}

/**
 * Managed DR's workspace set with its primary: a hand value (checked against the primary by checkManagedDr),
 * else the primary's own workspaceId and location (from primaryStack's outputs or databricks-dr:primary).
 * The set is then checked whole as the config schema checks it: two regions, two workspaces, one URI per
 * region in each location mapping.
 */
function resolveManagedDr(
  config: StackConfig,
  primary: PrimaryInfo | undefined,
): ManagedDrConfig | undefined {
  const m = config.managedDr;
  if (!m) return undefined;
  const hand = m.workspaceSet.primary;
  const workspaceId = hand?.workspaceId ?? primary?.workspaceId;
  const region = hand?.region ?? primary?.location;
  if (!workspaceId || !region) {
    const missing = [workspaceId ? "" : "workspaceId", region ? "" : "region"].filter(Boolean).join(" and ");
    throw new ConfigError(
      "managedDr.workspaceSet.primary",
      `has no ${missing}: set databricks-dr:primaryStack (the primary stack's outputs "workspaceId" and ` +
        `"location" fill it) or give {"workspaceId", "region"} here`,
    );
  }
  const parsed = managedDrSchema.safeParse({
    ...m,
    workspaceSet: { ...m.workspaceSet, primary: { workspaceId, region } },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const from = hand
      ? ""
      : ` (the primary's ${workspaceId} in ${region} from ${primary?.stack ? `stack ${primary.stack}` : "databricks-dr:primary"})`;
    throw new ConfigError(`managedDr.${issue.path.join(".")}`, `${issue.message}${from}`);
  }
  return parsed.data as ManagedDrConfig;
}

/** Managed DR's workspace set names the primary by hand: with the primary known, the two must agree. */
function checkManagedDr(config: StackConfig, primary: PrimaryInfo): void {
  const side = config.managedDr?.workspaceSet.primary;
  if (!side) return;
  const pairs: [keyof typeof side, PrimaryOutputName][] = [
    ["workspaceId", "workspaceId"],
    ["region", "location"],
  ];
  for (const [key, name] of pairs) {
    const known = primary[name as keyof PrimaryInfo] as string | undefined;
    if (known !== undefined && side[key] !== known)
      throw new ConfigError(
        `managedDr.workspaceSet.primary.${key}`,
        `${JSON.stringify(side[key])} differs from ${origin(primary, name)}, ${JSON.stringify(known)}: make the two agree`,
      );
  }
}
