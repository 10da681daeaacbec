/**
 * The `serving-endpoint` kind on ServingEndpointDetailed bodies as the REST reference documents them (the
 * get example of learn.microsoft.com/azure/databricks/machine-learning/model-serving/manage-serving-endpoints,
 * plus the documented fields of ServedEntityOutput / ExternalModel / AiGatewayConfig): it validates deeply,
 * names what it references, and maps to ModelServing args the provider's .d.ts declares
 * (node_modules/@pulumi/databricks/modelServing.d.ts, checked by roundtrip/provider-shape). Expected values
 * are read off those bodies and the README's passive policy, never off the mapping.
 */
import { ApiError } from "../../client";
import { meansUnavailable } from "../../client/host";
import type { ExportContext } from "../../exporters/types";
import { KINDS } from "../../kinds/registry";
import { normalizeServingEndpoint, servingEndpointExporter } from "../../kinds/serving-endpoint/exporter";
import { servingEndpointArgs } from "../../kinds/serving-endpoint/mapping";
import {
  ServingEndpointDescriptor,
  servingEndpointReferences,
  servingEndpointSchema,
} from "../../kinds/serving-endpoint/schema";
import { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { getAtPath, setAtPath } from "../../kinds/field-path";

const MODEL_SERVING = "databricks:index/modelServing:ModelServing";
type Obj = Record<string, unknown>;

/** The documented get answer of a UC model endpoint, with the documented optional fields filled in. */
const documented = (): Obj => ({
  name: "unity-model-endpoint",
  id: "0a1b2c3d4e5f67890a1b2c3d4e5f6789",
  creator: "customer@example.com",
  creation_timestamp: 1666829055000,
  last_updated_timestamp: 1666829055000,
  state: { ready: "READY", config_update: "NOT_UPDATING" },
  permission_level: "CAN_MANAGE",
  config: {
    served_entities: [
      {
        name: "my-ads-model",
        entity_name: "myCatalog.mySchema.my-ads-model",
        entity_version: "1",
        workload_size: "Medium",
        workload_type: "CPU",
        scale_to_zero_enabled: false,
        environment_vars: { "feature.store": "ads", MODE: "prod" },
        state: { deployment: "DEPLOYMENT_READY", deployment_state_message: "" },
        creator: "customer@example.com",
        creation_timestamp: 1666829055000,
      },
    ],
    traffic_config: { routes: [{ served_model_name: "my-ads-model", traffic_percentage: 100 }] },
    auto_capture_config: {
      catalog_name: "myCatalog",
      schema_name: "mySchema",
      table_name_prefix: "ads",
      enabled: true,
      state: { payload_table: { name: "ads_payload", status: "ACTIVE" } },
    },
    config_version: 1,
  },
  tags: [{ key: "team", value: "ads" }],
  route_optimized: false,
  email_notifications: { on_update_failure: ["a@example.com"], on_update_success: ["b@example.com"] },
});

/** The secondary holds the catalog `myCatalog` and the secret scope `etl`, nothing else. */
const resolve: Resolver = (ref) =>
  (ref.kind === "uc-catalog" && ref.id === "myCatalog") || (ref.kind === "secret-scope" && ref.id === "etl")
    ? { value: ref.id }
    : { missing: "not replicated" };

const fixture = (): ServingEndpointDescriptor =>
  servingEndpointSchema.parse(normalizeServingEndpoint(documented()));
const mapped = (d: ServingEndpointDescriptor, activation: boolean) => {
  const m = servingEndpointArgs(d, { activation, resolve });
  if (!m.ok) throw new Error(m.skip);
  return m;
};

describe("the documented endpoint", () => {
  it("validates with the endpoint's id (the Permissions API's) as its stable id, service fields left out", () => {
    const d = fixture();
    expect(d.id).toBe(documented().id);
    expect(d.name).toBe("unity-model-endpoint");
    expect(KINDS["serving-endpoint"].schema.safeParse(d).success).toBe(true);
    for (const k of ["state", "creator", "creation_timestamp", "permission_level", "id", "name"])
      expect(d.settings[k]).toBeUndefined();
    const e = getAtPath(d, "settings.config.served_entities[0]") as Obj;
    expect(e.state).toBeUndefined();
    expect(e.creator).toBeUndefined();
    expect(getAtPath(d, "settings.config.config_version")).toBeUndefined();
    expect(getAtPath(d, "settings.config.auto_capture_config.state")).toBeUndefined();
    expect(e.workload_size).toBe("Medium");
  });

  it("is validated deeply: a wrong type, both entity lists, or routes not adding up to 100 are refused", () => {
    const bad = structuredClone(fixture());
    setAtPath(bad, "settings.config.served_entities[0].workload_size", 3);
    const r = servingEndpointSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["settings", "config", "served_entities", 0, "workload_size"]);
    const both = structuredClone(fixture());
    (both.settings.config as Obj).served_models = [{ model_name: "m", model_version: "1" }];
    expect(servingEndpointSchema.safeParse(both).success).toBe(false);
    const routes = structuredClone(fixture());
    setAtPath(routes, "settings.config.traffic_config.routes[0].traffic_percentage", 90);
    expect(servingEndpointSchema.safeParse(routes).success).toBe(false);
    const name = structuredClone(fixture());
    name.name = "has.dots";
    expect(servingEndpointSchema.safeParse(name).success).toBe(false);
  });

  it("references the UC model's catalog and the inference table's catalog", () => {
    const refs = servingEndpointReferences(fixture()).map((r) => `${r.kind}:${r.id}@${r.field}`);
    expect(refs.sort()).toEqual(
      [
        "uc-catalog:myCatalog@settings.config.served_entities[0].entity_name",
        "uc-catalog:myCatalog@settings.config.auto_capture_config.catalog_name",
      ].sort(),
    );
  });

  it("skips Databricks' own pay-per-token endpoints", () => {
    const ppt = documented();
    ppt.name = "databricks-meta-llama-3-3-70b-instruct";
    ((ppt.config as Obj).served_entities as Obj[])[0].foundation_model = { name: ppt.name };
    expect(() => normalizeServingEndpoint(ppt)).toThrow(/pay-per-token/);
  });
});

