import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { readSnapshot, Snapshot } from "../snapshot/reader";
import { StackConfig } from "./config/schema";
import { RegionalInfrastructure } from "./infra/regional-infrastructure";
import { WorkspaceReplica } from "./workspace/replica";
import { unityCatalogSetup } from "./workspace/unity-catalog-setup";
import type { DataToReplicate } from "./mapping/uc-deep-clone";
import { LinkOutputs, linkStacks } from "./stacks/link";
import { ManagedDisasterRecovery } from "./account/managed-dr";
import { ManagedCoverage, managedSkipReason } from "./mapping/managed-dr";

export interface StackOutputs extends LinkOutputs {
  role: StackConfig["role"];
  /** For a StackReference from the other stack and for the exporter. */
  workspaceUrl: pulumi.Input<string>;
  workspaceResourceId: pulumi.Input<string>;
  storageAccountName?: pulumi.Input<string>;
  activation: boolean;
  /** Per kind: in the snapshot, replicated, skipped, excluded by config. */
  counts?: Record<string, unknown>;
  manualActions: { kind: string; id: string; action: string }[];
  skipped?: { kind: string; id: string; reason: string }[];
  snapshotExportedAt?: string;
  /** Unity Catalog managed tables and volumes whose data must be copied, with the remedy. */
  dataToReplicate?: DataToReplicate[];
  /** Managed DR mode: the failover group, what Databricks replicates (left out of the replica), stable URLs. */
  managedDr?: ManagedCoverage & { state: pulumi.Input<string>; stableUrlEndpoints: pulumi.Input<string>[] };
}

/** The snapshot named by config, read and validated before anything is registered. */
export function loadSnapshot(config: StackConfig, cwd = process.cwd()): Snapshot | undefined {
  if (!config.snapshotPath) return undefined;
  return readSnapshot(path.resolve(cwd, config.snapshotPath));
}

/**
 * The whole stack, shared by both roles: the region's infrastructure (or an existing workspace adopted by
 * URL and resource id), an explicit databricks provider for that workspace, and the workspace objects from
 * the snapshot. Config is parsed and the snapshot validated BEFORE the first resource is registered, so a
 * bad setting or a corrupt snapshot creates nothing.
 */
export async function runProgram(config: StackConfig, opts: { cwd?: string } = {}): Promise<StackOutputs> {
  const snapshot = loadSnapshot(config, opts.cwd);
  // The secondary reads the primary stack (primaryStack) before registering anything: a missing output stops it.
  const link = await linkStacks(config, snapshot);

  let workspaceUrl: pulumi.Input<string>;
  let workspaceResourceId: pulumi.Input<string>;
  let storageAccountName: pulumi.Input<string> | undefined;
  let infra: RegionalInfrastructure | undefined;
  if (config.existingWorkspace) {
    workspaceUrl = config.existingWorkspace.url;
    workspaceResourceId = config.existingWorkspace.resourceId;
  } else {
    infra = new RegionalInfrastructure("region", {
      location: config.location!,
      namePrefix: config.namePrefix,
      uniqueSeed: `${config.project}/${config.stack}/${config.location}`,
      network: config.network,
      storage: config.storage,
      tags: config.tags,
    });
    workspaceUrl = infra.workspaceUrl;
    workspaceResourceId = infra.workspaceResourceId;
    storageAccountName = infra.storageAccountName;
  }

  const outputs: StackOutputs = {
    role: config.role,
    workspaceUrl,
    workspaceResourceId,
    storageAccountName,
    activation: config.activation,
    manualActions: [...link.manualActions],
    ...link.outputs({ workspaceUrl, workspaceResourceId, storageAccountName }),
  };
  // Managed DR: the account-level failover group and stable URLs, before the workspace objects it covers;
  // after the workspace this stack creates, if it creates one (the group takes existing workspaces only).
  const managed = link.managedDr
    ? new ManagedDisasterRecovery("managed-dr", { config: link.managedDr }, infra && { dependsOn: [infra] })
    : undefined;
  if (managed)
    outputs.managedDr = {
      ...managed.coverage,
      state: managed.failoverGroup.state,
      stableUrlEndpoints: managed.stableUrls.map((u) => u.url),
    };
  if (!snapshot) return outputs;

  // Azure auth against the workspace's resource id: the provider's own chain (CLI, SP, MSI), or authType.
  const provider = new databricks.Provider("workspace", {
    host: workspaceUrl,
    azureWorkspaceResourceId: workspaceResourceId,
    ...(config.databricksAuthType ? { authType: config.databricksAuthType } : {}),
  });
  const replica = await WorkspaceReplica.create("replica", {
    snapshot,
    settings: config,
    filters: config.filters,
    provider,
    host: workspaceUrl,
    storageAccountName,
    managedBy: link.managedDr ? managedSkipReason(link.managedDr) : undefined,
    unityCatalog: unityCatalogSetup(config, infra),
  });
  return {
    ...outputs,
    counts: replica.report.counts,
    manualActions: [...link.manualActions, ...replica.report.manualActions()],
    skipped: [...replica.report.skipped, ...replica.report.excluded],
    snapshotExportedAt: snapshot.manifest.exportedAt,
    dataToReplicate: replica.report.dataToReplicate,
  };
}
