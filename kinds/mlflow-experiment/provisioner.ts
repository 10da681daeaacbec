import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { portEnvOf } from "../../components/mapping/portability";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { experimentData, mlflowExperimentArgs } from "./mapping";
import { experimentFolder, MlflowExperimentDescriptor } from "./schema";

export function provisionMlflowExperiments(
  items: MlflowExperimentDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  // Runs are data whether the experiment is replicated or not: listed for the copy either way.
  for (const d of items) {
    const row = experimentData(d);
    if (row) ctx.report.dataToReplicate.push(row);
  }
  provisionEach("mlflow-experiment", items, ctx, parent, {
    map: (d) =>
      mlflowExperimentArgs(d, { resolve: ctx.registry.resolve, storage: portEnvOf(ctx.settings).storage }),
    prefix: "experiment",
    create: (name, args, opts) => new databricks.MlflowExperiment(name, args, opts),
    label: (d) => d.name,
    // Its folder is named by path in the name: depend on the folder's resource explicitly.
    dependsOn: (d) => ctx.registry.resourcesOf([{ kind: "directory", id: experimentFolder(d.name) }]),
  });
}

/** In the jobs group (after the workspace tree: an experiment lives in a folder), before its permissions. */
export const MLFLOW_EXPERIMENT_PROVISIONER: Provisioner<"mlflow-experiment"> = {
  group: "jobs",
  order: 0,
  provision: provisionMlflowExperiments,
};
