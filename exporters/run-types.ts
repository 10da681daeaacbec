import type { ClientStats, DatabricksClient } from "../client";
import type { KindName } from "../kinds/common";
import type { Manifest, Skipped } from "../snapshot/manifest";
import type { ExportFilters } from "./filters";
import type { ShrinkPolicy } from "./shrink";

/** What an export run takes and gives back (exporters/run.ts). */
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
  /**
   * The snapshot to compare with and reuse unchanged objects from (default: the one at `out`, if any).
   * Used only when it was exported from the same host with the same filters.
   */
  previous?: string;
  /** Read everything again (ACL-only changes on unchanged objects are seen only then); still compared. */
  full?: boolean;
  /** Folder archives for notebooks and files (default true); false = one export call per object. */
  archives?: boolean;
  /** Interrupts the run: work in flight stops, the partial snapshot stays for the next run to resume. */
  signal?: AbortSignal;
  /** Replacing the snapshot at `out` with less (exporters/shrink.ts): refused unless `allow` gives why. */
  shrink?: ShrinkPolicy;
  /** Incremental runs re-read every ACL at least this often (default DEFAULT_ACL_REFRESH_RUNS). */
  aclRefreshRuns?: number;
}

/** The run was interrupted: nothing replaced the previous snapshot, the partial work is kept. */
export class ExportInterrupted extends Error {
  constructor(readonly partialDir: string) {
    super(`export interrupted; the finished part is kept in ${partialDir} and the next run resumes from it`);
    this.name = "ExportInterrupted";
  }
}

export interface KindSummary {
  kind: KindName;
  exported: number;
  skipped: number;
  /** Skips that are failures (an API error after retries), not policy (a JOB cluster, an unsafe name). */
  failed: number;
  /** Taken from the previous snapshot or an interrupted run without being read. */
  reused: number;
  /** Objects the listing showed (read or reused): the re-export ratio is (listed - reused) / listed. */
  listed: number;
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
  /** Until the new snapshot was in place. */
  seconds: number;
  /** Removing the replaced snapshot (and resumed runs' directories) afterwards, on disk only. */
  cleanupSeconds: number;
  requests: ClientStats;
  /** Objects skipped because reading them failed. */
  failed: number;
  /** True when unchanged objects were taken from the previous snapshot. */
  incremental: boolean;
  /** Why the previous snapshot was not reused, when there was one. */
  previousNote?: string;
  /** Objects taken from the previous snapshot / from interrupted runs. */
  reused: number;
  resumed: number;
  /** Folder archive calls, and how many were refused as too large. */
  archives: { calls: number; refused: number; fallbacks: number };
  changes?: Manifest["changes"];
  /** Plaintext credentials found (where, never the value), as in the manifest. */
  findings: NonNullable<Manifest["findings"]>;
  shrinkAccepted?: Manifest["shrinkAccepted"];
  acl?: Manifest["acl"];
}
