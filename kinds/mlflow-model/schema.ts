import { z } from "zod";
import { apiShape, Ref } from "../common";
import { mlflowTagSchema } from "../mlflow-experiment/schema";

/**
 * A registered model of the workspace model registry (not Unity Catalog's), as
 * `GET /api/2.0/mlflow/databricks/registered-models/get` answers `registered_model_databricks`: its name,
 * description and tags. Its versions are DATA (their files are run artifacts): counted, never copied.
 */
export const modelSettingsSchema = z.looseObject({
  /** 1 to 100 characters (the REST reference). */
  name: z.string().min(1).max(100),
  description: z.string().optional(),
  tags: z.array(mlflowTagSchema).optional(),
});

export const modelDataSchema = z.object({
  /** Versions counted through model-versions/search. */
  versions: z.number().int().nonnegative(),
  /** False when counting stopped at the page cap: `versions` is then a lower bound. */
  complete: z.boolean(),
  /** Version count per stage (None, Staging, Production, Archived). */
  stages: z.record(z.string(), z.number().int().nonnegative()),
});

export const mlflowModelSchema = z
  .object({
    /** The model's workspace id (what the permissions API names it by): the stable id across a rename. */
    id: z.string().min(1),
    name: z.string().min(1).max(100),
    settings: apiShape(modelSettingsSchema),
    data: modelDataSchema,
  })
  .refine((d) => d.settings.name === d.name, { message: "name must equal settings.name", path: ["name"] })
  .refine((d) => Object.values(d.data.stages).reduce((a, b) => a + b, 0) === d.data.versions, {
    message: "data.stages must add up to data.versions",
    path: ["data", "stages"],
  });
export type MlflowModelDescriptor = z.infer<typeof mlflowModelSchema>;

/** A registered model names no other object the stack replicates (its versions' runs are data). */
export function mlflowModelReferences(_d: MlflowModelDescriptor): Ref[] {
  return [];
}
