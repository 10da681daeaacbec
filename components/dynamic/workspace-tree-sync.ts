import * as pulumi from "@pulumi/pulumi";
import type { TreeLine } from "../mapping/tree-partition";
import { lazyProvider } from "./shell";

export interface WorkspaceTreeSyncArgs {
  host: pulumi.Input<string>;
  snapshotRoot: string;
  unit: string;
  objects: Record<string, TreeLine>;
  acls: Record<string, string>;
  prune: boolean;
}

const provider = lazyProvider(require.resolve("./tree-sync-impl"), "treeSyncImpl");

/**
 * One folder tree of the workspace (directories, notebooks, files and their ACLs) as ONE resource: its
 * inputs are a manifest path -> kind, language and sha256, so `pulumi preview --diff` names every notebook and ACL that
 * changed, while a 10,000-notebook workspace costs tens of resources instead of tens of thousands.
 */
export class WorkspaceTreeSync extends pulumi.dynamic.Resource {
  declare readonly unit: pulumi.Output<string>;
  declare readonly objects: pulumi.Output<Record<string, TreeLine>>;
  declare readonly acls: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: WorkspaceTreeSyncArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, "databricks-dr", "WorkspaceTreeSync");
  }
}
