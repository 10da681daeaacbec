import { ApiError, ClientStats, DatabricksClient } from "../client";
import { KindName, SCHEMA_VERSION } from "../kinds/common";
import { Descriptor, KINDS } from "../kinds/registry";
import { issuePath } from "../snapshot/errors";
import { Manifest, manifestSchema, Skipped } from "../snapshot/manifest";
import { SnapshotWriter } from "../snapshot/writer";
import { version } from "../package.json";
import { mapLimit } from "./concurrency";
import { EXPORTERS } from "./registry";
import { ExportFilters, PathFilter, selectedKinds } from "./filters";
import { reasonOf } from "./normalize";
import { ExportContext, KindExporter, Listed } from "./types";

export interface KindProgress {
  kind: KindName;
  state: "listing" | "reading" | "done" | "unavailable";
  done: number;
  total: number;
}

export interface ExportOptions {
  client: DatabricksClient;
  /** The snapshot directory; replaced atomically when the run succeeds. */
  out: string;
  filters?: ExportFilters;
  /** ISO date-time for the manifest (default: now); fixed by tests and by users who want stable output. */
  exportedAt?: string;
  /** Object reads in flight per kind (default 64); the client paces them per endpoint family. */
  concurrency?: number;
  onProgress?: (p: KindProgress) => void;
  log?: (line: string) => void;
}

export interface KindSummary {
  kind: KindName;
  exported: number;
  skipped: number;
  seconds: number;
  unavailable: boolean;
}

export interface ExportSummary {
  out: string;
  host: string;
  exportedAt: string;
  kinds: KindSummary[];
  counts: Manifest["counts"];
  skipped: Skipped[];
  secretsNeeded: Manifest["secretsNeeded"];
  seconds: number;
  requests: ClientStats;
}

/** A listing the workspace does not offer (feature off, no permission, endpoint absent): the kind is left out. */
function unavailable(e: unknown): boolean {
  return e instanceof ApiError && [403, 404, 501].includes(e.status);
}

/**
 * One cheap call before anything else: with a bad token every listing would answer 403 and look like
 * "unavailable", and an empty snapshot would replace a good one.
 */
