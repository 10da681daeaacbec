import { createServingEndpoint } from "../routes/serving-endpoints";
import { Obj } from "../state/types";
import { AclEntry, WorkspaceState } from "../state/workspace-state";

/**
 * Model serving endpoints of the sample workspace, in the Serving Endpoints API's create shapes (docs
 * examples): a UC model on a Medium CPU size with an inference table, an A/B pair on provisioned
 * concurrency behind route optimization, an external OpenAI model whose key is a secret reference with AI
 * Gateway limits, a legacy served model of the workspace registry, a foundation model on provisioned
 * throughput, and a Databricks-managed pay-per-token endpoint (the platform's own, not the workspace's).
 */
export const SAMPLE_SERVING = {
  churn: "churn-scoring",
  fraud: "fraud-ab",
  support: "support-assistant",
  legacy: "legacy-churn",
  llama: "llama-pt",
  payPerToken: "databricks-meta-llama-3-3-70b-instruct",
};

const group = (name: string, level: string): AclEntry => ({ group_name: name, permission_level: level });
const user = (name: string, level: string): AclEntry => ({ user_name: name, permission_level: level });

export function buildSampleServing(state: WorkspaceState, owner: string): void {
  const opts = { settled: true };
  const churn = createServingEndpoint(
    state,
    {
      name: SAMPLE_SERVING.churn,
      config: {
        served_entities: [
          {
            name: "churn-v3",
            entity_name: "sales.curated.churn_model",
            entity_version: "3",
            workload_size: "Medium",
            scale_to_zero_enabled: false,
            environment_vars: { CHURN_THRESHOLD: "0.7", "feature.store": "sales" },
          },
        ],
        auto_capture_config: { catalog_name: "sales", schema_name: "curated", table_name_prefix: "churn" },
      },
      tags: [
        { key: "team", value: "data-science" },
        { key: "cost-center", value: "4711" },
      ],
      description: "Churn score per customer",
      email_notifications: { on_update_failure: [owner] },
    },
    opts,
  );
  const fraud = createServingEndpoint(
    state,
    {
      name: SAMPLE_SERVING.fraud,
      route_optimized: true,
      config: {
        served_entities: [
          {
            name: "fraud-a",
            entity_name: "sales.curated.fraud_model",
            entity_version: "11",
            min_provisioned_concurrency: 8,
            max_provisioned_concurrency: 16,
            scale_to_zero_enabled: false,
          },
          {
            name: "fraud-b",
            entity_name: "sales.curated.fraud_model",
            entity_version: "12",
            workload_size: "Large",
            workload_type: "GPU_SMALL",
            scale_to_zero_enabled: false,
          },
        ],
        traffic_config: {
          routes: [
            { served_entity_name: "fraud-a", traffic_percentage: 80 },
            { served_entity_name: "fraud-b", traffic_percentage: 20 },
          ],
        },
      },
    },
    opts,
  );
  const support = createServingEndpoint(
    state,
    {
      name: SAMPLE_SERVING.support,
      config: {
        served_entities: [
          {
            name: "gpt-4o",
            external_model: {
              name: "gpt-4o",
              provider: "openai",
              task: "llm/v1/chat",
              openai_config: {
                openai_api_type: "azure",
                openai_api_key: "{{secrets/etl/api-token}}",
                openai_api_base: "https://contoso-openai.openai.azure.com/",
                openai_api_version: "2024-06-01",
                openai_deployment_name: "gpt-4o",
              },
            },
          },
        ],
      },
      ai_gateway: {
        usage_tracking_config: { enabled: true },
        rate_limits: [{ calls: 100, key: "user", renewal_period: "minute" }],
        inference_table_config: {
          catalog_name: "sales",
          schema_name: "curated",
          table_name_prefix: "support",
          enabled: true,
        },
      },
      tags: [{ key: "team", value: "support" }],
    },
    opts,
  );
  createServingEndpoint(
    state,
    {
      name: SAMPLE_SERVING.legacy,
      config: {
        served_models: [
          {
            model_name: "churn_classifier",
            model_version: "2",
            workload_size: "Small",
            scale_to_zero_enabled: true,
          },
        ],
      },
    },
    opts,
  );
  createServingEndpoint(
    state,
    {
      name: SAMPLE_SERVING.llama,
      config: {
        served_entities: [
          {
            entity_name: "system.ai.meta_llama_v3_1_8b_instruct",
            entity_version: "2",
            min_provisioned_throughput: 9500,
            max_provisioned_throughput: 19000,
          },
        ],
      },
    },
    opts,
  );
  // The platform's pay-per-token endpoint: served by Databricks in every region that offers the model.
  const ppt = createServingEndpoint(
    state,
    {
      name: SAMPLE_SERVING.payPerToken,
      config: {
        served_entities: [{ entity_name: "system.ai.meta_llama_v3_3_70b_instruct", entity_version: "1" }],
      },
    },
    opts,
  );
  const served = ((ppt.config as Obj).served_entities as Obj[])[0];
  served.foundation_model = {
    name: "databricks-meta-llama-3-3-70b-instruct",
    display_name: "Meta Llama 3.3 70B",
  };
  ppt.task = "llm/v1/chat";

  state.acls.set(`serving-endpoints/${String(churn.id)}`, [
    user(owner, "CAN_MANAGE"),
    group("data-scientists", "CAN_QUERY"),
    group("analytics", "CAN_VIEW"),
  ]);
  state.acls.set(`serving-endpoints/${String(fraud.id)}`, [
    user(owner, "CAN_MANAGE"),
    group("data-engineers", "CAN_QUERY"),
  ]);
  state.acls.set(`serving-endpoints/${String(support.id)}`, [
    user(owner, "CAN_MANAGE"),
    group("data-scientists", "CAN_QUERY"),
  ]);
}

/** `large`: `servingEndpoints` endpoints, one UC model each (in the large metastore's first catalog), some external. */
export interface LargeServingSizes {
  servingEndpoints: number;
}
export const LARGE_SERVING_DEFAULTS: LargeServingSizes = { servingEndpoints: 50 };

export function buildLargeServing(
  state: WorkspaceState,
  n: LargeServingSizes,
  grantee: string | undefined,
): void {
  for (let i = 0; i < n.servingEndpoints; i++) {
    const name = `endpoint-${String(i).padStart(4, "0")}`;
    const external = i % 5 === 4;
    const e = createServingEndpoint(
      state,
      {
        name,
        config: {
          served_entities: [
            external
              ? {
                  name: "chat",
                  external_model: {
                    name: "gpt-4o-mini",
                    provider: "openai",
                    task: "llm/v1/chat",
                    openai_config: { openai_api_key: `{{secrets/scope-${i % 3}/openai}}` },
                  },
                }
              : {
                  name: `model-${i}`,
                  entity_name: `cat_000.schema_0000.model_${String(i).padStart(4, "0")}`,
                  entity_version: String(1 + (i % 7)),
                  workload_size: ["Small", "Medium", "Large"][i % 3],
                  scale_to_zero_enabled: i % 2 === 0,
                },
          ],
        },
        tags: [{ key: "index", value: String(i) }],
      },
      { settled: true },
    );
    if (grantee) state.acls.set(`serving-endpoints/${String(e.id)}`, [group(grantee, "CAN_QUERY")]);
  }
}