describe("mapping to ModelServing args", () => {
  it("gives args the provider declares, names as the .d.ts spells them, user-keyed maps untouched", () => {
    const m = mapped(fixture(), true);
    expect(checkResourceInputs(MODEL_SERVING, m.args as Obj)).toEqual([]);
    const a = (p: string) => getAtPath(m.args, p);
    expect(a("name")).toBe("unity-model-endpoint");
    expect(a("config.servedEntities[0].entityName")).toBe("myCatalog.mySchema.my-ads-model");
    expect(a("config.servedEntities[0].environmentVars")).toEqual({ "feature.store": "ads", MODE: "prod" });
    expect(a("config.trafficConfig.routes[0].trafficPercentage")).toBe(100);
    expect(a("config.autoCaptureConfig.tableNamePrefix")).toBe("ads");
    expect(a("emailNotifications.onUpdateSuccesses")).toEqual(["b@example.com"]);
    expect(a("tags")).toEqual([{ key: "team", value: "ads" }]);
  });

  it("on activation sends the primary's sizes as exported", () => {
    const m = mapped(fixture(), true);
    expect(getAtPath(m.args, "config.servedEntities[0].workloadSize")).toBe("Medium");
    expect(getAtPath(m.args, "config.servedEntities[0].scaleToZeroEnabled")).toBe(false);
  });

  it("while passive scales every served entity to zero at the smallest size; external models untouched", () => {
    const d = fixture();
    const entities = getAtPath(d, "settings.config.served_entities") as Obj[];
    entities.push(
      {
        name: "pc",
        entity_name: "myCatalog.s.m",
        entity_version: "2",
        min_provisioned_concurrency: 8,
        max_provisioned_concurrency: 16,
      },
      {
        name: "pt",
        entity_name: "system.ai.llama",
        entity_version: "1",
        min_provisioned_throughput: 950,
        max_provisioned_throughput: 1900,
      },
      {
        name: "ext",
        external_model: {
          name: "gpt",
          provider: "openai",
          task: "llm/v1/chat",
          openai_config: { openai_api_key: "{{secrets/etl/openai}}" },
        },
      },
    );
    setAtPath(d, "settings.config.traffic_config.routes", [
      { served_entity_name: "my-ads-model", traffic_percentage: 100 },
    ]);
    const m = mapped(servingEndpointSchema.parse(d), false);
    expect(checkResourceInputs(MODEL_SERVING, m.args as Obj)).toEqual([]);
    const s = (i: number, f: string) => getAtPath(m.args, `config.servedEntities[${i}].${f}`);
    // The README's policy: scale to zero, workload size Small, concurrency 0..4, throughput from 0.
    expect([s(0, "scaleToZeroEnabled"), s(0, "workloadSize")]).toEqual([true, "Small"]);
    expect([
      s(1, "scaleToZeroEnabled"),
      s(1, "minProvisionedConcurrency"),
      s(1, "maxProvisionedConcurrency"),
    ]).toEqual([true, 0, 4]);
    expect(s(1, "workloadSize")).toBeUndefined();
    expect([
      s(2, "scaleToZeroEnabled"),
      s(2, "minProvisionedThroughput"),
      s(2, "maxProvisionedThroughput"),
    ]).toEqual([true, 0, 1900]);
    expect(s(3, "scaleToZeroEnabled")).toBeUndefined();
    expect(s(3, "externalModel.openaiConfig.openaiApiKey")).toBe("{{secrets/etl/openai}}");
    const notes = m.notes.join("\n");
    expect(notes).toMatch(/3 served entities scaled to zero/);
    // What a person must still do: the key's value, the region's foundation model, the UC model versions.
    expect(notes).toContain("{{secrets/etl/openai}}");
    expect(notes).toMatch(/system\.ai\.llama.*region/);
    expect(notes).toMatch(/myCatalog\.mySchema\.my-ads-model.*copy the version/);
    // The descriptor (the record of the primary's sizes) is left as it was.
    expect(getAtPath(d, "settings.config.served_entities[0].workload_size")).toBe("Medium");
  });
});