async function checkAccess(client: DatabricksClient, redact: (s: string) => string): Promise<void> {
  try {
    // Few retries: an unreachable host should fail in seconds, not after the full backoff.
    await client.request("GET", "/api/2.0/preview/scim/v2/Me", { maxRetries: 2 });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403))
      throw new Error(`cannot authenticate to ${client.host}: ${reasonOf(e, redact)}`, { cause: e });
    if (!(e instanceof ApiError))
      throw new Error(`cannot reach ${client.host}: ${reasonOf(e, redact)}`, { cause: e });
  }
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One export: every selected kind read concurrently (kinds that need others' results wait for them),
 * objects that fail recorded in `skipped` with their reason, descriptors validated, then the snapshot
 * written to a temporary directory and renamed into place. Throws only when a whole kind cannot be listed
 * for a reason other than being unavailable — and then the previous snapshot stays as it was.
 */
export async function runExport(opts: ExportOptions): Promise<ExportSummary> {
  const started = Date.now();
  const filters = opts.filters ?? {};
  const exportedAt = opts.exportedAt ?? new Date().toISOString();
  if (!manifestSchema.shape.exportedAt.safeParse(exportedAt).success)
    throw new Error(`exported-at: "${exportedAt}" is not an ISO date-time like 2026-01-01T00:00:00Z`);
  const kinds = selectedKinds(filters);
  const concurrency = Math.max(1, opts.concurrency ?? 64);
  const client = opts.client;
  const redact = (s: string) => client.redact(s);
  const log = (line: string) => opts.log?.(redact(line));

  await checkAccess(client, redact);
  const writer = await SnapshotWriter.begin(opts.out);
  const skipped: Skipped[] = [];
  const secrets = new Map<string, { scope: string; key: string }>();
  const memos = new Map<string, Promise<unknown>>();
  const results = new Map<KindName, ReturnType<typeof deferred<unknown[]>>>();
  for (const k of kinds) results.set(k, deferred<unknown[]>());
  const perKind = new Map<KindName, KindSummary>();

  const ctx: ExportContext = {
    client,
    paths: new PathFilter(filters),
    content: { write: (rel, data) => writer.writeContent(rel, data) },
    skip: (kind, id, reason) => skipped.push({ kind, id, reason: redact(reason) }),
    secretNeeded: (scope, key) => secrets.set(`${scope}\u0000${key}`, { scope, key }),
    memo: <T>(key: string, fn: () => Promise<T>) => {
      let p = memos.get(key) as Promise<T> | undefined;
      if (!p) memos.set(key, (p = fn()));
      return p;
    },
    results: <K extends KindName>(kind: K) =>
      (results.get(kind)?.promise ?? Promise.resolve([])) as Promise<Descriptor<K>[]>,
    included: (kind) => kinds.includes(kind),
    log,
    concurrency,
  };

  const runKind = async <K extends KindName>(kind: K): Promise<void> => {
    const t0 = Date.now();
    const exporter = EXPORTERS[kind] as KindExporter<K, Listed>;
    const summary: KindSummary = { kind, exported: 0, skipped: 0, seconds: 0, unavailable: false };
    perKind.set(kind, summary);
    const progress = (state: KindProgress["state"], done: number, total: number) =>
      opts.onProgress?.({ kind, state, done, total });
    progress("listing", 0, 0);
    const schema = KINDS[kind].schema;
    const got: Descriptor<K>[] = [];
    let done = 0;
    let total = 0;
    const inflight = new Set<Promise<void>>();
    const read = async (item: Listed) => {
      try {
        const d = await exporter.read(ctx, item);
        if (d !== undefined) {
          const parsed = schema.safeParse(d);
          if (parsed.success) got.push(parsed.data as Descriptor<K>);
          else {
            const issue = parsed.error.issues[0];
            ctx.skip(
              kind,
              item.id,
              `descriptor invalid at ${issuePath(issue) || "(object)"}: ${issue.message}`,
            );
          }
        }
      } catch (e) {
        ctx.skip(kind, item.id, reasonOf(e, redact));
      }
      progress("reading", ++done, total);
    };
    try {
      const listing = await exporter.list(ctx);
      if (Array.isArray(listing)) {
        total = listing.length;
        progress("reading", 0, total);
        await mapLimit(listing, concurrency, read);
      } else {
        // A streamed listing: reads start as items arrive, at most `concurrency` in flight.
        for await (const item of listing as AsyncIterable<Listed>) {
          total++;
          const p: Promise<void> = read(item).finally(() => inflight.delete(p));
          inflight.add(p);
          if (inflight.size >= concurrency) await Promise.race(inflight);
        }
        await Promise.all(inflight);
      }
    } catch (e) {
      await Promise.allSettled(inflight);
      if (!unavailable(e)) throw new Error(`${kind}: listing failed: ${reasonOf(e, redact)}`, { cause: e });
      ctx.skip(kind, "*", `not available in this workspace: ${reasonOf(e, redact)}`);
      summary.unavailable = true;
      results.get(kind)!.resolve([]);
      progress("unavailable", 0, 0);
      return;
    }
    // Same id twice (a name reused, a job listed twice): keep the first in a stable order, report the rest.
    got.sort((a, b) => cmp(a.id, b.id) || cmp(JSON.stringify(a), JSON.stringify(b)));
    const unique = got.filter((d, i) => {
      if (i > 0 && got[i - 1].id === d.id) {
        ctx.skip(kind, d.id, "another object of this kind has the same id");
        return false;
      }
      return true;
    });
    summary.exported = unique.length;
    summary.seconds = (Date.now() - t0) / 1000;
    results.get(kind)!.resolve(unique);
    progress("done", done, total);
  };

  try {
    // Settle every kind before failing, so nothing still writes into the directory abort() removes.
    const settled = await Promise.allSettled(
      kinds.map((k) =>
        runKind(k).catch((e: unknown) => {
          results.get(k)!.reject(e);
          throw e;
        }),
      ),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    const counts: Manifest["counts"] = {};
    const hashes: Record<string, string> = {};
    for (const k of kinds) {
      if (perKind.get(k)?.unavailable) continue;
      const items = (await results.get(k)!.promise) as { id: string }[];
      const { file, sha256 } = await writer.writeDescriptors(k, items);
      hashes[file] = sha256;
      counts[k] = items.length;
    }
    skipped.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id) || cmp(a.reason, b.reason));
    for (const s of skipped) {
      const summary = perKind.get(s.kind);
      if (summary) summary.skipped++;
    }
    const secretsNeeded = [...secrets.values()].sort((a, b) => cmp(a.scope, b.scope) || cmp(a.key, b.key));
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: "databricks-dr", version },
      source: { host: client.host },
      exportedAt,
      counts,
      skipped,
      secretsNeeded,
      filters: {
        includeKinds: filters.includeKinds,
        excludeKinds: filters.excludeKinds,
        includePaths: filters.includePaths,
        excludePaths: filters.excludePaths,
      },
      hashes,
    };
    await writer.writeManifest(manifest);
    await writer.commit();
    log(
      `export: ${Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)} objects, ${skipped.length} skipped`,
    );
    return {
      out: writer.out,
      host: client.host,
      exportedAt,
      kinds: kinds.map((k) => perKind.get(k)!),
      counts,
      skipped,
      secretsNeeded,
      seconds: (Date.now() - started) / 1000,
      requests: client.stats(),
    };
  } catch (e) {
    await writer.abort();
    throw e;
  }
}
