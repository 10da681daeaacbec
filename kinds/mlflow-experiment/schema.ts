import { z } from "zod";
import { apiShape, Ref, workspacePath } from "../common";

/**
 * An MLflow experiment of the workspace's tracking server, as `GET /api/2.0/mlflow/experiments/get` answers
 * `experiment` (its service-set fields left out): a name that is a workspace path, where its artifacts go, its
 * tags. Only active experiments are exported (search's default view leaves deleted ones out). Its runs and
 * their artifacts are DATA: counted here, never copied (`data`).
 */
const str = z.string();

/** `ExperimentTag` / `RegisteredModelTag`: a key and its value. */
export const mlflowTagSchema = z.looseObject({ key: str.min(1), value: str.optional() });
export type MlflowTag = z.infer<typeof mlflowTagSchema>;

export const experimentSettingsSchema = z.looseObject({
  name: workspacePath,
  artifact_location: str.min(1).optional(),
  lifecycle_stage: z.literal("active"),
  tags: z.array(mlflowTagSchema).optional(),
});

/** What is data, not configuration: counted at export so the report can say what must be copied. */
export const experimentDataSchema = z.object({
  /** Active runs counted through runs/search. */
  runs: z.number().int().nonnegative(),
  /** False when counting stopped at the page cap: `runs` is then a lower bound. */
  complete: z.boolean(),
});

export const mlflowExperimentSchema = z
  .object({
    /** The primary's experiment_id: the stable id (a rename keeps it); the secondary assigns its own. */
    id: z.string().min(1),
    /** The experiment's name, a workspace path (without the UI's `/Workspace` prefix). */
    name: workspacePath,
    settings: apiShape(experimentSettingsSchema),
    data: experimentDataSchema,
  })
  .refine((d) => d.settings.name === d.name, {
    message: "name must equal settings.name",
    path: ["name"],
  });
export type MlflowExperimentDescriptor = z.infer<typeof mlflowExperimentSchema>;

/** The Databricks tag naming the experiment's type: a notebook's own experiment is made by the notebook. */
export const EXPERIMENT_TYPE_TAG = "mlflow.experimentType";
/** The Databricks tag holding the experiment's description (the provider's `description`). */
export const NOTE_TAG = "mlflow.note.content";

export function tagValue(tags: unknown, key: string): string | undefined {
  if (!Array.isArray(tags)) return undefined;
  const t = (tags as MlflowTag[]).find((x) => x && x.key === key);
  return typeof t?.value === "string" ? t.value : undefined;
}

export const isNotebookExperiment = (d: MlflowExperimentDescriptor) =>
  tagValue(d.settings.tags, EXPERIMENT_TYPE_TAG) === "NOTEBOOK";

/** The folder the experiment is in ("/" for none): it must exist in the secondary before the experiment. */
export function experimentFolder(name: string): string {
  const i = name.replace(/\/+$/, "").lastIndexOf("/");
  return i <= 0 ? "/" : name.slice(0, i);
}

/** What an experiment names: its folder (a directory descriptor, by path). The root needs none. */
export function mlflowExperimentReferences(d: MlflowExperimentDescriptor): Ref[] {
  const folder = experimentFolder(d.name);
  return folder === "/" ? [] : [{ kind: "directory", id: folder, field: "settings.name" }];
}
