import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { holdObject, provisionEach, ReplicaContext } from "../../components/workspace/context";
import { collector, TREE_OBJECT_OPTIONS } from "../../components/workspace/workspace-tree";
import { notebookArgs } from "./mapping";
import { NotebookDescriptor } from "./schema";

export function provisionNotebooks(
  items: NotebookDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("notebook", items, ctx, parent, {
    handOff: collector<NotebookDescriptor>(ctx, "notebook", (d) => ({
      type: "NOTEBOOK",
      language: d.language,
      sha256: d.content.sha256,
      file: d.content.file,
    })),
    map: (d) => notebookArgs(d, ctx.snapshot.root),
    prefix: "notebook",
    create: (name, args, opts) => new databricks.Notebook(name, args, opts),
    options: TREE_OBJECT_OPTIONS,
    then: (d, _args, r) => holdObject(ctx, "tree", d.path, r, "NOTEBOOK"),
    value: (r) => r.path,
    label: (d) => d.path,
  });
}

/** In the workspace tree, after the directories. */
export const NOTEBOOK_PROVISIONER: Provisioner<"notebook"> = {
  group: "workspaceTree",
  order: 2,
  provision: provisionNotebooks,
};
