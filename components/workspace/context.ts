import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { KindName } from "../../kinds/common";
import { Descriptor } from "../../kinds/registry";
import type { Snapshot } from "../../snapshot/reader";
import type { StackConfig } from "../config/schema";
import type { ComputePolicy } from "../mapping/compute-policy";
import type { TreeEntry } from "../mapping/tree-partition";
import type { LedgerKind } from "../dynamic/prune-ledger-impl";
import type { Mapping } from "../mapping/refs";
import { ObjectRegistry } from "./object-registry";
import { ReplicaReport } from "./report";
import type { UnityCatalogSetup } from "./unity-catalog-state";

/** The settings the workspace replica reads (a slice of StackConfig). */
export type ReplicaSettings = Pick<
  StackConfig,
  | "activation"
  | "prune"
  | "clusterStartPolicy"
  | "passiveAutoTerminationMinutes"
  | "granularity"
  | "secretValues"
  | "checkEntraId"
  | "mounts"
  | "mountAuth"
  | "storageMap"
  | "nodeTypeMap"
  | "secondaryIpAddresses"
>;

/** Descriptors kept after the include/exclude filters, per kind. */
export type KeptDescriptors = { [K in KindName]: Descriptor<K>[] };

export interface ReplicaContext {
  snapshot: Snapshot;
  kept: KeptDescriptors;
  settings: ReplicaSettings;
  /** The explicit databricks provider of the secondary workspace: every workspace object and invoke uses it. */
  provider: databricks.Provider;
  /** Workspace URL, for the dynamic resources that talk to the REST API themselves. */
  host: pulumi.Input<string>;
  /** This region's storage account, for mounts (absent in existing-workspace mode). */
  storageAccountName?: pulumi.Input<string>;
  /** Unity Catalog in the secondary (absent: its descriptors are skipped, reported). */
  unityCatalog?: UnityCatalogSetup;
  registry: ObjectRegistry;
  report: ReplicaReport;
  /** Folder-tree sync instead of one resource per directory/notebook/file. */
  treeMode: boolean;
  /** Workspace-tree objects collected for folder-tree sync (tree mode). */
  treeObjects: Map<string, { kind: KindName; id: string; entry: TreeEntry }>;
  /** Permissions descriptors applied by another resource (a folder-tree sync). */
  handledPermissions: Set<string>;
  /**
   * Where the snapshot is, as the dynamic resources store it: relative to the program's directory when
   * inside it, so state written from one checkout still finds the snapshot from another.
   */
  snapshotRoot: string;
  /** Objects held by per-object resources, per ledger (prune-ledger-impl.ts): source id -> secondary id. */
  ledgers: Map<LedgerKind, { held: Record<string, pulumi.Input<string>>; deps: pulumi.Resource[] }>;
}

/** Records an object a per-object resource holds, for its kind's prune ledger. */
export function holdObject(
  ctx: ReplicaContext,
  kind: LedgerKind,
  sourceId: string,
  resource: pulumi.Resource,
  value: pulumi.Input<string>,
): void {
  let l = ctx.ledgers.get(kind);
  if (!l) ctx.ledgers.set(kind, (l = { held: {}, deps: [] }));
  l.held[sourceId] = value;
  l.deps.push(resource);
}

/** The snapshot path the dynamic resources store (see ReplicaContext.snapshotRoot). */
export function portableSnapshotRoot(root: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, root);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : root;
}

export function computePolicy(s: ReplicaSettings): ComputePolicy {
  return {
    activation: s.activation,
    clusterStartPolicy: s.clusterStartPolicy,
    passiveAutoTerminationMinutes: s.passiveAutoTerminationMinutes,
  };
}

/**
 * Options of every workspace object: a child of its component, on the explicit provider. Without prune, an
 * object that leaves the snapshot leaves Pulumi's management but stays in the workspace (retainOnDelete):
 * a deletion in the primary, possibly the incident itself, does not propagate to the DR copy unasked.
 */
export function objectOptions(
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { parent, provider: ctx.provider, retainOnDelete: !ctx.settings.prune, ...extra };
}

/** Invoke options: the same explicit provider. */
export function invokeOptions(ctx: ReplicaContext, parent: pulumi.Resource): pulumi.InvokeOptions {
  return { provider: ctx.provider, parent };
}

/** Pulumi resource names: any text but `::` (the URN separator). */
export function resourceName(prefix: string, id: string): string {
  return `${prefix}:${id}`.replace(/::/g, ":_:");
}

/** A descriptor that cannot be replicated: reported, and remembered so referrers get the reason. */
export function skipObject(ctx: ReplicaContext, kind: KindName, id: string, reason: string): void {
  ctx.report.skip(kind, id, reason);
  ctx.registry.missing(kind, id, reason);
}

/** How one kind with one resource per object is provisioned: what differs between kinds, nothing else. */
export interface PerObjectSpec<D extends { id: string }, A, R extends pulumi.CustomResource> {
  map(d: D): Mapping<A>;
  /** Resource name prefix (`cluster`, `pool`, ...). */
  prefix: string;
  create(name: string, args: A, opts: pulumi.CustomResourceOptions): R;
  /** What referrers receive (the resource's id by default); none when nothing refers to the kind. */
  value?: ((r: R) => pulumi.Output<string>) | null;
  label?(d: D): string;
  dependsOn?(d: D): pulumi.Resource[];
  /** Extra resource options (e.g. retainOnDelete for workspace-tree objects). */
  options?: pulumi.CustomResourceOptions;
  /** True when another resource takes the object over (folder-tree sync): nothing is created for it here. */
  handOff?(d: D): boolean;
  /** After the resource is registered: manual actions, notes. */
  then?(d: D, args: A, resource: R): void;
}

/** The loop every one-resource-per-object kind shares: map, report notes and skips, create, register. */
export function provisionEach<K extends KindName, A, R extends pulumi.CustomResource>(
  kind: K,
  items: Descriptor<K>[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
  spec: PerObjectSpec<Descriptor<K>, A, R>,
): void {
  ctx.report.seen(kind, items.length);
  for (const d of items) {
    if (spec.handOff?.(d)) continue;
    const m = spec.map(d);
    ctx.report.notes(kind, d.id, m.notes);
    if (!m.ok) {
      skipObject(ctx, kind, d.id, m.skip);
      continue;
    }
    const opts = objectOptions(ctx, parent, {
      ...spec.options,
      ...(spec.dependsOn ? { dependsOn: spec.dependsOn(d) } : {}),
    });
    const r = spec.create(resourceName(spec.prefix, d.id), m.args, opts);
    if (spec.value !== null)
      ctx.registry.set(kind, d.id, {
        resource: r,
        value: spec.value ? spec.value(r) : r.id,
        label: spec.label ? spec.label(d) : d.id,
      });
    ctx.report.replicated(kind);
    spec.then?.(d, m.args, r);
  }
}
