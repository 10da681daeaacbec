import { KINDS } from "../registry";
import { Ref } from "../common";
import { CONTENT_DIR } from "../../snapshot/layout";
import { assignContentFiles, mappedFile, unsafeWorkspacePath } from "../../exporters/names";
import { ApiError } from "../../client";
import { toDbfsId } from "../cluster-refs";
import { arr, Obj, str } from "../../exporters/normalize";
import { ExportContext, KindExporter, Listed, SkipError } from "../../exporters/types";

/** DBFS read answers at most 1 MB per call. */
export const DBFS_READ_BYTES = 1024 * 1024;

/** `status`: get-status, asked once (by `signature`, or by `read`). */
type Item = Listed & { path: string; file: string; status?: Obj };

/** Streams a DBFS file in ≤ 1 MB reads, so no file is ever held whole in memory. */
async function* dbfsChunks(ctx: ExportContext, path: string, size: number): AsyncGenerator<Buffer> {
  let offset = 0;
  while (offset < size) {
    const r = await ctx.client.get<Obj>("/api/2.0/dbfs/read", { path, offset, length: DBFS_READ_BYTES });
    const n = typeof r.bytes_read === "number" ? r.bytes_read : 0;
    if (n === 0) break;
    const data = Buffer.from(typeof r.data === "string" ? r.data : "", "base64");
    if (data.length !== n)
      throw new Error(`dbfs read at ${offset}: ${data.length} bytes decoded, ${n} announced`);
    offset += n;
    yield data;
  }
  if (offset !== size) throw new Error(`dbfs file ${path} ended at ${offset} of ${size} bytes`);
}

/** Legacy global (and cluster-named) init scripts: DBFS files nothing references, run on every cluster. */
export const LEGACY_INIT_DIR = "/databricks/init";

async function legacyInitScripts(ctx: ExportContext, dir = LEGACY_INIT_DIR): Promise<string[]> {
  let files: Obj[];
  try {
    files = arr((await ctx.client.get<Obj>("/api/2.0/dbfs/list", { path: dir })).files);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return [];
    throw e;
  }
  const out: string[] = [];
  for (const f of files) {
    const p = str(f.path);
    if (!p) continue;
    if (f.is_dir === true) out.push(...(await legacyInitScripts(ctx, p)));
    else out.push(toDbfsId(p));
  }
  return out;
}

/** DBFS files a cluster policy pins (`init_scripts.0.dbfs.destination` fixed or allow-listed). */
export function policyDbfsFiles(definition: string | undefined): string[] {
  if (!definition) return [];
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(definition) as Record<string, unknown>;
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const [key, rule] of Object.entries(parsed)) {
    if (!/^init_scripts\.[^.]+\.dbfs\.destination$/.test(key) || !rule || typeof rule !== "object") continue;
    const r = rule as { value?: unknown; values?: unknown };
    for (const v of [r.value, ...(Array.isArray(r.values) ? r.values : [])])
      if (typeof v === "string" && v.startsWith("dbfs:/")) out.push(v);
  }
  return out;
}

/**
 * The DBFS files exported clusters and jobs name (init scripts, jars, wheels, python files): found through
 * the registry's reference functions, so any new reference site is picked up here too, plus the files
 * cluster policies pin and the legacy global init scripts under dbfs:/databricks/init.
 */
export const dbfsFileExporter: KindExporter<"dbfs-file", Item> = {
  kind: "dbfs-file",
  async list(ctx) {
    const [clusters, jobs, policies, legacy] = await Promise.all([
      ctx.results("cluster"),
      ctx.results("job"),
      ctx.results("cluster-policy"),
      legacyInitScripts(ctx),
    ]);
    const refs: Ref[] = [
      ...clusters.flatMap((c) => KINDS.cluster.references(c)),
      ...jobs.flatMap((j) => KINDS.job.references(j)),
    ];
    const ids = [
      ...new Set([
        ...refs.filter((r) => r.kind === "dbfs-file").map((r) => r.id),
        ...policies.flatMap((p) => policyDbfsFiles(p.definition)),
        ...legacy,
      ]),
    ].sort();
    const ok: { id: string; path: string }[] = [];
    for (const id of ids) {
      const path = id.slice("dbfs:".length);
      const unsafe = unsafeWorkspacePath(path);
      if (unsafe) ctx.skip("dbfs-file", JSON.stringify(id).slice(1, -1), `unsafe name: ${unsafe}`);
      else ok.push({ id, path });
    }
    const files = assignContentFiles(
      ok.map((o) => ({ id: o.id, file: mappedFile(`${CONTENT_DIR}/dbfs`, o.path) })),
    );
    return ok.map((o) => ({ ...o, file: files.get(o.id)! }));
  },
  /** modification_time and size from get-status; a file listed without a time is always read. */
  async signature(ctx, item) {
    item.status = await ctx.client.get<Obj>("/api/2.0/dbfs/get-status", { path: item.path });
    const t = item.status.modification_time;
    if (typeof t !== "number" || item.status.is_dir === true) return undefined;
    return `${t}:${String(item.status.file_size)}`;
  },
  contentFile: (item) => item.file,
  async read(ctx, item) {
    const status =
      item.status ?? (await ctx.client.get<Obj>("/api/2.0/dbfs/get-status", { path: item.path }));
    if (status.is_dir === true) throw new SkipError("referenced as a file but is a DBFS directory");
    const size = typeof status.file_size === "number" ? status.file_size : 0;
    const content = await ctx.content.write(item.file, dbfsChunks(ctx, item.path, size));
    return { id: item.id, path: item.path, content };
  },
};
