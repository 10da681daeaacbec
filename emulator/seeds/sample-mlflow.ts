import { createExperiment, logRun } from "../routes/mlflow";
import { createModel, createModelVersion } from "../routes/mlflow-models";
import { mkdirs } from "../routes/workspace";
import { Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";

/**
 * MLflow in the sample workspace: an experiment with the default (DBFS root) artifact location and runs, one
 * whose artifacts are in the primary's ADLS account, a deleted one (not replicated), a notebook's own
 * experiment; two registered models of the workspace registry with versions in stages; grants on both.
 */
export const SAMPLE_MLFLOW = {
  forecastExperiment: "/Users/alice.smith@example.com/etl/orders-forecast",
  churnExperiment: "/Shared/reports/churn-model",
  deletedExperiment: "/Shared/reports/old-trial",
  artifactsAccount: "abfss://mlflow@stdrprimary.dfs.core.windows.net/experiments/churn",
  forecastModel: "orders_forecast",
  churnModel: "churn_classifier",
};

const grant = (state: WorkspaceState, key: string, ...entries: Obj[]) =>
  state.acls.set(key, [...(state.acls.get(key) ?? []), ...(entries as never[])]);

export function buildSampleMlflow(
  state: WorkspaceState,
  people: { alice: string; bob: string; scientists: string },
  t0: number,
): void {
  let t = t0;
  const tick = () => (t += 3600_000);
  const forecast = createExperiment(
    state,
    { name: SAMPLE_MLFLOW.forecastExperiment, tags: [{ key: "team", value: "sales" }] },
    { creator: people.alice, time: tick() },
  );
  const churn = createExperiment(
    state,
    {
      name: SAMPLE_MLFLOW.churnExperiment,
      artifact_location: SAMPLE_MLFLOW.artifactsAccount,
      tags: [
        { key: "team", value: "data-science" },
        { key: "mlflow.note.content", value: "Churn model training runs" },
      ],
    },
    { creator: people.alice, time: tick() },
  );
  const old = createExperiment(state, { name: SAMPLE_MLFLOW.deletedExperiment }, { time: tick() });
  old.lifecycle_stage = "deleted";
  // A notebook's own experiment: named by the notebook's path, made by the notebook's first run.
  const nb = createExperiment(
    state,
    {
      name: `/Users/${people.bob}/churn_analysis`,
      tags: [{ key: "mlflow.experimentType", value: "NOTEBOOK" }],
    },
    { creator: people.bob, time: tick() },
  );
  for (let i = 0; i < 3; i++) logRun(state, String(forecast.experiment_id), `forecast-${i}`, tick());
  const churnRuns = [0, 1].map((i) => logRun(state, String(churn.experiment_id), `churn-${i}`, tick()));
  logRun(state, String(nb.experiment_id), "explore", tick());
  grant(
    state,
    `experiments/${String(churn.experiment_id)}`,
    { group_name: people.scientists, permission_level: "CAN_EDIT" },
    { user_name: people.bob, permission_level: "CAN_MANAGE" },
  );

  const model = createModel(
    state,
    {
      name: SAMPLE_MLFLOW.forecastModel,
      description: "Daily orders forecast",
      tags: [{ key: "owner-team", value: "sales" }],
    },
    { creator: people.alice, time: tick() },
  );
  const source = (r: Obj) => `${String((r.info as Obj).artifact_uri)}/model`;
  createModelVersion(
    state,
    SAMPLE_MLFLOW.forecastModel,
    `dbfs:/databricks/mlflow-tracking/${String(forecast.experiment_id)}/m1/artifacts/model`,
    "Production",
  );
  createModelVersion(
    state,
    SAMPLE_MLFLOW.forecastModel,
    `dbfs:/databricks/mlflow-tracking/${String(forecast.experiment_id)}/m2/artifacts/model`,
    "Staging",
  );
  const churnModel = createModel(
    state,
    { name: SAMPLE_MLFLOW.churnModel },
    { creator: people.bob, time: tick() },
  );
  createModelVersion(state, SAMPLE_MLFLOW.churnModel, source(churnRuns[1]), "None");
  grant(state, `registered-models/${String(model.id)}`, {
    group_name: people.scientists,
    permission_level: "CAN_MANAGE_STAGING_VERSIONS",
  });
  grant(state, `registered-models/${String(churnModel.id)}`, {
    user_name: people.alice,
    permission_level: "CAN_READ",
  });
}

/** How much MLflow the large workspace holds (LargeSizes knobs). */
export interface LargeMlflowSizes {
  mlflowExperiments: number;
  mlflowModels: number;
}
export const LARGE_MLFLOW_DEFAULTS: LargeMlflowSizes = { mlflowExperiments: 200, mlflowModels: 50 };

/**
 * The large workspace's MLflow: `mlflowExperiments` experiments in ten team folders (every fourth with its
 * artifacts in ADLS), two runs each; `mlflowModels` registered models with two versions each and a grant
 * to a group on every other one. Deterministic: names come from the indexes alone.
 */
export function buildLargeMlflow(
  state: WorkspaceState,
  n: LargeMlflowSizes,
  group: string | undefined,
  t0: number,
) {
  for (let i = 0; i < n.mlflowExperiments; i++) {
    const dir = `/Shared/mlflow/team-${i % 10}`;
    mkdirs(state, dir);
    const e = createExperiment(
      state,
      {
        name: `${dir}/experiment-${i}`,
        ...(i % 4 === 0
          ? { artifact_location: `abfss://mlflow@stlargeprimary.dfs.core.windows.net/experiments/${i}` }
          : {}),
        tags: [{ key: "index", value: String(i) }],
      },
      { time: t0 + i },
    );
    for (let r = 0; r < 2; r++) logRun(state, String(e.experiment_id), `run-${r}`, t0 + i);
    if (group && i % 3 === 0)
      grant(state, `experiments/${String(e.experiment_id)}`, {
        group_name: group,
        permission_level: "CAN_READ",
      });
  }
  for (let i = 0; i < n.mlflowModels; i++) {
    const name = `model_${String(i).padStart(4, "0")}`;
    const m = createModel(state, { name, description: `model ${i}` }, { time: t0 + i });
    createModelVersion(state, name, `dbfs:/databricks/mlflow-tracking/models/${name}/1`, "Production");
    createModelVersion(state, name, `dbfs:/databricks/mlflow-tracking/models/${name}/2`, "None");
    if (group && i % 2 === 0)
      grant(state, `registered-models/${String(m.id)}`, { group_name: group, permission_level: "CAN_READ" });
  }
}
