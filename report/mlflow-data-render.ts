import { esc } from "./charts";
import { tableHtml } from "./html-parts";
import type { MlflowDataRow, MlflowDataView } from "./mlflow-data";

/** The report's "MLflow data to replicate" section (report/mlflow-data.ts builds the view). */
const cells = (r: MlflowDataRow) => [
  r.name,
  r.kind,
  `${r.atLeast ? "≥ " : ""}${r.count} ${r.kind === "experiment" ? "run(s)" : "version(s)"}`,
  r.remedy,
];
const HEAD = ["object", "kind", "data", "remedy"];

export function mlflowDataMarkdown(
  v: MlflowDataView,
  table: (h: string[], rows: unknown[][]) => string[],
): string[] {
  if (!v.rows.length) return [];
  return ["## MLflow data to replicate", "", ...table(HEAD, v.rows.map(cells))];
}

export function mlflowDataHtml(v: MlflowDataView): string {
  if (!v.rows.length) return "";
  return `<h2 id="mlflow-data">MLflow data to replicate</h2>${tableHtml(
    HEAD.map((text) => ({ text })),
    v.rows.map((r) => cells(r).map(esc)),
  )}`;
}
