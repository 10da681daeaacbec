/**
 * MLflow through the round trip: the sample's experiments and registered models are exported, the stack is
 * applied to an empty secondary (the provider's calls made by roundtrip/rest-mlflow.ts), and the secondary's
 * emulator state is compared with the primary's: same names, tags and grants, the artifact location through
 * the storage map (the DBFS-root default left to the secondary), no runs and no versions (data), which the
 * stack's `dataToReplicate` lists instead. Expected values are read off the primary emulator's state.
 */
import type { RunningEmulator } from "../../emulator";
import type { Obj } from "../../emulator/state/types";
import { DEFAULT_TOKEN, RoundTripResult, runRoundTrip, startWorkspace } from "../../roundtrip/harness";
import { EXPORTED_AT, removeWorkDirs, unexpected, workDir } from "../roundtrip/helpers";

const ours = (failures: { type: string; name: string }[]) =>
  failures.filter((f) => /mlflow|experiment|model/i.test(`${f.type} ${f.name}`));
const userTags = (tags: unknown) =>
  ((tags as Obj[] | undefined) ?? []).filter(
    (t) => !String(t.key).startsWith("mlflow.") || t.key === "mlflow.note.content",
  );

let r: RoundTripResult;
let secondary: RunningEmulator;
let experiments: Obj[];
let models: Obj[];
let acls: Map<string, unknown[]>;
let runs: Map<string, number>;
let versions: Map<string, number>;

beforeAll(async () => {
  const primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
  try {
    experiments = structuredClone([...primary.state.mlflow.experiments.values()]);
    models = structuredClone([...primary.state.mlflow.models.values()]);
    acls = new Map(structuredClone([...primary.state.acls]));
    runs = new Map([...primary.state.mlflow.runs].map(([id, rs]) => [id, rs.length]));
    versions = new Map([...primary.state.mlflow.versions].map(([n, vs]) => [n, vs.length]));
    r = await runRoundTrip({
      primary: { url: primary.url, token: DEFAULT_TOKEN },
      dir: workDir("mlflow"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
      values: { storageMap: JSON.stringify({ accounts: { stdrprimary: "stdrsecondary" } }) },
    });
    secondary = r.secondary!;
  } finally {
    await primary.close();
  }
}, 240000);
afterAll(async () => {
  await secondary?.close();
  removeWorkDirs();
});

const isNotebook = (e: Obj) =>
  (e.tags as Obj[]).some((t) => t.key === "mlflow.experimentType" && t.value === "NOTEBOOK");

it("every active experiment but a notebook's own is in the secondary, its location mapped, no runs", () => {
  expect(ours(r.stack.log.failures)).toEqual([]);
  const wanted = experiments.filter((e) => e.lifecycle_stage === "active" && !isNotebook(e));
  expect(wanted.length).toBeGreaterThanOrEqual(2);
  for (const e of wanted) {
    const s = secondary.state.mlflow.experimentByName(String(e.name));
    expect([e.name, s?.lifecycle_stage]).toEqual([e.name, "active"]);
    expect(userTags(s!.tags)).toEqual(userTags(e.tags));
    const loc = String(e.artifact_location);
    if (loc.startsWith("dbfs:/databricks/mlflow-tracking/"))
      expect(s!.artifact_location).toBe(`dbfs:/databricks/mlflow-tracking/${String(s!.experiment_id)}`);
    else expect(s!.artifact_location).toBe(loc.replace("@stdrprimary.", "@stdrsecondary."));
    expect(secondary.state.mlflow.runs.get(String(s!.experiment_id))).toEqual([]);
  }
  // A deleted experiment is not created; a notebook's own is skipped with the reason.
  for (const e of experiments.filter((x) => x.lifecycle_stage !== "active"))
    expect(secondary.state.mlflow.experimentByName(String(e.name))).toBeUndefined();
  const nb = experiments.find(isNotebook)!;
  expect(secondary.state.mlflow.experimentByName(String(nb.name))).toBeUndefined();
  expect(r.stack.outputs.skipped).toContainEqual(
    expect.objectContaining({ kind: "mlflow-experiment", id: nb.experiment_id }),
  );
});

it("their own grants, and the models with description, tags and grants, without versions", () => {
  const own = (k: string) =>
    JSON.stringify([...((acls.get(k) as Obj[]) ?? [])].map((e) => JSON.stringify(e)).sort());
  for (const e of experiments.filter((x) => x.lifecycle_stage === "active" && !isNotebook(x))) {
    const s = secondary.state.mlflow.experimentByName(String(e.name))!;
    const got = JSON.stringify(
      ((secondary.state.acls.get(`experiments/${String(s.experiment_id)}`) as Obj[]) ?? [])
        .map((x) => JSON.stringify(x))
        .sort(),
    );
    expect([e.name, got]).toEqual([e.name, own(`experiments/${String(e.experiment_id)}`)]);
  }
  for (const m of models) {
    const s = secondary.state.mlflow.models.get(String(m.name));
    expect(s).toMatchObject({ name: m.name, ...(m.description ? { description: m.description } : {}) });
    expect(s!.tags ?? []).toEqual(m.tags ?? []);
    expect(secondary.state.mlflow.versions.get(String(m.name))).toEqual([]);
    const got = JSON.stringify(
      ((secondary.state.acls.get(`registered-models/${String(s!.id)}`) as Obj[]) ?? [])
        .map((x) => JSON.stringify(x))
        .sort(),
    );
    expect([m.name, got]).toEqual([m.name, own(`registered-models/${String(m.id)}`)]);
  }
});

it("runs and versions are listed as data to replicate, with the export-import remedy", () => {
  const data = r.stack.outputs.dataToReplicate ?? [];
  for (const e of experiments.filter((x) => x.lifecycle_stage === "active")) {
    const n = runs.get(String(e.experiment_id)) ?? 0;
    const row = data.find((d) => d.kind === "mlflow-experiment" && d.id === e.experiment_id);
    if (n === 0) expect(row).toBeUndefined();
    else expect(row?.remedy).toMatch(new RegExp(`^${n} run\\(s\\).*export-import`));
  }
  for (const m of models) {
    const row = data.find((d) => d.kind === "mlflow-model" && d.fullName === m.name);
    expect(row?.remedy).toMatch(new RegExp(`^${versions.get(String(m.name))} version\\(s\\).*import-model`));
  }
});

it("verify finds nothing unexpected about them or their grants, and explains what differs", () => {
  const mine = r.verify.objects.filter(
    (o) =>
      o.kind === "mlflow-experiment" ||
      o.kind === "mlflow-model" ||
      (o.kind === "permissions" && /experiments|registered-models/.test(o.key)),
  );
  const bad = mine.filter((o) => o.unexpected);
  expect(
    bad.map((o) => `${o.kind} ${o.key} ${o.status} ${o.reason ?? ""} ${JSON.stringify(o.differences)}`),
  ).toEqual([]);
  // Runs and versions differ by design (data), and each is explained by its rule.
  const rules = new Set(mine.flatMap((o) => o.expected.map((e) => e.rule)));
  expect(rules).toEqual(
    new Set([
      "assigned-id",
      "mlflow-runs-are-data",
      "mlflow-versions-are-data",
      "mlflow-service-tags",
      "mlflow-artifact-location",
    ]),
  );
  void unexpected;
});
