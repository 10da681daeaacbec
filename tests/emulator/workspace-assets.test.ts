/**
 * AI/BI dashboards and MLflow experiments as the workspace tree shows them. Expected shape: the
 * workspace-objects reference (ObjectInfo: object_type DASHBOARD, resource_id "consistent across all
 * Databricks APIs") and its "Manage dashboards with Workspace APIs" tutorial (a `<name>.lvdash.json` path,
 * numeric object_id, resource_id = the dashboard id, no created_at/modified_at); MLFLOW_EXPERIMENT as
 * databricks-sdk-go's ObjectInfoObjectType spells it, resource_id = the experiment id.
 */
import { useSampleEmulator } from "./helpers";

const s = useSampleEmulator();
const DIR = "/Shared/assets-here";

const list = async (path: string) =>
  (await s.api.get(`/api/2.0/workspace/list?path=${encodeURIComponent(path)}`)).json.objects as Record<
    string,
    unknown
  >[];

describe("dashboards and experiments in the workspace tree", () => {
  it("are listed in their folder and by get-status, and leave with the trash", async () => {
    const { api } = s;
    expect((await api.post("/api/2.0/workspace/mkdirs", { path: DIR })).status).toBe(200);
    const d = await api.post("/api/2.0/lakeview/dashboards", { display_name: "Sales", parent_path: DIR });
    const e = await api.post("/api/2.0/mlflow/experiments/create", { name: `${DIR}/churn` });
    expect([d.status, e.status]).toEqual([200, 200]);
    const dashboardId = d.json.dashboard_id as string;
    const experimentId = e.json.experiment_id as string;

    const objects = await list(DIR);
    expect(objects.map((o) => Object.keys(o).sort())).toEqual([
      ["object_id", "object_type", "path", "resource_id"],
      ["object_id", "object_type", "path", "resource_id"],
    ]);
    const [dash, exp] = objects;
    expect(dash).toMatchObject({
      object_type: "DASHBOARD",
      path: `${DIR}/Sales.lvdash.json`,
      resource_id: dashboardId,
    });
    expect(exp).toMatchObject({
      object_type: "MLFLOW_EXPERIMENT",
      path: `${DIR}/churn`,
      resource_id: experimentId,
    });
    for (const o of objects) expect(Number.isSafeInteger(o.object_id)).toBe(true);

    const status = await api.get(`/api/2.0/workspace/get-status?path=${encodeURIComponent(`${DIR}/churn`)}`);
    expect(status.json).toEqual(exp);
    expect(await list(`${DIR}/Sales.lvdash.json`)).toEqual([dash]);

    expect((await api.del(`/api/2.0/lakeview/dashboards/${dashboardId}`)).status).toBe(200);
    expect(
      (await api.post("/api/2.0/mlflow/experiments/delete", { experiment_id: experimentId })).status,
    ).toBe(200);
    expect((await api.get(`/api/2.0/workspace/list?path=${DIR}`)).json).toEqual({});
    const gone = await api.get(`/api/2.0/workspace/get-status?path=${encodeURIComponent(`${DIR}/churn`)}`);
    expect(gone.status).toBe(404);
  });

  it("leave a notebook's own experiment to its notebook (not an object of the folder)", async () => {
    const { api } = s;
    const dir = "/Shared/nb-experiments";
    expect((await api.post("/api/2.0/workspace/mkdirs", { path: dir })).status).toBe(200);
    const e = await api.post("/api/2.0/mlflow/experiments/create", {
      name: `${dir}/analysis`,
      tags: [{ key: "mlflow.experimentType", value: "NOTEBOOK" }],
    });
    expect(e.status).toBe(200);
    expect((await api.get(`/api/2.0/workspace/list?path=${dir}`)).json).toEqual({});
  });
});
