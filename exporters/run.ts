import * as fs from "node:fs";
import * as path from "node:path";
import { AbortedError, ApiError } from "../client";
import { meansUnavailable, normalizeHost, proveWorkspace } from "../client/host";
import { redactKnownSecrets } from "../client/redact";
import { KindName, SCHEMA_VERSION } from "../kinds/common";
import { Descriptor, KINDS } from "../kinds/registry";
import { DiskError, issuePath } from "../snapshot/errors";
import { JournalHeader } from "../snapshot/journal";
import { MANIFEST_FILE } from "../snapshot/layout";
import { Manifest, manifestSchema, Skipped } from "../snapshot/manifest";
import { StateIndexBuilder } from "../snapshot/state-index";
import { SnapshotWriter } from "../snapshot/writer";
import { version } from "../package.json";
import { ARCHIVE_PLAN, ArchivePlan } from "./archives";
import { mapLimit } from "./concurrency";
import { EXPORTERS } from "./registry";
import { PathFilter, selectedKinds } from "./filters";
import { reasonOf } from "./normalize";
import { ReuseStore } from "./reuse";
import { AclRefresh, DEFAULT_ACL_REFRESH_RUNS } from "./acl-refresh";
import { FindingsCollector } from "./findings";
import { takeInventory } from "./inventory";
import { countsAt, setAside, shrinkOf, ShrinkRefused } from "./shrink";
import { ExportInterrupted, ExportOptions, ExportSummary, KindProgress, KindSummary } from "./run-types";
import { ExportContext, KindExporter, Listed, SkipError } from "./types";

export * from "./run-types";

/** A listing the workspace does not offer (feature off, no permission, endpoint absent): the kind is left out. */
const unavailable = meansUnavailable;

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

/**
 * A descriptor keeps the workspace's values (credentials there are findings, and secret inputs in the
 * stack), but never this tool's own token or client secret, should a job or a conf have been given it.
 */
