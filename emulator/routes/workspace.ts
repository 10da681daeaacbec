import { alreadyExists, badRequest, invalid, MAX_EXPORT_BYTES, notFound, tooLarge } from "../errors";
import { archiveOf } from "../formats/directory-export";
import {
  fromDbcEntry,
  fromHtml,
  fromJupyter,
  languageOfSource,
  toDbcEntry,
  toHtml,
  toJupyter,
  toSource,
} from "../formats/notebook";
import { EXTENSION } from "../formats/notebook";
import { isZip, unzip, zip } from "../formats/archive";
import { boolParam, field, ok, param, Reply, RequestContext, requireParam } from "../http";
import { Router } from "../router";
import { baseName, normalizePath, parentOf, WsNode } from "../state/tree";
import { Language, LANGUAGES, Obj } from "../state/types";
import { WorkspaceState } from "../state/workspace-state";
import { assetAt, assetsIn } from "./workspace-assets";

const EXPORT_FORMATS = ["SOURCE", "HTML", "JUPYTER", "DBC", "R_MARKDOWN", "AUTO", "RAW"];
const IMPORT_FORMATS = ["SOURCE", "HTML", "JUPYTER", "DBC", "R_MARKDOWN", "AUTO", "RAW"];

/** The object as workspace list / get-status describe it. */
export function objectInfo(state: WorkspaceState, n: WsNode): Obj {
  const o: Obj = { object_type: n.object_type, path: n.path, object_id: n.object_id };
  if (n.language) o.language = n.language;
  if (n.object_type === "NOTEBOOK" || n.object_type === "FILE") {
    if (n.created_at !== undefined) o.created_at = n.created_at;
    if (n.modified_at !== undefined) o.modified_at = n.modified_at;
  }
  if (n.object_type === "FILE") o.size = state.sizeOf(n);
  o.resource_id = String(n.object_id);
  return o;
}

/** The permissions key (`notebooks/<id>` ...) of a workspace object. */
export function permissionsKeyOf(n: WsNode): string {
  const t = {
    NOTEBOOK: "notebooks",
    DIRECTORY: "directories",
    FILE: "files",
    REPO: "repos",
    LIBRARY: "files",
  };
  return `${t[n.object_type]}/${n.object_id}`;
}

export function registerWorkspace(r: Router): void {
  r.get("/api/2.0/workspace/list", (ctx) => {
    const { tree } = ctx.state;
    const path = normalizePath(requireParam(ctx, "path"));
    const asset = tree.get(path) ? undefined : assetAt(ctx.state, path);
    if (asset) return ok({ objects: [asset] });
    const n = tree.mustGet(path);
    if (n.object_type !== "DIRECTORY" && n.object_type !== "REPO")
      return ok({ objects: [objectInfo(ctx.state, n)] });
    // notebooks_modified_after (ms) leaves out notebooks not changed since then; other objects stay.
    const after = param(ctx, "notebooks_modified_after");
    const since = after === undefined ? undefined : Number(after);
    if (since !== undefined && !Number.isFinite(since))
      throw invalid(`Invalid notebooks_modified_after: ${after}`);
    const objects = tree
      .list(path)
      .filter((c) => since === undefined || c.object_type !== "NOTEBOOK" || (c.modified_at ?? 0) > since)
      .map((c) => objectInfo(ctx.state, c))
      .concat(assetsIn(ctx.state, path))
      .sort((a, b) => (String(a.path) < String(b.path) ? -1 : String(a.path) > String(b.path) ? 1 : 0));
    // An empty folder answers `{}`, without an `objects` key.
    return ok(objects.length ? { objects } : {});
  });

  r.get("/api/2.0/workspace/get-status", (ctx) => {
    const path = normalizePath(requireParam(ctx, "path"));
    const asset = ctx.state.tree.get(path) ? undefined : assetAt(ctx.state, path);
    return ok(asset ?? objectInfo(ctx.state, ctx.state.tree.mustGet(path)));
  });

  r.get("/api/2.0/workspace/export", exportHandler);

  r.post("/api/2.0/workspace/import", importHandler);

  r.post("/api/2.0/workspace/mkdirs", (ctx) => {
    mkdirs(ctx.state, normalizePath(requireParam(ctx, "path")));
    return ok({});
  });

  r.post("/api/2.0/workspace/delete", (ctx) => {
    const { state } = ctx;
    const path = normalizePath(requireParam(ctx, "path"));
    const n = state.tree.mustGet(path);
    if (path === "/") throw invalid("Cannot delete the root folder.");
    const recursive = boolParam(ctx, "recursive");
    if ((n.object_type === "DIRECTORY" || n.object_type === "REPO") && !recursive) {
      if (state.tree.list(path).length > 0)
        throw badRequest("DIRECTORY_NOT_EMPTY", `Folder (${path}) is not empty.`);
    }
    removeNode(state, path);
    return ok({});
  });
}

