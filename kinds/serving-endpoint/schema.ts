import { z } from "zod";
import { apiShape, Ref } from "../common";
import { stringMap } from "../compute-specs";

/**
 * A model serving endpoint (`GET /api/2.0/serving-endpoints/{name}`, ServingEndpointDetailed) as the
 * Serving Endpoints API documents it: the served entities (or legacy served models), traffic routes,
 * inference tables, AI Gateway, tags, route optimization. Every field the stack or verify reads is
 * type-checked; fields not listed are kept (loose objects), as the API grows faster than this list.
 */
const str = z.string();
const nonNeg = z.number().int().nonnegative();

/** A Databricks secret reference `{{secrets/scope/key}}` or a plain value (plaintext keys are never exported). */
const externalConfig = z.looseObject({});

/** `ExternalModel`: a model hosted outside Databricks, reached with the provider's credentials. */
const externalModelSchema = z.looseObject({
  name: str.min(1),
  provider: str.min(1),
  task: str.min(1),
  ai21labs_config: externalConfig.optional(),
  amazon_bedrock_config: externalConfig.optional(),
  anthropic_config: externalConfig.optional(),
  cohere_config: externalConfig.optional(),
  custom_provider_config: externalConfig.optional(),
  databricks_model_serving_config: externalConfig.optional(),
  google_cloud_vertex_ai_config: externalConfig.optional(),
  openai_config: externalConfig.optional(),
  palm_config: externalConfig.optional(),
});

/** What a served entity and a served model share: compute size and scaling. */
const computeFields = {
  name: str.min(1).optional(),
  workload_size: str.min(1).optional(),
  workload_type: str.min(1).optional(),
  scale_to_zero_enabled: z.boolean().optional(),
  min_provisioned_throughput: nonNeg.optional(),
  max_provisioned_throughput: nonNeg.optional(),
  min_provisioned_concurrency: nonNeg.optional(),
  max_provisioned_concurrency: nonNeg.optional(),
  provisioned_model_units: nonNeg.optional(),
  burst_scaling_enabled: z.boolean().optional(),
  environment_vars: stringMap.optional(),
  instance_profile_arn: str.optional(),
};

/** `ServedEntityInput`: a UC model (`catalog.schema.model`), a workspace-registry model, or an external model. */
const servedEntitySchema = z
  .looseObject({
    ...computeFields,
    entity_name: str.min(1).optional(),
    entity_version: str.min(1).optional(),
    external_model: externalModelSchema.optional(),
  })
  .refine((e) => e.entity_name !== undefined || e.external_model !== undefined, {
    message: "a served entity names an entity_name or an external_model",
  });

/** `ServedModelInput` (legacy): a registered model version. */
const servedModelSchema = z.looseObject({
  ...computeFields,
  model_name: str.min(1),
  model_version: str.min(1),
});

const routeSchema = z.looseObject({
  served_entity_name: str.optional(),
  served_model_name: str.optional(),
  traffic_percentage: z.number().int().min(0).max(100),
});

const inferenceTable = z.looseObject({
  catalog_name: str.optional(),
  schema_name: str.optional(),
  table_name_prefix: str.optional(),
  enabled: z.boolean().optional(),
});

const rateLimitSchema = z.looseObject({
  calls: nonNeg,
  key: str.optional(),
  renewal_period: str.min(1),
});

export const servingConfigSchema = z
  .looseObject({
    served_entities: z.array(servedEntitySchema).optional(),
    served_models: z.array(servedModelSchema).optional(),
    traffic_config: z.looseObject({ routes: z.array(routeSchema).optional() }).optional(),
    auto_capture_config: inferenceTable.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.served_entities?.length && c.served_models?.length)
      ctx.addIssue({
        code: "custom",
        path: ["served_models"],
        message: "served_entities and served_models are exclusive",
      });
    const routes = c.traffic_config?.routes ?? [];
    const sum = routes.reduce((n, r) => n + r.traffic_percentage, 0);
    if (routes.length && sum !== 100)
      ctx.addIssue({
        code: "custom",
        path: ["traffic_config", "routes"],
        message: `traffic percentages add up to ${sum}, not 100`,
      });
  });

