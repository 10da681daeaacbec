import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import { workspaceConfArgs } from "./mapping";
import { WorkspaceConfDescriptor } from "./schema";

export function provisionWorkspaceConf(
  items: WorkspaceConfDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("workspace-conf", items, ctx, parent, {
    map: (d) => workspaceConfArgs(d),
    prefix: "conf",
    create: (name, args, opts) => new databricks.WorkspaceConf(name, args, opts),
    value: null,
  });
}

/** The settings group, after everything but the permissions. */
export const WORKSPACE_CONF_PROVISIONER: Provisioner<"workspace-conf"> = {
  group: "settings",
  order: 1,
  provision: provisionWorkspaceConf,
};
