import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { KIND_NAMES, KindName } from "../../kinds/common";
import { AnyDescriptor, Descriptor } from "../../kinds/registry";
import type { Snapshot } from "../../snapshot/reader";
import type { StackConfig } from "../config/schema";
import { excludedBy } from "../mapping/filters";
import { KeptDescriptors, portableSnapshotRoot, ReplicaContext, ReplicaSettings } from "./context";
import { PruneLedger } from "../dynamic/resources";
import type { LedgerKind } from "../dynamic/prune-ledger-impl";

const LEDGER_KINDS: readonly LedgerKind[] = ["job", "user", "group", "tree", "permissions"];
import { registerManagedLookups } from "./managed-lookups";
import { ObjectRegistry } from "./object-registry";
import { COMPONENT_GROUPS, ComponentGroup, GROUP_FINISHERS, kindsOf, PROVISIONERS } from "./provisioners";
import { ReplicaReport } from "./report";
import { reportSecretReferences } from "./secret-references";
import type { UnityCatalogSetup } from "./unity-catalog-state";

export interface WorkspaceReplicaArgs {
  snapshot: Snapshot;
  settings: ReplicaSettings;
  filters: StackConfig["filters"];
  provider: databricks.Provider;
  host: pulumi.Input<string>;
  storageAccountName?: pulumi.Input<string>;
  /** Unity Catalog in the secondary (components/workspace/unity-catalog*.ts). */
  unityCatalog?: UnityCatalogSetup;
  /** Why Databricks Managed DR replicates a descriptor (components/mapping/managed-dr.ts): left out, recorded. */
  managedBy?: (kind: KindName, d: AnyDescriptor) => string | undefined;
}

const GROUP_TYPES: Record<ComponentGroup, string> = {
  identities: "Identities",
  workspaceTree: "WorkspaceTree",
  initScripts: "InitScripts",
  compute: "Compute",
  sqlWarehouses: "SqlWarehouses",
  unityCatalog: "UnityCatalog",
  jobs: "Jobs",
  secrets: "Secrets",
  mounts: "Mounts",
  settings: "Settings",
  permissions: "Permissions",
};

/** One group of the replica (identities, workspace tree, compute...) so the resource tree reads well. */
class ReplicaGroup extends pulumi.ComponentResource {
  constructor(group: ComponentGroup, parent: pulumi.Resource) {
    super(`databricks-dr:workspace:${GROUP_TYPES[group]}`, group, {}, { parent });
  }
  done(outputs: Record<string, unknown>): void {
    this.registerOutputs(outputs);
  }
}

/** Splits the snapshot into what config keeps and what it leaves out (reported as excluded). */
export function keptDescriptors(
  snapshot: Snapshot,
  filters: StackConfig["filters"],
  report: ReplicaReport,
  managedBy?: WorkspaceReplicaArgs["managedBy"],
  leftToManaged?: { kind: KindName; d: AnyDescriptor }[],
): KeptDescriptors {
  const kept = {} as Record<KindName, AnyDescriptor[]>;
  for (const kind of KIND_NAMES) {
    kept[kind] = [];
    for (const d of snapshot.descriptors[kind] as AnyDescriptor[]) {
      const filtered = excludedBy(kind, d, filters);
      const managed = filtered ? undefined : managedBy?.(kind, d);
      const why = filtered ?? managed;
      if (why) {
        report.seen(kind);
        report.exclude(kind, d.id, why);
        if (managed) leftToManaged?.push({ kind, d });
      } else kept[kind].push(d);
    }
  }
  return kept as KeptDescriptors;
}

/**
 * The secondary workspace's objects, built from the snapshot's descriptors only: identities, workspace
 * tree, init scripts, compute, SQL warehouses, jobs, secrets, mounts, settings and permissions, each group
 * a child component. Built asynchronously (Entra ID lookups decide which identities exist): use `create`.
 */
export class WorkspaceReplica extends pulumi.ComponentResource {
  readonly report = new ReplicaReport();
  readonly registry = new ObjectRegistry();

  private constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-dr:workspace:WorkspaceReplica", name, {}, opts);
  }

  static async create(
    name: string,
    args: WorkspaceReplicaArgs,
    opts?: pulumi.ComponentResourceOptions,
  ): Promise<WorkspaceReplica> {
    const replica = new WorkspaceReplica(name, opts);
    await replica.build(args);
    return replica;
  }

  private async build(args: WorkspaceReplicaArgs): Promise<void> {
    // The SDK records a debug stack trace for every output property of every resource (only ever shown if
    // promises leak), and under a TypeScript loader each frame goes through source maps: measured, that is
    // most of the build time of a large workspace. Short stacks while the replica registers its resources;
    // DATABRICKS_DR_FULL_STACKS=1 keeps them whole for debugging.
    const limit = Error.stackTraceLimit;
    if (!process.env.DATABRICKS_DR_FULL_STACKS) Error.stackTraceLimit = 1;
    try {
      await this.buildGroups(args);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private async buildGroups(args: WorkspaceReplicaArgs): Promise<void> {
    const leftToManaged: { kind: KindName; d: AnyDescriptor }[] = [];
    const kept = keptDescriptors(args.snapshot, args.filters, this.report, args.managedBy, leftToManaged);
    reportSecretReferences(kept, args.snapshot, this.report);
    const treeCount = kept.directory.length + kept.notebook.length + kept["workspace-file"].length;
    const ctx: ReplicaContext = {
      snapshot: args.snapshot,
      kept,
      settings: args.settings,
      provider: args.provider,
      host: args.host,
      storageAccountName: args.storageAccountName,
      unityCatalog: args.unityCatalog,
      registry: this.registry,
      report: this.report,
      treeMode: treeCount > args.settings.granularity.notebooksPerObjectMax,
      treeObjects: new Map(),
      handledPermissions: new Set(),
      snapshotRoot: portableSnapshotRoot(args.snapshot.root),
      ledgers: new Map(),
    };
    registerManagedLookups(ctx, this, leftToManaged);
    for (const group of COMPONENT_GROUPS) {
      const component = new ReplicaGroup(group, this);
      const counts: Record<string, number> = {};
      for (const kind of kindsOf(group)) {
        const provisioner = PROVISIONERS[kind] as unknown as {
          provision(
            items: Descriptor<KindName>[],
            c: ReplicaContext,
            p: pulumi.Resource,
          ): void | Promise<void>;
        };
        await provisioner.provision(kept[kind] as Descriptor<KindName>[], ctx, component);
      }
      GROUP_FINISHERS[group]?.(ctx, component);
      for (const kind of kindsOf(group)) counts[kind] = this.report.counts[kind].replicated;
      component.done(counts);
    }
    this.prunersFor(ctx);
    this.registerOutputs({ counts: this.report.counts });
  }

  /**
   * One prune ledger per kind whose per-object resources can hand objects over (always present, even
   * empty, so it never leaves the program): it deletes, with prune, what left the snapshot.
   */
  private prunersFor(ctx: ReplicaContext): void {
    for (const kind of LEDGER_KINDS) {
      const l = ctx.ledgers.get(kind) ?? { held: {}, deps: [] };
      new PruneLedger(
        `prune:${kind}`,
        { host: ctx.host, kind, held: l.held, prune: ctx.settings.prune, snapshotRoot: ctx.snapshotRoot },
        { parent: this, dependsOn: l.deps },
      );
    }
  }
}
