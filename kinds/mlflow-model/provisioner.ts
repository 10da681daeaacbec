import type * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { provisionEach, ReplicaContext } from "../../components/workspace/context";
import type { Provisioner } from "../../components/workspace/provisioner";
import { mlflowModelArgs, modelData } from "./mapping";
import { MlflowModelDescriptor } from "./schema";

export function provisionMlflowModels(
  items: MlflowModelDescriptor[],
  ctx: ReplicaContext,
  parent: pulumi.Resource,
) {
  for (const d of items) {
    const row = modelData(d);
    if (row) ctx.report.dataToReplicate.push(row);
  }
  provisionEach("mlflow-model", items, ctx, parent, {
    map: (d) => mlflowModelArgs(d),
    prefix: "model",
    create: (name, args, opts) => new databricks.MlflowModel(name, args, opts),
    // The permissions API names a registered model by its workspace id, not by the resource's id (its name).
    value: (r) => r.registeredModelId,
    label: (d) => d.name,
  });
}

/** In the jobs group, beside the experiments (a model's versions come from their runs), before permissions. */
export const MLFLOW_MODEL_PROVISIONER: Provisioner<"mlflow-model"> = {
  group: "jobs",
  order: 0,
  provision: provisionMlflowModels,
};
