import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { holdObject, provisionEach, ReplicaContext } from "../../components/workspace/context";
import { collector, TREE_OBJECT_OPTIONS } from "../../components/workspace/workspace-tree";
import { directoryArgs } from "./mapping";
import { DirectoryDescriptor } from "./schema";

export function provisionDirectories(
  items: DirectoryDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("directory", items, ctx, parent, {
    handOff: collector(ctx, "directory", () => ({ type: "DIRECTORY" })),
    map: (d) => directoryArgs(d),
    prefix: "dir",
    create: (name, args, opts) => new databricks.Directory(name, args, opts),
    options: TREE_OBJECT_OPTIONS,
    then: (d, _args, r) => holdObject(ctx, "tree", d.path, r, "DIRECTORY"),
    value: (r) => r.path,
    label: (d) => d.path,
  });
}

/** First in the workspace tree: the folders the other objects go in. */
export const DIRECTORY_PROVISIONER: Provisioner<"directory"> = {
  group: "workspaceTree",
  order: 1,
  provision: provisionDirectories,
};
