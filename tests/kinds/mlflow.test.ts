/**
 * The `mlflow-experiment` and `mlflow-model` kinds. Expected values come from outside the code under test:
 * the Experiments and Model Registry REST references (only active experiments; a name is a workspace path;
 * a model name 1 to 100 characters; search pages by `next_page_token`), the provider's MlflowExperiment and
 * MlflowModel .d.ts (checkResourceInputs), the storage map's documented rewrite (abfss account renamed), and
 * the emulator's own state for the export (names, tags, runs and versions it holds).
 */
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { ApiError, HttpMethod } from "../../client";
import { runExport } from "../../exporters/run";
import { experimentData, mlflowExperimentArgs } from "../../kinds/mlflow-experiment/mapping";
import { MlflowExperimentDescriptor, mlflowExperimentSchema } from "../../kinds/mlflow-experiment/schema";
import { mlflowModelArgs, modelData } from "../../kinds/mlflow-model/mapping";
import { MlflowModelDescriptor, mlflowModelSchema } from "../../kinds/mlflow-model/schema";
import type { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { readSnapshot } from "../../snapshot/reader";
import { clientFor, emulator, EXPORTED_AT, tmpDir } from "../exporter/helpers";

type Obj = Record<string, unknown>;
const EXPERIMENT = "databricks:index/mlflowExperiment:MlflowExperiment";
const MODEL = "databricks:index/mlflowModel:MlflowModel";

const exp = (over: Partial<MlflowExperimentDescriptor["settings"]> = {}): MlflowExperimentDescriptor => {
  const settings = {
    name: "/Shared/team/exp",
    artifact_location: "abfss://mlflow@stprimary.dfs.core.windows.net/exp",
    lifecycle_stage: "active",
    tags: [
      { key: "team", value: "ds" },
      { key: "mlflow.ownerEmail", value: "a@b.c" },
      { key: "mlflow.note.content", value: "notes" },
    ],
    ...over,
  };
  return mlflowExperimentSchema.parse({
    id: "123",
    name: settings.name,
    settings,
    data: { runs: 4, complete: true },
  });
};
const model = (): MlflowModelDescriptor =>
  mlflowModelSchema.parse({
    id: "0a1b2c3d",
    name: "m1",
    settings: { name: "m1", description: "d", tags: [{ key: "k", value: "v" }] },
    data: { versions: 3, complete: true, stages: { Production: 1, None: 2 } },
  });
const resolveAll: Resolver = (r) => ({ value: r.id });
const resolveNone: Resolver = () => ({ missing: "not in the snapshot" });

describe("descriptors", () => {
  it("are validated deeply, naming the field", () => {
    const base = exp();
    const cases: [Obj, (string | number)[]][] = [
      [{ settings: { ...base.settings, lifecycle_stage: "deleted" } }, ["settings", "lifecycle_stage"]],
      [{ name: "relative/x", settings: { ...base.settings, name: "relative/x" } }, ["name"]],
      [{ settings: { ...base.settings, tags: [{ key: "", value: "x" }] } }, ["settings", "tags", 0, "key"]],
      [{ data: { runs: -1, complete: true } }, ["data", "runs"]],
    ];
    for (const [over, at] of cases) {
      const r = mlflowExperimentSchema.safeParse({ ...base, ...over });
      expect([at, r.success]).toEqual([at, false]);
      expect(r.error!.issues[0].path).toEqual(at);
    }
    const m = model();
    const long = "x".repeat(101);
    expect(mlflowModelSchema.safeParse({ ...m, name: long, settings: { name: long } }).success).toBe(false);
    const badStages = mlflowModelSchema.safeParse({ ...m, data: { ...m.data, stages: { None: 1 } } });
    expect(badStages.error!.issues[0].path).toEqual(["data", "stages"]);
  });
});

describe("experiment mapping", () => {
  it("maps the artifact account through the storage map; keeps user tags and the note; matches the .d.ts", () => {
    const m = mlflowExperimentArgs(exp(), {
      resolve: resolveAll,
      storage: { accounts: { stprimary: "stsecondary" } },
    });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.args).toEqual({
      name: "/Shared/team/exp",
      artifactLocation: "abfss://mlflow@stsecondary.dfs.core.windows.net/exp",
      tags: [
        { key: "team", value: "ds" },
        { key: "mlflow.note.content", value: "notes" },
      ],
    });
    expect(m.notes).toEqual([]);
    expect(checkResourceInputs(EXPERIMENT, m.args as Obj)).toEqual([]);
  });

  it("an unmapped account is kept with a manual action; the DBFS default is left to the secondary", () => {
    const unmapped = mlflowExperimentArgs(exp(), { resolve: resolveAll, storage: {} });
    expect(unmapped.ok && unmapped.args.artifactLocation).toBe(
      "abfss://mlflow@stprimary.dfs.core.windows.net/exp",
    );
    expect(unmapped.notes.join()).toMatch(/stprimary.*storageMap/);
    const dflt = mlflowExperimentArgs(exp({ artifact_location: "dbfs:/databricks/mlflow-tracking/123" }), {
      resolve: resolveAll,
      storage: {},
    });
    expect(dflt.ok && "artifactLocation" in dflt.args).toBe(false);
    const root = mlflowExperimentArgs(exp({ artifact_location: "dbfs:/FileStore/mlruns" }), {
      resolve: resolveAll,
      storage: {},
    });
    expect(root.notes.join()).toMatch(/DBFS root/);
  });

  it("skips an experiment whose folder is not in the secondary, and a notebook's own experiment", () => {
    const m = mlflowExperimentArgs(exp(), { resolve: resolveNone, storage: {} });
    expect(m.ok).toBe(false);
    expect(!m.ok && m.skip).toMatch(/folder \/Shared\/team/);
    const nb = exp({ tags: [{ key: "mlflow.experimentType", value: "NOTEBOOK" }] });
    const s = mlflowExperimentArgs(nb, { resolve: resolveAll, storage: {} });
    expect(!s.ok && s.skip).toMatch(/notebook/);
  });

  it("runs are data to replicate, with the export-import remedy; none when there are none", () => {
    expect(experimentData(exp())).toMatchObject({
      kind: "mlflow-experiment",
      fullName: "/Shared/team/exp",
      remedy: expect.stringMatching(/4 run.*export-import/),
    });
    expect(experimentData({ ...exp(), data: { runs: 0, complete: true } })).toBeUndefined();
  });
});

