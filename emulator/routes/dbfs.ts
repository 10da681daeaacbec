import { alreadyExists, badRequest, invalid, notFound } from "../errors";
import { boolParam, field, intParam, ok, Reply, requireParam } from "../http";
import { Router } from "../router";
import { DbfsEntry, WorkspaceState } from "../state/workspace-state";
import { Obj } from "../state/types";

/** read: at most 1 MB per call (default 0.5 MB); put and add-block: at most 1 MB of data. */
export const DBFS_MAX_READ = 1024 * 1024;
export const DBFS_DEFAULT_READ = 512 * 1024;
export const DBFS_MAX_BLOCK = 1024 * 1024;

/** `dbfs:/a/b` and `/a/b` name the same file. */
export function dbfsPath(p: string): string {
  let s = p.startsWith("dbfs:") ? p.slice(5) : p;
  if (!s.startsWith("/")) throw invalid(`Path must be absolute: ${p}`);
  s = s.replace(/\/+/g, "/");
  if (s.length > 1 && s.endsWith("/")) s = s.slice(0, -1);
  return s;
}

const parentOf = (p: string) => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

export function statusOf(e: DbfsEntry): Obj {
  const o: Obj = { path: e.path, is_dir: e.is_dir, file_size: e.is_dir ? 0 : (e.data?.length ?? 0) };
  if (e.modification_time !== undefined) o.modification_time = e.modification_time;
  return o;
}

function mustGet(state: WorkspaceState, path: string): DbfsEntry {
  const e = state.dbfs.get(path);
  if (!e) throw notFound(`No file or directory exists on path ${path}.`);
  return e;
}

/** Creates the directory and its parents (the root always exists). */
export function dbfsMkdirs(state: WorkspaceState, path: string, time?: number): void {
  const parts = path.split("/").filter(Boolean);
  let cur = "";
  for (const part of parts) {
    cur += `/${part}`;
    const e = state.dbfs.get(cur);
    if (e && !e.is_dir) throw alreadyExists(`A file or directory already exists at the input path ${cur}.`);
    if (!e) state.dbfs.set(cur, { path: cur, is_dir: true, modification_time: time ?? state.now() });
  }
}

export function dbfsWrite(
  state: WorkspaceState,
  path: string,
  data: Buffer,
  overwrite: boolean,
  time?: number,
) {
  const e = state.dbfs.get(path);
  if (e?.is_dir) throw alreadyExists(`A directory already exists at the input path ${path}.`);
  if (e && !overwrite) throw alreadyExists(`A file or directory already exists at the input path ${path}.`);
  dbfsMkdirs(state, parentOf(path), time);
  state.dbfs.set(path, { path, is_dir: false, data, modification_time: time ?? state.now() });
}

