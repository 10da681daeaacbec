import { Language } from "../state/types";

/** Line comment that prefixes the SOURCE header and cell separators, per language. */
export const COMMENT: Record<Language, string> = { PYTHON: "#", SCALA: "//", SQL: "--", R: "#" };
/** File extensions of SOURCE exports, per language. */
export const EXTENSION: Record<Language, string> = { PYTHON: "py", SCALA: "scala", SQL: "sql", R: "r" };
/** Entry extensions inside a DBC archive. */
export const DBC_EXTENSION: Record<Language, string> = {
  PYTHON: "python",
  SCALA: "scala",
  SQL: "sql",
  R: "r",
};

export const header = (lang: Language) => `${COMMENT[lang]} Databricks notebook source`;
const separator = (lang: Language) => `\n\n${COMMENT[lang]} COMMAND ----------\n\n`;

/** Notebook SOURCE as the service exports it: always starting with the `Databricks notebook source` line. */
export function toSource(lang: Language, text: string): string {
  return text.startsWith(header(lang)) ? text : `${header(lang)}\n${text}`;
}

/** The language a SOURCE file declares in its header line, if any. */
export function languageOfSource(text: string, fileName: string): Language | undefined {
  const first = text.slice(0, 64);
  const ext = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  if (first.startsWith("// Databricks notebook source")) return "SCALA";
  if (first.startsWith("-- Databricks notebook source")) return "SQL";
  if (first.startsWith("# Databricks notebook source")) return ext === "r" ? "R" : "PYTHON";
  return undefined;
}

/** Cells of a SOURCE notebook (header removed). */
export function cellsOf(lang: Language, source: string): string[] {
  const body = source.startsWith(header(lang))
    ? source.slice(header(lang).length).replace(/^\n/, "")
    : source;
  return body.split(separator(lang)).map((c) => c.replace(/\n+$/, ""));
}

export function fromCells(lang: Language, cells: string[]): string {
  return `${header(lang)}\n${cells.join(separator(lang))}\n`;
}

const magic = (lang: Language) => `${COMMENT[lang]} MAGIC `;

/** SOURCE → Jupyter notebook (nbformat 4), `%md` magic cells as markdown cells. */
export function toJupyter(lang: Language, name: string, source: string): string {
  const cells = cellsOf(lang, source).map((cell) => {
    const lines = cell.split("\n");
    const m = magic(lang);
    if (lines[0]?.startsWith(`${m}%md`)) {
      const md = lines.map((l) => (l.startsWith(m) ? l.slice(m.length) : l));
      md[0] = md[0].replace(/^%md\s?/, "");
      return { cell_type: "markdown", metadata: {}, source: joinLines(md.filter((l, i) => i > 0 || l)) };
    }
    return { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: joinLines(lines) };
  });
  const nb = {
    cells,
    metadata: {
      "application/vnd.databricks.v1+notebook": { language: lang.toLowerCase(), notebookName: name },
      language_info: { name: lang.toLowerCase() },
    },
    nbformat: 4,
    nbformat_minor: 0,
  };
  return JSON.stringify(nb, null, 1);
}

function joinLines(lines: string[]): string[] {
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));
}

/** Jupyter notebook → SOURCE; the language comes from the notebook's metadata unless given. */
export function fromJupyter(text: string, lang?: Language): { language: Language; source: string } {
  const nb = JSON.parse(text) as {
    cells?: { cell_type: string; source: string | string[] }[];
    metadata?: Record<string, { name?: string; language?: string }>;
  };
  const declared = (
    nb.metadata?.["application/vnd.databricks.v1+notebook"]?.language ??
    nb.metadata?.language_info?.name ??
    nb.metadata?.kernelspec?.language ??
    ""
  ).toUpperCase();
  const language: Language =
    lang ?? (["PYTHON", "SCALA", "SQL", "R"].includes(declared) ? (declared as Language) : "PYTHON");
  const cells = (nb.cells ?? []).map((c) => {
    const src = Array.isArray(c.source) ? c.source.join("") : (c.source ?? "");
    if (c.cell_type === "markdown")
      return ["%md", ...src.split("\n")].map((l) => `${magic(language)}${l}`.trimEnd()).join("\n");
    return src;
  });
  return { language, source: fromCells(language, cells.length ? cells : [""]) };
}

/** A notebook in the DBC archive's JSON form. */
export function toDbcEntry(lang: Language, name: string, objectId: number, source: string): string {
  const commands = cellsOf(lang, source).map((command, position) => ({
    version: "CommandV1",
    origId: objectId * 1000 + position + 1,
    guid: `${objectId.toString(16)}-${position}`,
    subtype: "command",
    commandType: "auto",
    position: position + 1,
    command,
  }));
  return JSON.stringify({
    version: "NotebookV1",
    origId: objectId,
    name,
    language: lang.toLowerCase(),
    commands,
  });
}

export function fromDbcEntry(text: string): { language: Language; name: string; source: string } {
  const nb = JSON.parse(text) as { language?: string; name?: string; commands?: { command: string }[] };
  const language = (nb.language ?? "python").toUpperCase() as Language;
  const cells = (nb.commands ?? []).map((c) => c.command);
  return { language, name: nb.name ?? "notebook", source: fromCells(language, cells.length ? cells : [""]) };
}

/**
 * HTML export/import: the page carries the notebook model (the DBC JSON) as
 * `var __DATABRICKS_NOTEBOOK_MODEL = '<base64 of the URI-encoded JSON>'`, which is what an HTML import reads;
 * an HTML page without it is not a notebook and the import is refused.
 */
const MODEL_RE = /__DATABRICKS_NOTEBOOK_MODEL\s*=\s*'([A-Za-z0-9+/=]+)'/;

export function toHtml(lang: Language, name: string, objectId: number, source: string): string {
  const model = Buffer.from(encodeURIComponent(toDbcEntry(lang, name, objectId, source))).toString("base64");
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${esc(name)} - Databricks</title>\n` +
    `<script>\nwindow.settings = {};\nvar __DATABRICKS_NOTEBOOK_MODEL = '${model}';\n</script>\n</head>\n` +
    `<body>\n<noscript><pre>${esc(source)}</pre></noscript>\n</body>\n</html>\n`
  );
}

/** The notebook inside an exported HTML page, or undefined when the page holds none. */
export function fromHtml(text: string): { language: Language; name: string; source: string } | undefined {
  const m = MODEL_RE.exec(text);
  if (!m) return undefined;
  try {
    return fromDbcEntry(decodeURIComponent(Buffer.from(m[1], "base64").toString("utf8")));
  } catch {
    return undefined;
  }
}
