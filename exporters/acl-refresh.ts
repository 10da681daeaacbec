import { createHash } from "node:crypto";
import type { Manifest } from "../snapshot/manifest";
import type { AclState } from "../snapshot/state-index";

/** The previous snapshot's ACL history: state/index.json's `acl` with its manifest's `acl.readAt`. */
export type PreviousAcl = AclState & { readAt: Record<string, string> };

/**
 * Default N: every ACL is re-read at least every 7 incremental runs. Exports run daily (the CI templates'
 * schedule), so a permission change on an object that did not otherwise change reaches the snapshot within
 * a week, while each run re-reads about 1/7 (14%) of the ACLs: permissions GET is limited to 100 req/s, the
 * busiest family of a large export.
 */
export const DEFAULT_ACL_REFRESH_RUNS = 7;

/** The rolling slot (0..n-1) of a permissions id: a stable hash, so the share is the same across runs. */
export function slotOf(id: string, n: number): number {
  return createHash("sha1").update(id).digest().readUInt32BE(0) % n;
}

/**
 * Which ACLs an incremental run reads although their object did not change: those in this run's slot
 * (hash of the id mod N equals the run number mod N, about 1/N of them), those last read N or more runs
 * ago (N was raised, runs failed), and those never recorded. Everything else is reused as before.
 */
export class AclRefresh {
  readonly run: number;
  private readonly lastRead = new Map<string, number>();
  private readonly prev: PreviousAcl | undefined;
  private read = 0;
  private reused = 0;

  constructor(
    prev: PreviousAcl | undefined,
    readonly refreshRuns: number,
    private readonly exportedAt: string,
  ) {
    if (!Number.isInteger(refreshRuns) || refreshRuns < 1)
      throw new Error(`acl-refresh-runs: ${refreshRuns} is not a positive integer`);
    this.prev = prev;
    this.run = prev ? prev.run + 1 : 0;
  }

  /** Must this ACL be read now, even when its object did not change? */
  due(id: string): boolean {
    const last = this.prev?.lastRead[id];
    if (last === undefined) return true;
    const n = this.refreshRuns;
    return this.run - last >= n || slotOf(id, n) === this.run % n;
  }

  /** The ACL of `id` was read in this run (`fresh`) or reused from the previous snapshot. */
  record(id: string, fresh: boolean): void {
    const last = fresh ? undefined : this.prev?.lastRead[id];
    this.lastRead.set(id, last ?? this.run);
    if (last === undefined) this.read++;
    else this.reused++;
  }

  /** What state/index.json keeps: each ACL's last read, by run number (the same bytes whatever the date). */
  state(): AclState {
    const ids = [...this.lastRead.keys()].sort();
    return { run: this.run, lastRead: Object.fromEntries(ids.map((id) => [id, this.lastRead.get(id)!])) };
  }

  /** The manifest's summary: N, this run, ACLs read and reused, when the runs still referenced ran. */
  summary(): NonNullable<Manifest["acl"]> {
    const readAt: Record<string, string> = {};
    for (const r of [...new Set(this.lastRead.values())].sort((a, b) => a - b)) {
      const at = r === this.run ? this.exportedAt : this.prev?.readAt[String(r)];
      if (at) readAt[String(r)] = at;
    }
    const times = Object.values(readAt).sort((a, b) => Date.parse(a) - Date.parse(b));
    return {
      refreshRuns: this.refreshRuns,
      run: this.run,
      read: this.read,
      reused: this.reused,
      oldestReadAt: times[0],
      readAt,
    };
  }
}
