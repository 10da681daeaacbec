import * as fs from "node:fs";
import * as path from "node:path";
import { redact } from "../client/redact";
import { buildReport, ReportInput, ReportModel } from "./model";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";

export * from "./model";
export { renderHtml } from "./html";
export { renderMarkdown } from "./markdown";
export { readStackSettings, parseStackSettings } from "./stack-config";
export type { StackSettings } from "./stack-config";

export const REPORT_MD = "report.md";
export const REPORT_HTML = "report.html";

/** Builds the report and writes report.md and report.html into `outDir` (created if needed). */
export function writeReport(input: ReportInput, outDir: string): { model: ReportModel; files: string[] } {
  const model = buildReport(input);
  fs.mkdirSync(outDir, { recursive: true });
  const files = [path.join(outDir, REPORT_MD), path.join(outDir, REPORT_HTML)];
  // What leaves the process goes through the one redaction (client/redact.ts).
  fs.writeFileSync(files[0], redact(renderMarkdown(model)));
  fs.writeFileSync(files[1], redact(renderHtml(model)));
  return { model, files };
}
