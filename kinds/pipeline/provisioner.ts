import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { portEnvOf } from "../../components/mapping/portability";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { pipelineArgs } from "./mapping";
import { PipelineDescriptor, pipelineReferences } from "./schema";

export function provisionPipelines(
  items: PipelineDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  provisionEach("pipeline", items, ctx, parent, {
    map: (d) =>
      pipelineArgs(d, {
        activation: ctx.settings.activation,
        resolve: ctx.registry.resolve,
        port: portEnvOf(ctx.settings),
      }),
    prefix: "pipeline",
    create: (name, args, opts) => new databricks.Pipeline(name, args, opts),
    label: (d) => d.name,
    // The target schema is named by name in the settings: depend on its resource explicitly.
    dependsOn: (d) => ctx.registry.resourcesOf(pipelineReferences(d).filter((r) => r.kind === "uc-schema")),
  });
}

/**
 * In the jobs group, before the jobs (a pipeline task names the pipeline by the secondary's id), after
 * compute (pools, policies) and Unity Catalog (the target catalog).
 */
export const PIPELINE_PROVISIONER: Provisioner<"pipeline"> = {
  group: "jobs",
  order: 0,
  provision: provisionPipelines,
};