describe("model mapping", () => {
  it("name, description, tags as the .d.ts declares them; versions are data", () => {
    const m = mlflowModelArgs(model());
    expect(m.ok && m.args).toEqual({ name: "m1", description: "d", tags: [{ key: "k", value: "v" }] });
    if (m.ok) expect(checkResourceInputs(MODEL, m.args as Obj)).toEqual([]);
    expect(modelData(model())?.remedy).toMatch(/3 version.*1 Production.*import-model/);
  });
});

describe("export of the sample", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    const client = clientFor(emu);
    // Small pages, so the listings must follow next_page_token (the emulator pages as asked).
    const real = client.request.bind(client);
    client.request = (async (method: HttpMethod, p: string, o?: Parameters<typeof real>[2]) => {
      if (p === "/api/2.0/mlflow/experiments/search")
        return real(method, p, { ...o, body: { ...(o?.body as Obj), max_results: 1 } });
      if (p === "/api/2.0/mlflow/registered-models/search")
        return real(method, p, { ...o, query: { ...(o?.query as Obj), max_results: 1 } });
      return real(method, p, o);
    }) as typeof client.request;
    await runExport({
      client,
      out,
      exportedAt: EXPORTED_AT,
      filters: { includeKinds: ["mlflow-experiment", "mlflow-model", "permissions"] },
    });
  });
  afterAll(() => emu.close());

  it("every active experiment with its name, location, tags and runs counted; deleted ones left out", () => {
    const snap = readSnapshot(out);
    const got = new Map(snap.descriptors["mlflow-experiment"].map((d) => [d.id, d]));
    const active = [...emu.state.mlflow.experiments.values()].filter((e) => e.lifecycle_stage === "active");
    expect(active.length).toBeGreaterThanOrEqual(3);
    expect([...got.keys()].sort()).toEqual(active.map((e) => String(e.experiment_id)).sort());
    for (const e of active) {
      const d = got.get(String(e.experiment_id))!;
      expect(d.name).toBe(e.name);
      expect(d.settings.artifact_location).toBe(e.artifact_location);
      expect(d.settings.tags).toEqual(e.tags);
      expect(d.data).toEqual({
        runs: emu.state.mlflow.runs.get(String(e.experiment_id))!.length,
        complete: true,
      });
    }
  });

  it("every registered model under its workspace id, with its versions counted per stage", () => {
    const snap = readSnapshot(out);
    const got = snap.descriptors["mlflow-model"];
    expect(got.map((d) => d.name).sort()).toEqual([...emu.state.mlflow.models.keys()].sort());
    for (const d of got) {
      const m = emu.state.mlflow.models.get(d.name)!;
      expect(d.id).toBe(m.id);
      expect(d.settings.description).toBe(m.description);
      const versions = emu.state.mlflow.versions.get(d.name)!;
      expect(d.data.versions).toBe(versions.length);
      const stages: Record<string, number> = {};
      for (const v of versions) stages[String(v.current_stage)] = (stages[String(v.current_stage)] ?? 0) + 1;
      expect(d.data.stages).toEqual(stages);
    }
  });

  it("their own grants, as the emulator holds them", () => {
    const snap = readSnapshot(out);
    const perms = new Map(snap.descriptors.permissions.map((p) => [p.id, p]));
    for (const [key, entries] of emu.state.acls) {
      const m = /^(experiments|registered-models)\/(.+)$/.exec(key);
      if (!m) continue;
      const live =
        m[1] === "experiments"
          ? emu.state.mlflow.experiments.get(m[2])?.lifecycle_stage === "active"
          : !!emu.state.mlflow.modelById(m[2]);
      if (!live) continue;
      const p = perms.get(`${m[1]}:${m[2]}`);
      expect([key, p?.acl.length]).toEqual([key, entries.length]);
    }
  });
});

