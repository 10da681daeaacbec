/**
 * The emulator's Serving Endpoints API against its REST reference (docs.databricks.com/api/azure/workspace/
 * servingendpoints): list answers `endpoints` (no paging), get is by name, names are unique, a config update
 * goes through pending_config / config_update IN_PROGRESS before it is served, tags are PATCHed as
 * add_tags/delete_tags, and the Permissions API names an endpoint by its id (`serving-endpoints/{id}`).
 */
import { SAMPLE_SERVING } from "../../emulator/seeds/sample-serving";
import { useSampleEmulator } from "./helpers";

const suite = useSampleEmulator();
const BASE = "/api/2.0/serving-endpoints";
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls get until the endpoint's update is done (the provider waits the same way). */
async function settled(name: string) {
  for (let i = 0; i < 100; i++) {
    const g = await suite.api.get(`${BASE}/${name}`);
    if (g.json.state?.config_update !== "IN_PROGRESS") return g;
    await wait(20);
  }
  throw new Error(`${name} never settled`);
}

/** A create body as the docs' example gives it: one UC model, Small, scale to zero. */
const body = (name: string) => ({
  name,
  config: {
    served_entities: [
      {
        entity_name: "main.ml.ads_model",
        entity_version: "2",
        workload_size: "Small",
        scale_to_zero_enabled: true,
      },
    ],
  },
  tags: [{ key: "team", value: "ads" }],
});

describe("serving endpoints", () => {
  it("lists every endpoint of the sample in one answer, as summaries (no sizes)", async () => {
    const r = await suite.api.get(BASE);
    expect(r.status).toBe(200);
    const names = r.json.endpoints.map((e: { name: string }) => e.name);
    expect(names.sort()).toEqual(Object.values(SAMPLE_SERVING).sort());
    const churn = r.json.endpoints.find((e: { name: string }) => e.name === SAMPLE_SERVING.churn);
    expect(typeof churn.id).toBe("string");
    expect(churn.config.served_entities[0]).toEqual({
      name: "churn-v3",
      entity_name: "sales.curated.churn_model",
      entity_version: "3",
    });
    expect(r.json.next_page_token).toBeUndefined();
  });

  it("creates one, answering ServingEndpointDetailed, and serves it once the update is done", async () => {
    const c = await suite.api.post(BASE, body("ads-serving"));
    expect(c.status).toBe(200);
    expect(c.json.name).toBe("ads-serving");
    expect(c.json.state.config_update).toBe("IN_PROGRESS");
    expect(c.json.pending_config.served_entities[0].entity_name).toBe("main.ml.ads_model");
    const g = await settled("ads-serving");
    expect(g.json.state).toEqual({ ready: "READY", config_update: "NOT_UPDATING" });
    expect(g.json.pending_config).toBeUndefined();
    const e = g.json.config.served_entities[0];
    // The documented default name: entity_name-entity_version (a name holds no dots).
    expect(e.name).toBe("main-ml-ads_model-2");
    expect(e.state.deployment).toBe("DEPLOYMENT_READY");
    expect(g.json.config.traffic_config.routes).toEqual([
      { served_entity_name: "main-ml-ads_model-2", traffic_percentage: 100 },
    ]);
    expect(g.json.config.config_version).toBe(1);
  });

  it("refuses a name in use, an unknown name, a bad name and routes that do not add up to 100", async () => {
    const dup = await suite.api.post(BASE, body(SAMPLE_SERVING.churn));
    expect([dup.status, dup.json.error_code]).toEqual([400, "RESOURCE_ALREADY_EXISTS"]);
    const missing = await suite.api.get(`${BASE}/no-such-endpoint`);
    expect([missing.status, missing.json.error_code]).toEqual([404, "RESOURCE_DOES_NOT_EXIST"]);
    const bad = await suite.api.post(BASE, body("has.dots"));
    expect(bad.json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const routes = {
      ...body("routes-99"),
      config: {
        served_entities: [
          { name: "a", entity_name: "m.s.a", entity_version: "1", workload_size: "Small" },
          { name: "b", entity_name: "m.s.b", entity_version: "1", workload_size: "Small" },
        ],
        traffic_config: {
          routes: [
            { served_entity_name: "a", traffic_percentage: 50 },
            { served_entity_name: "b", traffic_percentage: 49 },
          ],
        },
      },
    };
    expect((await suite.api.post(BASE, routes)).json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("updates the config with PUT .../config (config_version grows; a second update waits for the first)", async () => {
    await suite.api.post(BASE, body("put-config"));
    await settled("put-config");
    const cfg = {
      served_entities: [
        { name: "v3", entity_name: "main.ml.ads_model", entity_version: "3", workload_size: "Medium" },
      ],
    };
    const u = await suite.api.put(`${BASE}/put-config/config`, cfg);
    expect(u.status).toBe(200);
    expect(u.json.state.config_update).toBe("IN_PROGRESS");
    const busy = await suite.api.put(`${BASE}/put-config/config`, cfg);
    expect(busy.status).toBe(409);
    const g = await settled("put-config");
    expect(g.json.config.served_entities.map((e: { name: string }) => e.name)).toEqual(["v3"]);
    expect(g.json.config.config_version).toBe(2);
  });

  it("patches tags with add_tags and delete_tags", async () => {
    await suite.api.post(BASE, body("tagged"));
    const r = await suite.api.patch(`${BASE}/tagged/tags`, {
      add_tags: [{ key: "env", value: "prod" }],
      delete_tags: ["team"],
    });
    expect(r.json.tags).toEqual([{ key: "env", value: "prod" }]);
    expect((await suite.api.get(`${BASE}/tagged`)).json.tags).toEqual([{ key: "env", value: "prod" }]);
  });

  it("keeps ACLs under the endpoint's id, not its name, and drops them with the endpoint", async () => {
    const c = await suite.api.post(BASE, body("acl-demo"));
    const id = c.json.id as string;
    const byId = await suite.api.get(`/api/2.0/permissions/serving-endpoints/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.json.object_type).toBe("serving-endpoint");
    const byName = await suite.api.get(`/api/2.0/permissions/serving-endpoints/acl-demo`);
    expect(byName.status).toBe(404);
    const put = await suite.api.put(`/api/2.0/permissions/serving-endpoints/${id}`, {
      access_control_list: [{ group_name: "data-scientists", permission_level: "CAN_QUERY" }],
    });
    expect(put.status).toBe(200);
    const wrong = await suite.api.put(`/api/2.0/permissions/serving-endpoints/${id}`, {
      access_control_list: [{ group_name: "data-scientists", permission_level: "CAN_RUN" }],
    });
    expect(wrong.status).toBe(400);
    expect((await suite.api.del(`${BASE}/acl-demo`)).status).toBe(200);
    expect((await suite.api.get(`${BASE}/acl-demo`)).status).toBe(404);
    expect((await suite.api.get(`/api/2.0/permissions/serving-endpoints/${id}`)).status).toBe(404);
  });

  it("never answers an external model's plaintext key", async () => {
    const r = await suite.api.post(BASE, {
      name: "plaintext-key",
      config: {
        served_entities: [
          {
            external_model: {
              name: "gpt",
              provider: "openai",
              task: "llm/v1/chat",
              openai_config: { openai_api_key_plaintext: "sk-not-for-eyes" },
            },
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect((await settled("plaintext-key")).text).not.toContain("sk-not-for-eyes");
  });
});