function children(state: WorkspaceState, dir: string): DbfsEntry[] {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  const out: DbfsEntry[] = [];
  for (const [p, e] of state.dbfs)
    if (p !== dir && p.startsWith(prefix) && !p.slice(prefix.length).includes("/")) out.push(e);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function decode(b64: unknown): Buffer {
  if (b64 === undefined || b64 === null) return Buffer.alloc(0);
  if (typeof b64 !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(b64))
    throw invalid("Contents must be base64-encoded.");
  return Buffer.from(b64, "base64");
}

export function registerDbfs(r: Router): void {
  const base = "/api/2.0/dbfs";
  r.get(`${base}/list`, (ctx) => {
    const { state } = ctx;
    const path = dbfsPath(requireParam(ctx, "path"));
    if (path === "/") {
      const files = children(state, "/").map(statusOf);
      return ok(files.length ? { files } : {});
    }
    const e = mustGet(state, path);
    if (!e.is_dir) return ok({ files: [statusOf(e)] });
    const files = children(state, path).map(statusOf);
    return ok(files.length ? { files } : {});
  });
  r.get(`${base}/get-status`, (ctx) => {
    const path = dbfsPath(requireParam(ctx, "path"));
    if (path === "/") return ok({ path: "/", is_dir: true, file_size: 0 });
    return ok(statusOf(mustGet(ctx.state, path)));
  });
  r.get(`${base}/read`, (ctx): Reply => {
    const path = dbfsPath(requireParam(ctx, "path"));
    const e = mustGet(ctx.state, path);
    if (e.is_dir) throw badRequest("INVALID_PARAMETER_VALUE", `Cannot read a directory: ${path}`);
    const offset = intParam(ctx, "offset") ?? 0;
    const length = intParam(ctx, "length") ?? DBFS_DEFAULT_READ;
    if (offset < 0 || length < 0) throw invalid("offset and length must be non-negative");
    if (length > DBFS_MAX_READ)
      throw badRequest(
        "MAX_READ_SIZE_EXCEEDED",
        `Cannot read more than ${DBFS_MAX_READ} bytes at a time. Requested: ${length}.`,
      );
    const data = (e.data ?? Buffer.alloc(0)).subarray(offset, offset + length);
    return ok({ bytes_read: data.length, data: data.toString("base64") });
  });
  r.post(`${base}/put`, (ctx) => {
    const path = dbfsPath(requireParam(ctx, "path"));
    // A multipart/form-data put carries the file as a form part (`contents`, as the API docs' curl example,
    // or `file`, which the legacy databricks-cli is believed to use), up to the multipart limit (limits.ts).
    const upload = ctx.files?.contents ?? ctx.files?.file;
    if (upload) {
      dbfsWrite(ctx.state, path, upload, boolParam(ctx, "overwrite"));
      return ok({});
    }
    if (ctx.files && field(ctx, "contents") === undefined)
      throw invalid("A multipart put needs the file as the form part `contents`.");
    const data = decode(field(ctx, "contents"));
    if (data.length > DBFS_MAX_BLOCK)
      throw badRequest(
        "MAX_BLOCK_SIZE_EXCEEDED",
        `The contents exceed ${DBFS_MAX_BLOCK} bytes; use create/add-block.`,
      );
    dbfsWrite(ctx.state, path, data, boolParam(ctx, "overwrite"));
    return ok({});
  });
  r.post(`${base}/create`, (ctx) => {
    const { state } = ctx;
    const path = dbfsPath(requireParam(ctx, "path"));
    const e = state.dbfs.get(path);
    if (e && (e.is_dir || !boolParam(ctx, "overwrite")))
      throw alreadyExists(`A file or directory already exists at the input path ${path}.`);
    const handle = state.handle();
    state.dbfsHandles.set(handle, { path, chunks: [] });
    return ok({ handle });
  });
  r.post(`${base}/add-block`, (ctx) => {
    const h = ctx.state.dbfsHandles.get(Number(requireParam(ctx, "handle")));
    if (!h) throw notFound(`Handle ${ctx.body.handle} does not exist.`);
    const data = decode(field(ctx, "data"));
    if (data.length > DBFS_MAX_BLOCK)
      throw badRequest("MAX_BLOCK_SIZE_EXCEEDED", `A block cannot exceed ${DBFS_MAX_BLOCK} bytes.`);
    h.chunks.push(data);
    return ok({});
  });
  r.post(`${base}/close`, (ctx) => {
    const handle = Number(requireParam(ctx, "handle"));
    const h = ctx.state.dbfsHandles.get(handle);
    if (!h) throw notFound(`Handle ${handle} does not exist.`);
    ctx.state.dbfsHandles.delete(handle);
    dbfsWrite(ctx.state, h.path, Buffer.concat(h.chunks), true);
    return ok({});
  });
  r.post(`${base}/mkdirs`, (ctx) => {
    dbfsMkdirs(ctx.state, dbfsPath(requireParam(ctx, "path")));
    return ok({});
  });
  r.post(`${base}/delete`, (ctx) => {
    const { state } = ctx;
    const path = dbfsPath(requireParam(ctx, "path"));
    const e = state.dbfs.get(path);
    if (!e) return ok({}); // deleting what is not there succeeds, as on the service
    if (e.is_dir && children(state, path).length && !boolParam(ctx, "recursive"))
      throw badRequest("IO_ERROR", `Directory ${path} is not empty; use recursive delete.`);
    for (const p of [...state.dbfs.keys()]) if (p === path || p.startsWith(`${path}/`)) state.dbfs.delete(p);
    return ok({});
  });
  r.post(`${base}/move`, (ctx) => {
    const { state } = ctx;
    const from = dbfsPath(requireParam(ctx, "source_path"));
    const to = dbfsPath(requireParam(ctx, "destination_path"));
    mustGet(state, from);
    if (state.dbfs.has(to))
      throw alreadyExists(`A file or directory already exists at the input path ${to}.`);
    dbfsMkdirs(state, parentOf(to));
    for (const [p, e] of [...state.dbfs])
      if (p === from || p.startsWith(`${from}/`)) {
        state.dbfs.delete(p);
        const np = to + p.slice(from.length);
        state.dbfs.set(np, { ...e, path: np });
      }
    return ok({});
  });
}