describe("a workspace without MLflow (refused or not enabled)", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  it("is unknown in the inventory with the reason, never 0", async () => {
    const client = clientFor(emu);
    const real = client.request.bind(client);
    // The REST reference's answers for a refused call and an API the workspace does not serve.
    client.request = (async (method: HttpMethod, p: string, o?: Parameters<typeof real>[2]) => {
      if (p === "/api/2.0/mlflow/experiments/search")
        throw new ApiError(403, "PERMISSION_DENIED", "no", `${method} ${p}`);
      if (p === "/api/2.0/mlflow/registered-models/search")
        throw new ApiError(404, "ENDPOINT_NOT_FOUND", "no", `${method} ${p}`);
      return real(method, p, o);
    }) as typeof client.request;
    const out = path.join(tmpDir(), "snap");
    await runExport({ client, out, exportedAt: EXPORTED_AT });
    const inv = readSnapshot(out).manifest.inventory ?? [];
    expect(inv.find((e) => e.family === "mlflow-experiment")).toMatchObject({
      count: null,
      status: "unknown",
      reason: expect.stringContaining("PERMISSION_DENIED"),
    });
    expect(inv.find((e) => e.family === "mlflow-model")).toMatchObject({
      count: null,
      status: "unknown",
      reason: expect.stringContaining("ENDPOINT_NOT_FOUND"),
    });
  });
});