/** Removes a node and its subtree, with their own grants and repos. */
export function removeNode(state: WorkspaceState, path: string): void {
  const n = state.tree.get(path);
  if (!n) return;
  for (const c of [n, ...state.tree.walk(path)]) {
    state.acls.delete(permissionsKeyOf(c));
    if (c.repoId !== undefined) state.repos.delete(c.repoId);
  }
  state.tree.remove(path);
}

/** mkdirs: creates the folder and every missing parent; a non-folder in the way is an error. */
export function mkdirs(state: WorkspaceState, path: string): WsNode {
  const parts = path.split("/").filter(Boolean);
  let cur = "";
  let node = state.tree.get("/")!;
  for (const part of parts) {
    cur += `/${part}`;
    const existing = state.tree.get(cur);
    if (existing) {
      if (existing.object_type !== "DIRECTORY" && existing.object_type !== "REPO")
        throw alreadyExists(`Cannot create directory ${path}: ${cur} exists and is not a directory.`);
      node = existing;
      continue;
    }
    node = state.tree.put({ path: cur, object_type: "DIRECTORY", object_id: state.objectId() });
  }
  return node;
}

function exportHandler(ctx: RequestContext): Reply {
  const { state } = ctx;
  const path = normalizePath(requireParam(ctx, "path"));
  const format = (param(ctx, "format") ?? "SOURCE").toUpperCase();
  if (!EXPORT_FORMATS.includes(format)) throw invalid(`Invalid export format: ${format}`);
  const n = state.tree.mustGet(path);
  const direct = boolParam(ctx, "direct_download");
  let content: Buffer;
  let fileType: string;
  if (n.object_type === "DIRECTORY" || n.object_type === "REPO") {
    if (!["SOURCE", "DBC", "AUTO"].includes(format))
      throw invalid(`Format ${format} is not supported for exporting a directory. Use DBC, SOURCE or AUTO.`);
    const a = archiveOf(state, n, format as "SOURCE" | "DBC" | "AUTO");
    content = a.data;
    fileType = a.fileType;
  } else if (n.object_type === "NOTEBOOK") {
    ({ content, fileType } = exportNotebook(state, n, format));
  } else if (n.object_type === "FILE") {
    if (!["SOURCE", "AUTO", "RAW"].includes(format))
      throw invalid(`Format ${format} is not supported for exporting a file.`);
    if (state.sizeOf(n) > MAX_EXPORT_BYTES) throw tooLarge(path);
    content = state.contentOf(n);
    const name = baseName(path);
    fileType = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1) : "";
  } else {
    throw invalid(`Cannot export ${path}: objects of type ${n.object_type} cannot be exported.`);
  }
  if (content.length > MAX_EXPORT_BYTES) throw tooLarge(path);
  if (direct) {
    return {
      status: 200,
      raw: content,
      contentType: "application/octet-stream",
      headers: { "Content-Disposition": `attachment; filename="${encodeURIComponent(baseName(path))}"` },
    };
  }
  return ok({ content: content.toString("base64"), file_type: fileType });
}

function exportNotebook(
  state: WorkspaceState,
  n: WsNode,
  format: string,
): { content: Buffer; fileType: string } {
  // The size check comes before the conversion, on the notebook as stored.
  if (state.sizeOf(n) > MAX_EXPORT_BYTES) throw tooLarge(n.path);
  const lang = n.language ?? "PYTHON";
  const source = state.contentOf(n).toString("utf8");
  const name = baseName(n.path);
  const f = format === "AUTO" ? (n.importFormat === "JUPYTER" ? "JUPYTER" : "SOURCE") : format;
  switch (f) {
    case "SOURCE":
    case "RAW":
      return { content: Buffer.from(toSource(lang, source)), fileType: EXTENSION[lang] };
    case "JUPYTER":
      return { content: Buffer.from(toJupyter(lang, name, source)), fileType: "ipynb" };
    case "DBC":
      return {
        content: zip([
          {
            name: `${name}.${lang === "PYTHON" ? "python" : lang.toLowerCase()}`,
            data: toDbcEntry(lang, name, n.object_id, source),
            mtime: n.modified_at,
          },
        ]),
        fileType: "dbc",
      };
    case "HTML":
      return { content: Buffer.from(toHtml(lang, name, n.object_id, source)), fileType: "html" };
    case "R_MARKDOWN":
      if (lang !== "R") throw invalid("R_MARKDOWN export is only supported for R notebooks.");
      return { content: Buffer.from(source), fileType: "Rmd" };
  }
  throw invalid(`Invalid export format: ${format}`);
}