function withoutKnownSecrets<T>(d: T): T {
  const text = JSON.stringify(d);
  const clean = redactKnownSecrets(text);
  return clean === text ? d : (JSON.parse(clean) as T);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isAbort = (e: unknown, signal?: AbortSignal) => e instanceof AbortedError || !!signal?.aborted;

/** The default previous snapshot: the one the run is about to replace. */
function previousAt(out: string): string | undefined {
  return fs.existsSync(path.join(out, MANIFEST_FILE)) ? out : undefined;
}

/**
 * One export: every selected kind read concurrently (kinds that need others' results wait for them),
 * objects that fail recorded in `skipped` with their reason, descriptors validated, then the snapshot
 * written to a temporary directory and renamed into place. Throws only when a whole kind cannot be listed
 * for a reason other than being unavailable — and then the previous snapshot stays as it was.
 *
 * Incremental: an object whose signature (exporter's `signature`) is the one recorded in the previous
 * snapshot's state/index.json, or in the journal of an interrupted run of the same export, is taken as it
 * was — descriptor, and content file linked — without being read. The result is the snapshot a full export
 * would write (plus `changes` in the manifest).
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

  const manifestFilters = {
    includeKinds: filters.includeKinds,
    excludeKinds: filters.excludeKinds,
    includePaths: filters.includePaths,
    excludePaths: filters.excludePaths,
  };
  // A disk that refuses a write (full, read-only, forbidden) stops the whole run at once: no fallback, no
  // retry, no thousand lines of the same error. `halt` aborts every kind; the run then fails with that one.
  const halted = new AbortController();
  let diskError: DiskError | undefined;
  const halt = (e: DiskError) => {
    diskError ??= e;
    halted.abort();
  };
  const signal = opts.signal ? AbortSignal.any([opts.signal, halted.signal]) : halted.signal;

  // Only a workspace's API may shape a snapshot: a wrong host or a web server must not read as "empty".
  const normalized = normalizeHost(client.host);
  if (normalized.host !== client.host)
    throw new Error(`host: ${redact(client.host)} must be scheme and host only (${normalized.host})`);
  await proveWorkspace(client);
  const header: JournalHeader = {
    journal: 1,
    host: client.host,
    filters: manifestFilters,
    tool: version,
    schemaVersion: SCHEMA_VERSION,
  };
  const writer = await SnapshotWriter.begin(opts.out, { journal: header });
  // A commit a killed run left half done was finished or undone just now: say which.
  if (writer.recovered) log(writer.recovered);
  const store = ReuseStore.open({
    previous: opts.previous ?? previousAt(writer.out),
    full: opts.full,
    host: client.host,
    filters: manifestFilters,
    toolVersion: version,
    schemaVersion: SCHEMA_VERSION,
    resumeDirs: writer.resumeDirs,
    log,
  });
  void store.ready.then(() => store.previousNote && log(store.previousNote));
  const findings = new FindingsCollector(writer.tmp, (kind, id) => store.previousFindings(kind, id));
  const aclRuns = opts.aclRefreshRuns ?? DEFAULT_ACL_REFRESH_RUNS;
  const aclReady = store.ready.then(() => new AclRefresh(store.prevAcl, aclRuns, exportedAt));
  aclReady.catch(() => undefined);
  const index = new StateIndexBuilder();
  const skipped: Skipped[] = [];
  const secrets = new Map<string, { scope: string; key: string }>();
  const memos = new Map<string, Promise<unknown>>();
  const results = new Map<KindName, ReturnType<typeof deferred<unknown[]>>>();
  for (const k of kinds) results.set(k, deferred<unknown[]>());
  const perKind = new Map<KindName, KindSummary>();
  const compared = new Map<KindName, { added: string[]; changed: string[]; removed: string[] }>();

  const ctx: ExportContext = {
    client,
    paths: new PathFilter(filters),
    content: findings.sink({ write: (rel, data) => writer.writeContent(rel, data) }),
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
    archives: opts.archives ?? true,
    ready: store.ready,
    reusable: (kind, id, sig) => store.has(kind, id, sig),
    previous: (kind, id) => store.previous(kind, id),
    signal,
    exportedAt,
  };

  const runKind = async <K extends KindName>(kind: K): Promise<void> => {
    const t0 = Date.now();
    const exporter = EXPORTERS[kind] as KindExporter<K, Listed>;
    const summary: KindSummary = {
      kind,
      exported: 0,
      skipped: 0,
      failed: 0,
      reused: 0,
      listed: 0,
      seconds: 0,
      unavailable: false,
    };
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
      if (signal?.aborted) return;
      try {
        const sig = await exporter.signature?.(ctx, item);
        await store.ready;
        // An unchanged object's ACL is still read when its turn in the rolling refresh comes.
        const acl = kind === "permissions" ? await aclReady : undefined;
        const taken =
          acl?.due(item.id) || exporter.refresh?.(ctx, item)
            ? null
            : await store.take(kind, item.id, sig, writer, exporter.contentFile?.(item));
        if (taken) summary.reused++;
        const d = taken ? (taken.descriptor as Descriptor<K> | undefined) : await exporter.read(ctx, item);
        let kept: Descriptor<K> | undefined;
        if (d !== undefined) {
          const parsed = schema.safeParse(d);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            ctx.skip(
              kind,
              item.id,
              `descriptor invalid at ${issuePath(issue) || "(object)"}: ${issue.message}`,
            );
            return;
          }
          const raw = parsed.data as Descriptor<K>;
          kept = withoutKnownSecrets(raw);
          got.push(kept);
          // Scanned before the mask: this tool's own token in a setting is a finding too.
          await findings.object(kind, raw, taken?.from);
        }
        acl?.record(item.id, !taken || taken.from === "journal");
        if (sig !== undefined) {
          index.set(kind, item.id, sig);
          // What was reused stays where it came from until this run commits: only new reads are journaled.
          if (!taken) writer.record({ kind, id: item.id, sig, descriptor: kept ?? null });
        }
      } catch (e) {
        if (e instanceof DiskError) return halt(e);
        if (isAbort(e, signal)) return;
        if (!(e instanceof SkipError)) summary.failed++;
        ctx.skip(kind, item.id, reasonOf(e, redact));
      } finally {
        progress("reading", ++done, total);
      }
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
          if (signal?.aborted) break;
          total++;
          const p: Promise<void> = read(item).finally(() => inflight.delete(p));
          inflight.add(p);
          if (inflight.size >= concurrency) await Promise.race(inflight);
        }
        await Promise.all(inflight);
      }
    } catch (e) {
      await Promise.allSettled(inflight);
      if (isAbort(e, signal)) throw new AbortedError();
      if (!unavailable(e)) throw new Error(`${kind}: listing failed: ${reasonOf(e, redact)}`, { cause: e });
      // The API's own words: a 404 here is a feature absent, not an object deleted meanwhile.
      const why = e instanceof ApiError ? redact(e.describe()) : reasonOf(e, redact);
      ctx.skip(kind, "*", `not available in this workspace: ${why}`);
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
        index.drop(kind, d.id);
        return false;
      }
      return true;
    });
    summary.exported = unique.length;
    summary.listed = total;
    findings.settle(
      kind,
      unique.map((d) => d.id),
    );
    results.get(kind)!.resolve(unique);
    // Written as soon as the kind is done, while slower kinds are still being read.
    if (!signal?.aborted) {
      await writer.writeDescriptors(kind, unique);
      await store.ready;
      const c = store.changes(kind, unique);
      if (c) compared.set(kind, c);
    }
    summary.seconds = (Date.now() - t0) / 1000;
    progress("done", done, total);
  };

  try {
    // Settle every kind before failing, so nothing still writes into the directory abort() removes.
    const settled = await Promise.allSettled(
      kinds.map((k) =>
        runKind(k).catch((e: unknown) => {
          if (e instanceof DiskError) halt(e);
          results.get(k)!.reject(e);
          throw e;
        }),
      ),
    );
    if (diskError) throw diskError;
    if (signal?.aborted) throw new ExportInterrupted(writer.tmp);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    const counts: Manifest["counts"] = {};
    const changes: NonNullable<Manifest["changes"]> = {};
    const exportedKinds: KindName[] = [];
    for (const k of kinds) {
      if (perKind.get(k)?.unavailable) continue;
      exportedKinds.push(k);
      counts[k] = perKind.get(k)!.exported;
      const c = compared.get(k);
      if (c && c.added.length + c.changed.length + c.removed.length > 0) changes[k] = c;
    }
    store.release();
    const acl = exportedKinds.includes("permissions") ? await aclReady : undefined;
    const stateIndex = index.build(exportedKinds);
    if (acl) stateIndex.acl = acl.state();
    // Sealed with every other file the writer wrote: the manifest lists them all (sha256, size).
    await writer.writeStateIndex(stateIndex);
    skipped.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.id, b.id) || cmp(a.reason, b.reason));
    for (const s of skipped) {
      const summary = perKind.get(s.kind);
      if (summary) summary.skipped++;
    }
    const secretsNeeded = [...secrets.values()].sort((a, b) => cmp(a.scope, b.scope) || cmp(a.key, b.key));
    // After the kinds, through the same client: what the workspace holds that the export leaves out.
    const unavailableKinds = kinds
      .filter((k) => perKind.get(k)?.unavailable)
      .map((k) => ({
        kind: k,
        reason: skipped.find((x) => x.kind === k && x.id === "*")?.reason ?? "not available",
      }));
    const inventory = await takeInventory(client, counts, signal, unavailableKinds);
    if (signal?.aborted) throw new ExportInterrupted(writer.tmp);
    const manifest: Omit<Manifest, "files"> = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: "databricks-dr", version },
      source: { host: client.host },
      exportedAt,
      counts,
      skipped,
      secretsNeeded,
      filters: manifestFilters,
      changes: compared.size > 0 ? changes : undefined,
      findings: findings.all(),
      acl: acl?.summary(),
      inventory,
    };
    // Never replace good state with less without a reason: the new snapshot waits beside for review.
    const before = countsAt(writer.out);
    const shrink = before && shrinkOf(before, counts, opts.shrink?.threshold);
    if (shrink && opts.shrink?.allow) {
      manifest.shrinkAccepted = {
        reason: redact(opts.shrink.allow),
        before: shrink.before,
        after: shrink.after,
        emptied: shrink.emptied,
      };
      log(`shrink accepted (${manifest.shrinkAccepted.reason})`);
    }
    await writer.writeManifest(manifest);
    if (shrink && !opts.shrink?.allow) {
      const review = await setAside(writer);
      throw new ShrinkRefused(shrink, writer.out, review, counts);
    }
    await writer.commit();
    // The new snapshot is in place: that is the export's time. Removing the one it replaced follows.
    const seconds = (Date.now() - started) / 1000;
    const cleanupStarted = Date.now();
    await writer.cleanup();
    log(
      `export: ${Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)} objects, ${skipped.length} skipped` +
        (store.incremental ? `, ${store.stats.reused} unchanged reused` : "") +
        (store.stats.resumed ? `, ${store.stats.resumed} resumed` : ""),
    );
    const planned = memos.get(ARCHIVE_PLAN) as Promise<ArchivePlan> | undefined;
    const plan = planned ? await planned.catch(() => undefined) : undefined;
    return {
      out: writer.out,
      host: client.host,
      exportedAt,
      kinds: kinds.map((k) => perKind.get(k)!),
      counts,
      skipped,
      secretsNeeded,
      seconds,
      cleanupSeconds: (Date.now() - cleanupStarted) / 1000,
      requests: client.stats(),
      failed: kinds.reduce((a, k) => a + (perKind.get(k)?.failed ?? 0), 0),
      incremental: store.incremental,
      previousNote: store.previousNote,
      reused: store.stats.reused,
      resumed: store.stats.resumed,
      archives: {
        calls: plan?.stats.archives ?? 0,
        refused: plan?.stats.refused ?? 0,
        fallbacks: plan?.stats.fallbacks ?? 0,
      },
      changes: manifest.changes,
      findings: manifest.findings ?? [],
      shrinkAccepted: manifest.shrinkAccepted,
      acl: manifest.acl,
    };
  } catch (e) {
    if (diskError) {
      // What was written is dropped (it takes the space the disk lacks); the previous snapshot is whole.
      await writer.abort();
      throw diskError;
    }
    if (e instanceof ExportInterrupted || signal?.aborted) {
      writer.suspend();
      await writer.cleanup();
      throw e instanceof ExportInterrupted ? e : new ExportInterrupted(writer.tmp);
    }
    await writer.abort();
    throw e;
  }
}
