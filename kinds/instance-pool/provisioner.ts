import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { portEnvOf } from "../../components/mapping/portability";
import { computePolicy, provisionEach, ReplicaContext } from "../../components/workspace/context";
import { instancePoolArgs } from "./mapping";
import { InstancePoolDescriptor } from "./schema";
import type { Provisioner } from "../../components/workspace/provisioner";

export function provisionInstancePools(
  items: InstancePoolDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("instance-pool", items, ctx, parent, {
    map: (d) => instancePoolArgs(d, computePolicy(ctx.settings), portEnvOf(ctx.settings)),
    prefix: "pool",
    create: (name, args, opts) => new databricks.InstancePool(name, args, opts),
    label: (d) => d.name,
  });
}

/** First in compute: policies and clusters name pools. */
export const INSTANCE_POOL_PROVISIONER: Provisioner<"instance-pool"> = {
  group: "compute",
  order: 1,
  provision: provisionInstancePools,
};
