import { AppliedMutation } from "./mutations";
import { FAULT_KINDS, FaultKind, PersistentFailure } from "./plan";

export interface FaultEvent {
  seq: number;
  kind: FaultKind | "persistent";
  /** `METHOD path?query` of the request it hit. */
  request: string;
}

/** What a fault middleware did during a run: the suite reads it to judge the export. */
export interface FaultJournal {
  requests: number;
  injected: Record<FaultKind, number>;
  /** Answers of persistent failures (every attempt counts). */
  persistentHits: number;
  /** Persistent failures with their parameter resolved against the workspace. */
  persistent: PersistentFailure[];
  mutations: AppliedMutation[];
  planted: { oversizeNotebook?: string };
  /**
   * What intact (un-faulted, 200) listing answers showed the client: workspace paths from workspace/list,
   * job ids from jobs/list, userNames from SCIM Users pages. An object deleted mid-run that no listing ever showed could not be exported.
   */
  revealed: { paths: Set<string>; jobIds: Set<string>; userNames: Set<string> };
  /** For each 429 with Retry-After: ms until the same request came back (the client's wait). */
  retryAfterGapsMs: number[];
  /** The first events, for reproducing a seed by hand. */
  events: FaultEvent[];
}

export const MAX_EVENTS = 5000;

export function newJournal(): FaultJournal {
  const injected = {} as Record<FaultKind, number>;
  for (const k of FAULT_KINDS) injected[k] = 0;
  return {
    requests: 0,
    injected,
    persistentHits: 0,
    persistent: [],
    mutations: [],
    planted: {},
    revealed: { paths: new Set(), jobIds: new Set(), userNames: new Set() },
    retryAfterGapsMs: [],
    events: [],
  };
}

/** Faults that made an attempt fail (slow answers excluded). */
export function failuresInjected(j: FaultJournal): number {
  return FAULT_KINDS.filter((k) => k !== "slow").reduce((n, k) => n + j.injected[k], 0) + j.persistentHits;
}