export const servingSettingsSchema = z.looseObject({
  config: servingConfigSchema.optional(),
  tags: z.array(z.looseObject({ key: str.min(1), value: str.optional() })).optional(),
  /** Deprecated endpoint rate limits (ServingEndpointDetailed does not return them; AI Gateway's do). */
  rate_limits: z.array(rateLimitSchema).optional(),
  ai_gateway: z
    .looseObject({
      inference_table_config: inferenceTable.optional(),
      rate_limits: z.array(rateLimitSchema).optional(),
      usage_tracking_config: z.looseObject({ enabled: z.boolean().optional() }).optional(),
      guardrails: z.looseObject({}).optional(),
      fallback_config: z.looseObject({ enabled: z.boolean() }).optional(),
    })
    .optional(),
  route_optimized: z.boolean().optional(),
  budget_policy_id: str.optional(),
  description: str.optional(),
  email_notifications: z
    .looseObject({
      on_update_failure: z.array(str).optional(),
      on_update_success: z.array(str).optional(),
    })
    .optional(),
});

export const servingEndpointSchema = z.object({
  /**
   * The primary's endpoint `id` (what the Permissions API names: `serving-endpoints/{id}`), the stable id;
   * the name is the key the Serving Endpoints API itself uses and is kept apart.
   */
  id: z.string().min(1),
  /** Unique per workspace, 1-63 characters: letters, digits, dashes, underscores. */
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[A-Za-z0-9_-]+$/, "an endpoint name holds letters, digits, dashes and underscores"),
  /** The create request's fields as ServingEndpointDetailed returns them, service-set fields left out. */
  settings: apiShape(servingSettingsSchema),
});
export type ServingEndpointDescriptor = z.infer<typeof servingEndpointSchema>;

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj | undefined => (v && typeof v === "object" ? (v as Obj) : undefined);

/** A Unity Catalog full name's catalog (`sales.ml.churn` -> `sales`); undefined for a workspace-registry name. */
export function ucCatalogOf(name: unknown): string | undefined {
  if (typeof name !== "string") return undefined;
  const parts = name.split(".");
  return parts.length === 3 && parts.every((p) => p !== "") ? parts[0] : undefined;
}

/** The served entities or the legacy served models, with the field path each sits at. */
export function servedOf(d: { settings: Obj }): { entity: Obj; at: string; legacy: boolean }[] {
  const c = obj(d.settings.config) ?? {};
  return [
    ...arr(c.served_entities).map((entity, i) => ({
      entity,
      at: `settings.config.served_entities[${i}]`,
      legacy: false,
    })),
    ...arr(c.served_models).map((entity, i) => ({
      entity,
      at: `settings.config.served_models[${i}]`,
      legacy: true,
    })),
  ];
}

/**
 * What an endpoint names: the Unity Catalog catalogs of its UC models and of its inference tables (a
 * catalog's descriptor id is its name). Soft: the names are the same in the secondary; whether the model
 * itself is there is the mapping's question (kinds/serving-endpoint/mapping.ts).
 */
export function servingEndpointReferences(d: ServingEndpointDescriptor): Ref[] {
  const refs: Ref[] = [];
  for (const { entity, at, legacy } of servedOf(d)) {
    const field = legacy ? `${at}.model_name` : `${at}.entity_name`;
    const catalog = ucCatalogOf(legacy ? entity.model_name : entity.entity_name);
    if (catalog && catalog !== "system") refs.push({ kind: "uc-catalog", id: catalog, field });
  }
  const tables: [unknown, string][] = [
    [obj(d.settings.config)?.auto_capture_config, "settings.config.auto_capture_config"],
    [obj(d.settings.ai_gateway)?.inference_table_config, "settings.ai_gateway.inference_table_config"],
  ];
  for (const [t, at] of tables) {
    const name = obj(t)?.catalog_name;
    if (typeof name === "string" && name !== "")
      refs.push({ kind: "uc-catalog", id: name, field: `${at}.catalog_name` });
  }
  return refs;
}