describe("served entities the secondary does not hold", () => {
  const withEntity = (entity: Obj, legacy = false): ServingEndpointDescriptor => {
    const d = fixture();
    const config = d.settings.config as Obj;
    delete config.traffic_config;
    if (legacy) {
      delete config.served_entities;
      config.served_models = [entity];
    } else config.served_entities = [entity];
    return servingEndpointSchema.parse(d);
  };
  const skipOf = (d: ServingEndpointDescriptor) => {
    const m = servingEndpointArgs(d, { activation: false, resolve });
    return m.ok ? undefined : m.skip;
  };

  it("a UC model whose catalog is not replicated", () => {
    expect(skipOf(withEntity({ entity_name: "finance.ml.risk", entity_version: "4" }))).toMatch(
      /"finance\.ml\.risk" version 4: its catalog "finance" is not in the secondary/,
    );
  });
  it("a workspace model registry model (served_models)", () => {
    expect(skipOf(withEntity({ model_name: "churn_classifier", model_version: "2" }, true))).toMatch(
      /served_models\[0\] "churn_classifier" version 2 is a workspace model registry model/,
    );
  });
  it("an external model whose secret scope is not replicated, or whose key is plaintext", () => {
    const ext = (cfg: Obj) => ({
      external_model: { name: "c", provider: "anthropic", task: "llm/v1/chat", anthropic_config: cfg },
    });
    expect(skipOf(withEntity(ext({ anthropic_api_key: "{{secrets/vendor/anthropic}}" })))).toMatch(
      /needs \{\{secrets\/vendor\/anthropic\}\}: secret scope "vendor" is not in the secondary/,
    );
    expect(skipOf(withEntity(ext({ anthropic_api_key_plaintext: "sk-x" })))).toMatch(/plaintext credential/);
  });
  it("an inference table in a catalog the secondary lacks is left out and named", () => {
    const d = fixture();
    setAtPath(d, "settings.config.auto_capture_config.catalog_name", "logs");
    const m = mapped(d, false);
    expect(getAtPath(m.args, "config.autoCaptureConfig")).toBeUndefined();
    expect(m.notes.join("\n")).toMatch(/inference table catalog "logs" is not in the secondary/);
  });
});

describe("the exporter on a workspace without model serving", () => {
  const ctxFailing = (e: Error) =>
    ({ client: { get: async () => Promise.reject(e) } }) as unknown as ExportContext;
  const listed = (ctx: ExportContext) =>
    (servingEndpointExporter.list(ctx) as Promise<unknown>).catch((x: unknown) => x);

  it("makes FEATURE_DISABLED, 403 and 404 'unavailable' (the kind unknown, never 0 endpoints)", async () => {
    const path = "GET /api/2.0/serving-endpoints";
    const cases = [
      new ApiError(400, "FEATURE_DISABLED", "Model serving is not enabled for this workspace", path),
      new ApiError(403, "PERMISSION_DENIED", "no access", path),
      new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found", path),
    ];
    for (const e of cases) expect(meansUnavailable(await listed(ctxFailing(e)))).toBe(true);
    // Any other refusal is a listing failure, not an absent feature.
    expect(
      meansUnavailable(await listed(ctxFailing(new ApiError(400, "INVALID_PARAMETER_VALUE", "x", path)))),
    ).toBe(false);
  });
});
