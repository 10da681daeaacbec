/**
 * Fault-suite truth for MLflow: the emulator's active experiments and registered models (its state, captured
 * before the export) must be in the snapshot with their names, artifact locations, tags, description and
 * counted runs and versions, and their own grants, or skipped with a reason.
 */
import { editSnapshot } from "./helpers";
import { useSampleTruth } from "./truth-harness";

type Item = Record<string, unknown> & { id: string };

const truth = useSampleTruth();
const losses = (dir: string) => truth.losses(dir);
const copy = () => truth.copy();

it("the truth holds the emulator's active experiments and its models, and a complete export passes", () => {
  const active = [...truth.emu.state.mlflow.experiments.values()].filter(
    (e) => e.lifecycle_stage === "active",
  );
  expect(
    truth.primary.mlflow
      .filter((t) => t.kind === "mlflow-experiment")
      .map((t) => t.id)
      .sort(),
  ).toEqual(active.map((e) => String(e.experiment_id)).sort());
  expect(truth.primary.mlflow.filter((t) => t.kind === "mlflow-model")).toHaveLength(
    truth.emu.state.mlflow.models.size,
  );
  expect(losses(copy())).toEqual([]);
});

it("an experiment missing, moved, with a tag or runs lost is a loss", () => {
  const [a, b] = truth.primary.mlflow.filter((t) => t.kind === "mlflow-experiment" && t.count > 0);
  const dir = copy();
  editSnapshot(dir, "mlflow-experiment", (items: Item[]) =>
    items
      .filter((i) => i.id !== a.id)
      .map((i) => {
        if (i.id !== b.id) return i;
        const s = i.settings as Record<string, unknown>;
        return {
          ...i,
          settings: { ...s, artifact_location: "dbfs:/elsewhere", tags: (s.tags as unknown[]).slice(1) },
          data: { runs: 0, complete: true },
        };
      }),
  );
  expect(losses(dir).map((l) => `${l.id} ${l.what.split(/[,;]/)[0]}`)).toEqual([
    `${a.id} neither in the snapshot nor skipped`,
    `${b.id} artifact_location "dbfs:/elsewhere"`,
    expect.stringMatching(new RegExp(`^${b.id} tags `)),
    `${b.id} 0 runs counted`,
  ]);
});

it("a model with its description or versions changed, or a grant lost, is a loss", () => {
  const m = truth.primary.mlflow.find(
    (t) => t.kind === "mlflow-model" && t.fields.description !== undefined,
  )!;
  const dir = copy();
  editSnapshot(dir, "mlflow-model", (items: Item[]) =>
    items.map((i) =>
      i.id === m.id
        ? {
            ...i,
            settings: { ...(i.settings as object), description: "other" },
            data: { versions: 1, complete: true, stages: { None: 1 } },
          }
        : i,
    ),
  );
  editSnapshot(dir, "permissions", (items: Item[]) =>
    items.map((i) =>
      i.id === `registered-models:${m.id}` ? { ...i, acl: (i.acl as unknown[]).slice(1) } : i,
    ),
  );
  const what = losses(dir).map((l) => `${l.kind} ${l.what.split(/[,(]/)[0].trim()}`);
  expect(what).toEqual([
    `mlflow-model description "other"`,
    `mlflow-model 1 versions counted`,
    `mlflow-model versions per stage {"None":1}`,
    expect.stringMatching(/^permissions grant CAN_\w+ to \S+ \S+ lost$/),
  ]);
});
