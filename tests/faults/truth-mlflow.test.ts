/**
 * Fault-suite truth for MLflow: the emulator's active experiments and registered models (its state, captured
 * before the export) must be in the snapshot with their names, artifact locations, tags, description and
 * counted runs and versions, and their own grants, or skipped with a reason.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import { runExport } from "../../exporters/run";
import { checkInvariant } from "../../fault-suite/invariant";
import { capturePrimary, Primary } from "../../fault-suite/primary";
import { client, editSnapshot, removeTmpDirs, tmpDir, TOKEN } from "./helpers";

type Item = Record<string, unknown> & { id: string };
afterAll(() => removeTmpDirs());

let emu: RunningEmulator;
let primary: Primary;
let clean: string;
const copy = () => {
  const dir = path.join(tmpDir(), "snap");
  fs.cpSync(clean, dir, { recursive: true });
  return dir;
};
const losses = (dir: string) => checkInvariant(primary, dir).losses;

beforeAll(async () => {
  emu = await startEmulator({ workspace: "sample", rateLimits: false, token: TOKEN });
  primary = capturePrimary(emu.state);
  clean = path.join(tmpDir(), "snap");
  await runExport({ client: client(emu), out: clean, exportedAt: "2026-01-01T00:00:00Z" });
});
afterAll(() => emu.close());

it("the truth holds the emulator's active experiments and its models, and a complete export passes", () => {
  const active = [...emu.state.mlflow.experiments.values()].filter((e) => e.lifecycle_stage === "active");
  expect(
    primary.mlflow
      .filter((t) => t.kind === "mlflow-experiment")
      .map((t) => t.id)
      .sort(),
  ).toEqual(active.map((e) => String(e.experiment_id)).sort());
  expect(primary.mlflow.filter((t) => t.kind === "mlflow-model")).toHaveLength(emu.state.mlflow.models.size);
  expect(losses(clean)).toEqual([]);
});

it("an experiment missing, moved, with a tag or runs lost is a loss", () => {
  const [a, b] = primary.mlflow.filter((t) => t.kind === "mlflow-experiment" && t.count > 0);
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
  const m = primary.mlflow.find((t) => t.kind === "mlflow-model" && t.fields.description !== undefined)!;
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
