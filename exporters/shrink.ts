import * as fs from "node:fs";
import * as path from "node:path";
import { KindName } from "../kinds/common";
import { JOURNAL_FILE, MANIFEST_FILE } from "../snapshot/layout";
import type { SnapshotWriter } from "../snapshot/writer";

/** Counts per kind, as manifest.json holds them. */
export type Counts = Partial<Record<KindName, number>>;

/** The default share of all objects an export may lose against the snapshot it replaces: 10%. */
export const DEFAULT_SHRINK_THRESHOLD = 0.1;

/** The exit code of an export refused as a shrink (0 ok, 1 error, 2 bad input, 130 interrupted). */
export const SHRINK_EXIT_CODE = 3;

/** The environment variable CI sets to accept a shrink: `1`/`true`, or the reason itself. */
export const ALLOW_SHRINK_ENV = "DATABRICKS_DR_ALLOW_SHRINK";

export interface ShrinkPolicy {
  /** Share of all objects (0..1) that may go without a reason; default DEFAULT_SHRINK_THRESHOLD. */
  threshold?: number;
  /** Accepts the shrink: the reason, recorded in the manifest. */
  allow?: string;
}

export interface Shrink {
  /** Kinds that had objects and now have none. */
  emptied: { kind: KindName; before: number }[];
  before: number;
  after: number;
  threshold: number;
}

const sum = (c: Counts) => Object.values(c).reduce<number>((a, b) => a + (b ?? 0), 0);

/**
 * What an export would lose against the snapshot it replaces, when that is more than it may lose without a
 * reason: every object of a kind (a kind left out, unavailable or emptied), or more than `threshold` of all
 * objects. Undefined when the new counts are acceptable.
 */
export function shrinkOf(
  before: Counts,
  after: Counts,
  threshold = DEFAULT_SHRINK_THRESHOLD,
): Shrink | undefined {
  const emptied = (Object.entries(before) as [KindName, number | undefined][])
    .filter(([kind, n]) => (n ?? 0) > 0 && (after[kind] ?? 0) === 0)
    .map(([kind, n]) => ({ kind, before: n ?? 0 }))
    .sort((a, b) => (a.kind < b.kind ? -1 : 1));
  const b = sum(before);
  const a = sum(after);
  const tooMuch = b > 0 && (b - a) / b > threshold;
  return emptied.length > 0 || tooMuch ? { emptied, before: b, after: a, threshold } : undefined;
}

/** One line naming kinds and counts: `job 12 → 0, cluster 3 → 0; 90 → 75 objects (-16.7%, more than 10%)`. */
export function describeShrink(s: Shrink, after: Counts): string {
  const parts = s.emptied.map((e) => `${e.kind} ${e.before} → ${after[e.kind] ?? 0}`);
  const lost = s.before === 0 ? 0 : ((s.before - s.after) / s.before) * 100;
  const total = `${s.before} → ${s.after} objects (-${lost.toFixed(1)}%, threshold ${+(s.threshold * 100).toFixed(2)}%)`;
  return parts.length ? `${parts.join(", ")}; ${total}` : total;
}

/**
 * The counts of the snapshot at `dir`, read loosely (only `counts`): the guard must work whatever else in
 * its manifest a newer or older version wrote. Undefined when there is no snapshot there.
 */
export function countsAt(dir: string): Counts | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8");
  } catch {
    return undefined;
  }
  try {
    const counts = (JSON.parse(text) as { counts?: unknown }).counts;
    if (!counts || typeof counts !== "object") return undefined;
    return Object.fromEntries(
      Object.entries(counts).filter(([, n]) => typeof n === "number" && Number.isFinite(n)),
    ) as Counts;
  } catch {
    return undefined;
  }
}

/** Where a refused export's snapshot waits for review: `.<out>.work/rejected` (git ignores the work dir). */
export const REJECTED_DIR = "rejected";

/**
 * Moves a finished run's snapshot (manifest written) out of the way for review, replacing an earlier one
 * there, instead of committing it; the snapshot at `out` is not touched. Returns where it is.
 */
export async function setAside(writer: SnapshotWriter): Promise<string> {
  writer.suspend();
  const review = path.join(writer.work, REJECTED_DIR);
  await fs.promises.rm(path.join(writer.tmp, JOURNAL_FILE), { force: true });
  await fs.promises.rm(review, { recursive: true, force: true });
  await fs.promises.rename(writer.tmp, review);
  return review;
}

/** The reason from DATABRICKS_DR_ALLOW_SHRINK: undefined when unset, empty, `0` or `false`. */
export function allowFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env[ALLOW_SHRINK_ENV]?.trim();
  if (!v || v === "0" || v.toLowerCase() === "false") return undefined;
  return v === "1" || v.toLowerCase() === "true" ? `${ALLOW_SHRINK_ENV}=${v}` : v;
}

/** The export would replace a snapshot with less; nothing was replaced, the new one is at `review`. */
export class ShrinkRefused extends Error {
  readonly exitCode = SHRINK_EXIT_CODE;
  constructor(
    readonly shrink: Shrink,
    readonly out: string,
    readonly review: string,
    after: Counts,
  ) {
    super(
      `refusing to replace ${out} with less: ${describeShrink(shrink, after)}. The previous snapshot is kept;` +
        ` the new one is in ${review} for review. Accept with --allow-shrink "<reason>"` +
        ` (or ${ALLOW_SHRINK_ENV}=<reason>).`,
    );
    this.name = "ShrinkRefused";
  }
}
