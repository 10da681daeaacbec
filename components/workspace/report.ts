import { KIND_NAMES, KindName } from "../../kinds/common";
import type { DataToReplicate } from "../mapping/uc-deep-clone";

export interface Skip {
  kind: KindName;
  id: string;
  reason: string;
}

/** Something a person must still do for the secondary to be ready. */
export interface ManualAction {
  kind: KindName | "mount" | "config";
  id: string;
  action: string;
}

export interface KindCount {
  inSnapshot: number;
  replicated: number;
  skipped: number;
  /** Left out on purpose by include/exclude filters. */
  excluded: number;
}

/**
 * What the run did with every descriptor: replicated, skipped with a reason, or excluded by config, plus
 * the manual actions. Exported as stack outputs and read by the tests ("every descriptor became a resource
 * or a reported skip").
 */
export class ReplicaReport {
  readonly skipped: Skip[] = [];
  readonly excluded: Skip[] = [];
  readonly actions: ManualAction[] = [];
  /** Unity Catalog managed data the stack cannot register: the tables and volumes to copy, with the remedy. */
  readonly dataToReplicate: DataToReplicate[] = [];
  readonly counts = Object.fromEntries(
    KIND_NAMES.map((k) => [k, { inSnapshot: 0, replicated: 0, skipped: 0, excluded: 0 }]),
  ) as Record<KindName, KindCount>;

  seen(kind: KindName, n = 1): void {
    this.counts[kind].inSnapshot += n;
  }
  replicated(kind: KindName, n = 1): void {
    this.counts[kind].replicated += n;
  }
  skip(kind: KindName, id: string, reason: string): void {
    this.skipped.push({ kind, id, reason });
    this.counts[kind].skipped++;
  }
  exclude(kind: KindName, id: string, reason: string): void {
    this.excluded.push({ kind, id, reason });
    this.counts[kind].excluded++;
  }
  action(kind: ManualAction["kind"], id: string, action: string): void {
    this.actions.push({ kind, id, action });
  }
  notes(kind: KindName, id: string, notes: string[]): void {
    for (const n of notes) this.action(kind, id, n);
  }

  /** Manual actions, skips first (each is something not replicated), in a stable order. */
  manualActions(): ManualAction[] {
    const fromSkips = this.skipped.map((s) => ({
      kind: s.kind,
      id: s.id,
      action: `not replicated: ${s.reason}`,
    }));
    return [...fromSkips, ...this.actions];
  }
}
