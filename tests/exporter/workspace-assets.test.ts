/**
 * A real workspace lists AI/BI dashboards (DASHBOARD) and MLflow experiments (MLFLOW_EXPERIMENT) in their
 * folders. The walk leaves them to their own kinds: each ends up once in the snapshot, as a dashboard or an
 * experiment (never as a workspace file), and nothing about them is skipped;
 * an object type with no kind is still recorded as not exported. Expectations: the emulator's state.
 */
import { RunningEmulator } from "../../emulator";
import { LAKEVIEW, createLakeviewDashboard } from "../../emulator/routes/lakeview";
import { createExperiment } from "../../emulator/routes/mlflow";
import { mkdirs } from "../../emulator/routes/workspace";
import { descriptors, emulator, exportOnce, tmpDir } from "./helpers";

const DIR = "/Shared/team-assets";

describe("dashboards and experiments met by the workspace walk", () => {
  let emu: RunningEmulator;
  afterEach(async () => emu?.close());

  it("are exported once, by their own kinds, and not skipped", async () => {
    emu = await emulator({ workspace: "empty" });
    mkdirs(emu.state, DIR);
    createLakeviewDashboard(emu.state, { display_name: "Revenue", parent_path: DIR });
    createExperiment(emu.state, { name: `${DIR}/forecast` });
    // A type the exporter has no kind for (databricks-sdk-go also lists PROJECT): still recorded, never dropped.
    emu.state.tree.put({
      path: `${DIR}/app`,
      object_type: "PROJECT" as never,
      object_id: emu.state.objectId(),
    });
    const listed = await fetch(`${emu.url}/api/2.0/workspace/list?path=${DIR}`, {
      headers: { Authorization: `Bearer ${emu.token}` },
    });
    expect(((await listed.json()) as { objects: unknown[] }).objects).toHaveLength(3);

    const out = tmpDir();
    const kinds = ["directory", "notebook", "workspace-file", "dashboard", "mlflow-experiment"] as const;
    const s = await exportOnce(emu, out, { filters: { includeKinds: [...kinds] } });

    const dashboards = [...emu.state.sqlObjects.get(LAKEVIEW)!.keys()];
    const experiments = [...emu.state.mlflow.experiments.values()]
      .filter((e) => e.lifecycle_stage === "active")
      .map((e) => String(e.experiment_id));
    expect(dashboards).toHaveLength(1);
    expect(descriptors(out, "dashboard").map((d) => d.id)).toEqual(dashboards);
    expect(descriptors(out, "mlflow-experiment").map((d) => d.id)).toEqual(experiments);
    expect(experiments).toContain(
      String(emu.state.mlflow.experimentByName(`${DIR}/forecast`)!.experiment_id),
    );
    expect(descriptors(out, "workspace-file")).toEqual([]);
    expect(descriptors(out, "directory").map((d) => d.id)).toContain(DIR);
    expect(s.skipped.filter((k) => k.id.startsWith(DIR))).toEqual([
      { kind: "workspace-file", id: `${DIR}/app`, reason: "workspace object type PROJECT is not exported" },
    ]);
  });
});
