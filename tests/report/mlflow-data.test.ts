/**
 * The readiness report lists MLflow data the stack does not copy (an experiment's runs, a registered model's
 * versions) with the export-import remedy, as a warning check and a section in Markdown and HTML. Expected
 * counts come from the emulator's sample seed (its runs and versions), not from the descriptors.
 */
import { loadSeed } from "../../emulator/seeds";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { readSnapshot } from "../../snapshot/reader";
import { sampleWorld, sampleWorldDir } from "../helpers/sample-world";

const NOW = new Date("2026-11-25T09:30:00.000Z");

it("every experiment with runs and every model with versions, with the remedy", async () => {
  const state = await loadSeed("sample");
  const r = buildReport({ snapshot: readSnapshot(sampleWorldDir()), now: NOW });
  const md = renderMarkdown(r);
  expect(md).toContain("## MLflow data to replicate");
  let runs = 0;
  for (const e of state.mlflow.experiments.values()) {
    const n = (state.mlflow.runs.get(String(e.experiment_id)) ?? []).length;
    if (e.lifecycle_stage !== "active" || n === 0) continue;
    runs += n;
    expect(md).toContain(`| ${String(e.name)} | experiment | ${n} run(s) | export-experiment`);
  }
  let versions = 0;
  for (const [name, vs] of state.mlflow.versions) {
    versions += vs.length;
    expect(md).toContain(`| ${name} | model | ${vs.length} version(s) | export-model`);
  }
  const check = r.checks.find((c) => c.name === "MLflow data");
  expect(check?.level).toBe("warn");
  expect(check?.detail).toContain(`${runs} run(s)`);
  expect(check?.detail).toContain(`${versions} version(s)`);
  expect(renderHtml(r)).toContain('<h2 id="mlflow-data">MLflow data to replicate</h2>');
});

it("no MLflow data: no check and no section", () => {
  const b = sampleWorld();
  for (const kind of ["mlflow-experiment", "mlflow-model"] as const)
    for (const d of b.list(kind)) b.remove(kind, d.id);
  const snap = readSnapshot(b.write());
  const r = buildReport({ snapshot: snap, now: NOW });
  expect(r.checks.some((c) => c.name === "MLflow data")).toBe(false);
  expect(renderMarkdown(r)).not.toContain("MLflow data to replicate");
});
