import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Provisioner } from "../../components/workspace/provisioner";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import { portEnvOf } from "../../components/mapping/portability";
import { globalInitScriptArgs } from "./mapping";
import { GlobalInitScriptDescriptor } from "./schema";

export function provisionGlobalInitScripts(
  items: GlobalInitScriptDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("global-init-script", items, ctx, parent, {
    map: (d) => globalInitScriptArgs(d, ctx.snapshot.root, portEnvOf(ctx.settings)),
    prefix: "init",
    create: (name, args, opts) => new databricks.GlobalInitScript(name, args, opts),
    label: (d) => d.name,
  });
}

/** In the init scripts group, after the DBFS files. */
export const GLOBAL_INIT_SCRIPT_PROVISIONER: Provisioner<"global-init-script"> = {
  group: "initScripts",
  order: 2,
  provision: provisionGlobalInitScripts,
};
