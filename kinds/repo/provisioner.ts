import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import { repoArgs } from "./mapping";
import { RepoDescriptor } from "./schema";

export function provisionRepos(items: RepoDescriptor[], ctx: ReplicaContext, parent: pulumi.Resource) {
  provisionEach("repo", items, ctx, parent, {
    map: (d) => repoArgs(d),
    prefix: "repo",
    create: (name, args, opts) => new databricks.Repo(name, args, opts),
    value: (r) => r.path,
    label: (d) => d.path,
  });
}

/** Last in the workspace tree: repos are never tree-synced (one resource each). */
export const REPO_PROVISIONER: Provisioner<"repo"> = {
  group: "workspaceTree",
  order: 4,
  provision: provisionRepos,
};
