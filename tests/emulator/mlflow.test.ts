/**
 * The emulator's MLflow routes against the REST reference (docs.databricks.com/api/experiments and
 * /api/model-registry, the pages cited in emulator/routes/mlflow.ts): search bounds and paging, deleted
 * experiments left out of the default view, RESOURCE_ALREADY_EXISTS on a taken name (a deleted one's too),
 * RESOURCE_DOES_NOT_EXIST on unknown ids and names, the databricks/ get variant's workspace id, and the
 * permissions object types and levels the Terraform provider's permission definitions list.
 */
import { useSampleEmulator } from "./helpers";

const s = useSampleEmulator();
const EXP = "/api/2.0/mlflow/experiments";
const RM = "/api/2.0/mlflow/registered-models";

async function allExperiments(body: Record<string, unknown>) {
  const names: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await s.api.post(`${EXP}/search`, { ...body, ...(token ? { page_token: token } : {}) });
    expect(r.status).toBe(200);
    for (const e of r.json.experiments ?? []) names.push(e.name);
    token = r.json.next_page_token;
    pages++;
  } while (token);
  return { names, pages };
}

describe("experiments", () => {
  it("search pages with max_results and page_token and leaves deleted experiments out by default", async () => {
    const one = await allExperiments({ max_results: 1 });
    const all = await allExperiments({});
    expect(one.pages).toBe(one.names.length);
    expect(one.names.sort()).toEqual(all.names.sort());
    expect(all.names).toContain("/Shared/reports/churn-model");
    expect(all.names).not.toContain("/Shared/reports/old-trial");
    const withDeleted = await allExperiments({ view_type: "ALL" });
    expect(withDeleted.names).toContain("/Shared/reports/old-trial");
  });

  it("max_results above 3000 is refused", async () => {
    const r = await s.api.post(`${EXP}/search`, { max_results: 3001 });
    expect(r.status).toBe(400);
    expect(r.json.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("create answers an id, get reads it back; a taken name, even a deleted one's, is RESOURCE_ALREADY_EXISTS", async () => {
    const c = await s.api.post(`${EXP}/create`, {
      name: "/Shared/reports/new-exp",
      artifact_location: "abfss://c@acct.dfs.core.windows.net/x",
      tags: [{ key: "k", value: "v" }],
    });
    expect(c.status).toBe(200);
    expect(typeof c.json.experiment_id).toBe("string");
    const g = await s.api.get(`${EXP}/get?experiment_id=${c.json.experiment_id}`);
    expect(g.json.experiment).toMatchObject({
      experiment_id: c.json.experiment_id,
      name: "/Shared/reports/new-exp",
      artifact_location: "abfss://c@acct.dfs.core.windows.net/x",
      lifecycle_stage: "active",
    });
    expect(g.json.experiment.tags).toContainEqual({ key: "k", value: "v" });
    const again = await s.api.post(`${EXP}/create`, { name: "/Shared/reports/new-exp" });
    expect(again.status).toBe(400);
    expect(again.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    const deleted = await s.api.post(`${EXP}/create`, { name: "/Shared/reports/old-trial" });
    expect(deleted.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
  });

  it("an unknown id is RESOURCE_DOES_NOT_EXIST; a folder that does not exist too", async () => {
    const g = await s.api.get(`${EXP}/get?experiment_id=999`);
    expect(g.status).toBe(404);
    expect(g.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    const c = await s.api.post(`${EXP}/create`, { name: "/Shared/nowhere/exp" });
    expect(c.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("runs/search pages an experiment's runs", async () => {
    const id = s.emu.state.mlflow.experimentByName(
      "/Users/alice.smith@example.com/etl/orders-forecast",
    )!.experiment_id;
    const p1 = await s.api.post("/api/2.0/mlflow/runs/search", { experiment_ids: [id], max_results: 2 });
    expect(p1.json.runs).toHaveLength(2);
    const p2 = await s.api.post("/api/2.0/mlflow/runs/search", {
      experiment_ids: [id],
      max_results: 2,
      page_token: p1.json.next_page_token,
    });
    expect(p2.json.runs).toHaveLength(1);
    expect(p2.json.next_page_token).toBeUndefined();
  });

  it("permissions: object type mlflowExperiment, levels CAN_READ/CAN_EDIT/CAN_MANAGE", async () => {
    const id = s.emu.state.mlflow.experimentByName("/Shared/reports/churn-model")!.experiment_id;
    const p = await s.api.get(`/api/2.0/permissions/experiments/${id}`);
    expect(p.status).toBe(200);
    expect(p.json.object_type).toBe("mlflowExperiment");
    const bad = await s.api.put(`/api/2.0/permissions/experiments/${id}`, {
      access_control_list: [{ user_name: "bob.jones@example.com", permission_level: "CAN_RUN" }],
    });
    expect(bad.status).toBe(400);
  });
});

describe("registered models", () => {
  it("list and search page with max_results (at most 1000) and page_token", async () => {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const q = `max_results=1${token ? `&page_token=${token}` : ""}`;
      const r = await s.api.get(`${RM}/search?${q}`);
      expect(r.json.registered_models).toHaveLength(1);
      names.push(r.json.registered_models[0].name);
      token = r.json.next_page_token;
    } while (token);
    expect(names).toEqual(["churn_classifier", "orders_forecast"]);
    expect((await s.api.get(`${RM}/list?max_results=1001`)).status).toBe(400);
    const list = await s.api.get(`${RM}/list`);
    expect(list.json.registered_models.map((m: { name: string }) => m.name)).toEqual(names);
  });

  it("the databricks/ get adds the workspace id the permissions API takes", async () => {
    const g = await s.api.get(`/api/2.0/mlflow/databricks/registered-models/get?name=orders_forecast`);
    const m = g.json.registered_model_databricks;
    expect(m).toMatchObject({ name: "orders_forecast", description: "Daily orders forecast" });
    expect(typeof m.id).toBe("string");
    const plain = await s.api.get(`${RM}/get?name=orders_forecast`);
    expect(plain.json.registered_model.id).toBeUndefined();
    const p = await s.api.get(`/api/2.0/permissions/registered-models/${m.id}`);
    expect(p.json.object_type).toBe("registered-model");
    const ok = await s.api.put(`/api/2.0/permissions/registered-models/${m.id}`, {
      access_control_list: [
        { user_name: "bob.jones@example.com", permission_level: "CAN_MANAGE_PRODUCTION_VERSIONS" },
      ],
    });
    expect(ok.status).toBe(200);
  });

  it("create refuses a taken name; get of an unknown name is RESOURCE_DOES_NOT_EXIST", async () => {
    const c = await s.api.post(`${RM}/create`, { name: "orders_forecast" });
    expect(c.status).toBe(400);
    expect(c.json.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    const g = await s.api.get(`${RM}/get?name=nope`);
    expect(g.status).toBe(404);
    expect(g.json.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
  });

  it("model-versions/search by name='<model>' answers that model's versions", async () => {
    const r = await s.api.get(
      `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent("name='orders_forecast'")}`,
    );
    expect(r.json.model_versions.map((v: { version: string }) => v.version)).toEqual(["1", "2"]);
  });
});