function importHandler(ctx: RequestContext): Reply {
  const { state } = ctx;
  let path = normalizePath(requireParam(ctx, "path"));
  const format = String(field(ctx, "format") ?? "SOURCE").toUpperCase();
  if (!IMPORT_FORMATS.includes(format)) throw invalid(`Invalid import format: ${format}`);
  const langParam = field<string | undefined>(ctx, "language");
  if (langParam !== undefined && !LANGUAGES.includes(langParam as Language))
    throw invalid(`Invalid language: ${langParam}`);
  const overwrite = field(ctx, "overwrite") === true || boolParam(ctx, "overwrite");
  // "This parameter might be absent, and instead a posted file is used": a multipart part `content`.
  const content = ctx.files?.content ?? Buffer.from(String(field(ctx, "content") ?? ""), "base64");
  if (content.length > MAX_EXPORT_BYTES)
    throw badRequest(
      "MAX_NOTEBOOK_SIZE_EXCEEDED",
      // The service's own wording, as a recorded answer shows it (unbalanced parenthesis included).
      `File size imported is ${content.length} bytes), exceeded max size (${MAX_EXPORT_BYTES} bytes)`,
    );

  if (format === "DBC") {
    importDbc(state, path, content, overwrite);
    return ok({});
  }
  let kind: "NOTEBOOK" | "FILE" = "NOTEBOOK";
  let language = langParam as Language | undefined;
  let source: string | undefined;
  let importFormat: "SOURCE" | "JUPYTER" = "SOURCE";
  const text = () => content.toString("utf8");
  if (format === "JUPYTER" || (format === "AUTO" && path.toLowerCase().endsWith(".ipynb"))) {
    if (format === "AUTO") path = path.slice(0, -".ipynb".length);
    let nb: { language: Language; source: string };
    try {
      nb = fromJupyter(text(), language);
    } catch {
      throw invalid(`Could not parse the Jupyter notebook given for ${path}.`);
    }
    ({ language, source } = nb);
    importFormat = "JUPYTER";
  } else if (format === "AUTO") {
    const detected = languageOfSource(text(), path);
    if (detected) {
      const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
      if (["py", "scala", "sql", "r"].includes(ext) && path.lastIndexOf(".") > path.lastIndexOf("/"))
        path = path.slice(0, path.lastIndexOf("."));
      language = detected;
      source = toSource(detected, text());
    } else kind = "FILE";
  } else if (format === "RAW") {
    kind = "FILE";
  } else if (format === "HTML") {
    const nb = fromHtml(text());
    if (!nb)
      throw invalid(
        `The HTML given for ${path} is not an exported Databricks notebook; it cannot be imported.`,
      );
    ({ language, source } = nb);
  } else {
    if (!language)
      throw invalid("The language field is required when importing a notebook in SOURCE format.");
    source = toSource(language, text());
  }
  if (!path || path === "/") throw invalid("Invalid path.");
  const existing = state.tree.get(path);
  if (existing) {
    if (!overwrite) throw alreadyExists(`Path (${path}) already exists.`);
    if (existing.object_type === "DIRECTORY" || existing.object_type === "REPO")
      throw alreadyExists(`Path (${path}) already exists and is a directory.`);
  }
  const parent = state.tree.get(parentOf(path));
  if (!parent) throw notFound(`The parent folder (${parentOf(path)}) does not exist.`);
  const now = state.now();
  state.tree.put({
    path,
    object_type: kind,
    object_id: existing?.object_id ?? state.objectId(),
    language: kind === "NOTEBOOK" ? language : undefined,
    created_at: existing?.created_at ?? now,
    modified_at: now,
    content: kind === "NOTEBOOK" ? Buffer.from(source!) : content,
    importFormat: kind === "NOTEBOOK" ? importFormat : undefined,
  });
  return ok({});
}

function importDbc(state: WorkspaceState, path: string, content: Buffer, overwrite: boolean): void {
  if (overwrite) throw invalid("Overwrite is not supported for DBC imports.");
  if (!isZip(content)) throw invalid(`The content given for ${path} is not a DBC archive.`);
  const entries = unzip(content);
  if (state.tree.get(path)) throw alreadyExists(`Path (${path}) already exists.`);
  const names = entries.map((e) => e.name);
  const first = names[0]?.split("/")[0];
  const shared = names.length > 0 && names.every((n) => n.includes("/") && n.split("/")[0] === first);
  const now = state.now();
  if (entries.length === 1 && !entries[0].name.includes("/")) {
    const nb = fromDbcEntry(entries[0].data.toString("utf8"));
    state.tree.put({
      path,
      object_type: "NOTEBOOK",
      object_id: state.objectId(),
      language: nb.language,
      created_at: now,
      modified_at: now,
      content: Buffer.from(nb.source),
    });
    return;
  }
  for (const e of entries) {
    const rel = shared ? e.name.split("/").slice(1).join("/") : e.name;
    const nb = fromDbcEntry(e.data.toString("utf8"));
    const target = `${path}/${rel.replace(/\.(python|scala|sql|r)$/, "")}`;
    mkdirs(state, parentOf(target));
    state.tree.put({
      path: target,
      object_type: "NOTEBOOK",
      object_id: state.objectId(),
      language: nb.language,
      created_at: now,
      modified_at: now,
      content: Buffer.from(nb.source),
    });
  }
  mkdirs(state, path);
}
