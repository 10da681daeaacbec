import type { DatabricksClient } from "../client";
import type { ContentRef, KindName } from "../kinds/common";
import type { Descriptor } from "../kinds/registry";
import type { PathFilter } from "./filters";

/** Where exporters put content bytes: a snapshot-relative file, streamed to disk, hashed on the way. */
export interface ContentSink {
  write(rel: string, data: Buffer | AsyncIterable<Uint8Array>): Promise<ContentRef>;
}

/** What one export run offers every kind's exporter. */
export interface ExportContext {
  client: DatabricksClient;
  paths: PathFilter;
  content: ContentSink;
  /** Records an object that is not exported, with the reason: nothing is ever dropped silently. */
  skip(kind: KindName, id: string, reason: string): void;
  /** A secret key whose value the secondary will need (values are never read). */
  secretNeeded(scope: string, key: string): void;
  /** Runs `fn` once per run for `key` (a listing several kinds share) and hands everyone the same promise. */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The descriptors another kind exported in this run; [] when that kind is not part of the run. */
  results<K extends KindName>(kind: K): Promise<Descriptor<K>[]>;
  /** Is this kind part of the run? (Shared listings record skips only for kinds being exported.) */
  included(kind: KindName): boolean;
  log(line: string): void;
  /** Object reads in flight per kind (the client paces them per endpoint family). */
  concurrency: number;
  /** Export folders as one archive each where it saves calls (false: one export call per object). */
  archives: boolean;
  /** Resolves once `reusable` and `previous` can answer (what can be reused loads while listings start). */
  ready: Promise<void>;
  /** Can this object be taken from the previous snapshot or an interrupted run instead of being read? */
  reusable(kind: KindName, id: string, sig: string | undefined): boolean;
  /** The previous snapshot's descriptor of an object, if any (estimates only: it may be stale). */
  previous(kind: KindName, id: string): unknown;
  /** Aborted when the run is interrupted (SIGINT): long work checks it between steps. */
  signal?: AbortSignal;
  /** The run's manifest date (ISO): what rolling refreshes count days from. */
  exportedAt?: string;
}

/** One listed object: its id in descriptor terms (for skips and progress) and whatever `read` needs. */
export interface Listed {
  id: string;
}

/**
 * How one kind is exported: `list` finds the objects (paging, filters) — all at once, or as a stream so
 * reads start while listing goes on (the workspace tree) — and `read` fetches one and normalizes
 * the raw API bodies into its descriptor (undefined when there is nothing to keep, e.g. an ACL with only
 * inherited entries). A failure in `read` skips that object with the reason and never stops the run.
 */
export interface KindExporter<K extends KindName, L extends Listed = Listed> {
  kind: K;
  list(ctx: ExportContext): Promise<L[]> | AsyncIterable<L>;
  read(ctx: ExportContext, item: L): Promise<Descriptor<K> | undefined>;
  /**
   * The version of the object as its listing shows it (a workspace object's id and modified_at, a hash of
   * the list entry): when it equals the one recorded when the object was last read, the run reuses that
   * descriptor (and content file) instead of reading again. Undefined: always read.
   */
  signature?(ctx: ExportContext, item: L): string | undefined | Promise<string | undefined>;
  /**
   * Read this object although its signature is unchanged (what its listing does not show, such as Unity
   * Catalog grants, is refreshed in turn). Undefined: never forced.
   */
  refresh?(ctx: ExportContext, item: L): boolean;
  /** Where this object's content file goes in this run (a reused file is linked there). */
  contentFile?(item: L): string | undefined;
}

/** Thrown from `read` to skip an object for a reason that is not an API failure. */
export class SkipError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SkipError";
  }
}
