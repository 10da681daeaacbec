/**
 * MLflow experiments and registered models as REST calls, the way the provider's `MlflowExperiment` and
 * `MlflowModel` make them (terraform-provider-databricks mlflow/resource_mlflow_experiment.go and
 * resource_mlflow_model.go): an experiment is experiments/create (its id the answer's experiment_id), an
 * update experiments/update with `new_name` only (a changed artifact location is a replacement, changed tags
 * are not sent: both reported as not applied); a model is registered-models/create, then read back through
 * the databricks/ get for its workspace id (`registeredModelId`, what its permissions name), an update
 * registered-models/update with the description only. Deletes: experiments/delete, registered-models/delete.
 */
import type { DatabricksClient } from "../client";
import { apiBody } from "./api-body";

/*
 * The shapes of rest-table.ts's RestMapping/Applied and rest-deletes.ts's RestDelete, spelled out: those files
 * import this one (their tables type-check these entries where they are spread in).
 */
interface Applied {
  id: string;
  outputs?: Record<string, unknown>;
  notApplied?: string;
}
type Inputs = Record<string, unknown>;
interface RestMapping {
  call: string;
  create(c: DatabricksClient, inputs: Inputs): Promise<Applied>;
  update(c: DatabricksClient, id: string, inputs: Inputs, old: Inputs): Promise<Applied>;
}
type RestDelete = (c: DatabricksClient, id: string, inputs: Inputs) => Promise<unknown>;

const EXPERIMENT = "databricks:index/mlflowExperiment:MlflowExperiment";
const MODEL = "databricks:index/mlflowModel:MlflowModel";
const MLFLOW = "/api/2.0/mlflow";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function modelId(c: DatabricksClient, name: string): Promise<string> {
  const r = await c.get<{ registered_model_databricks: { id: string } }>(
    `${MLFLOW}/databricks/registered-models/get`,
    { name },
  );
  return r.registered_model_databricks.id;
}

export const MLFLOW_TABLE: Readonly<Record<string, RestMapping>> = {
  [EXPERIMENT]: {
    call: `POST ${MLFLOW}/experiments/create`,
    async create(c, inputs): Promise<Applied> {
      const r = await c.post<{ experiment_id: string }>(
        `${MLFLOW}/experiments/create`,
        apiBody(EXPERIMENT, inputs),
      );
      return { id: r.experiment_id, outputs: { experimentId: r.experiment_id } };
    },
    async update(c, id, inputs, old): Promise<Applied> {
      if (inputs.name !== old.name)
        await c.post(`${MLFLOW}/experiments/update`, { experiment_id: id, new_name: inputs.name });
      const skipped = [
        ...(same(inputs.artifactLocation, old.artifactLocation) ? [] : ["artifactLocation (a replacement)"]),
        ...(same(inputs.tags, old.tags) ? [] : ["tags (the provider's update sends the name only)"]),
      ];
      return { id, ...(skipped.length ? { notApplied: skipped.join("; ") } : {}) };
    },
  },
  [MODEL]: {
    call: `POST ${MLFLOW}/registered-models/create`,
    async create(c, inputs): Promise<Applied> {
      const body = apiBody(MODEL, inputs);
      await c.post(`${MLFLOW}/registered-models/create`, body);
      return { id: String(body.name), outputs: { registeredModelId: await modelId(c, String(body.name)) } };
    },
    async update(c, id, inputs, old): Promise<Applied> {
      const body = apiBody(MODEL, inputs);
      await c.patch(`${MLFLOW}/registered-models/update`, { name: id, description: body.description ?? "" });
      const outputs = { registeredModelId: await modelId(c, id) };
      return same(inputs.tags, old.tags)
        ? { id, outputs }
        : { id, outputs, notApplied: "tags (the provider's update sends the description only)" };
    },
  },
};

export const MLFLOW_DELETES: Readonly<Record<string, RestDelete>> = {
  [EXPERIMENT]: (c, id) => c.post(`${MLFLOW}/experiments/delete`, { experiment_id: id }),
  [MODEL]: (c, id) => c.delete(`${MLFLOW}/registered-models/delete?name=${encodeURIComponent(id)}`),
};

/** Permissions arguments naming an MLflow object, and the permissions API path each becomes. */
export const MLFLOW_PERMISSION_TARGETS: Record<string, (c: DatabricksClient, v: string) => Promise<string>> =
  {
    experimentId: async (_c, v) => `experiments/${v}`,
    registeredModelId: async (_c, v) => `registered-models/${v}`,
  };
