import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { holdObject, provisionEach, ReplicaContext } from "../../components/workspace/context";
import { collector, TREE_OBJECT_OPTIONS } from "../../components/workspace/workspace-tree";
import { workspaceFileArgs } from "./mapping";
import { WorkspaceFileDescriptor } from "./schema";

export function provisionWorkspaceFiles(
  items: WorkspaceFileDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("workspace-file", items, ctx, parent, {
    handOff: (d) =>
      collector(ctx, "workspace-file", () => ({
        type: "FILE",
        sha256: d.content.sha256,
        file: d.content.file,
      }))(d),
    map: (d) => workspaceFileArgs(d, ctx.snapshot.root),
    prefix: "file",
    create: (name, args, opts) => new databricks.WorkspaceFile(name, args, opts),
    options: TREE_OBJECT_OPTIONS,
    then: (d, _args, r) => holdObject(ctx, "tree", d.path, r, "FILE"),
    value: (r) => r.path,
    label: (d) => d.path,
  });
}

/** In the workspace tree, after the directories. */
export const WORKSPACE_FILE_PROVISIONER: Provisioner<"workspace-file"> = {
  group: "workspaceTree",
  order: 3,
  provision: provisionWorkspaceFiles,
};
