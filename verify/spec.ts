import type { KindName } from "../kinds/common";
import type { Descriptor } from "../kinds/registry";
import type { DiffShape } from "./diff";
import type { ExpectedRule, SecondaryCheck } from "./rules";

/** The natural key another object of `kind` with source id `id` got in the same snapshot, if it is there. */
export type KeyLookup = (kind: KindName, id: string) => string | undefined;

/** How verify recognises, normalises and judges objects of one kind. */
export interface KindVerifySpec<K extends KindName> extends DiffShape {
  /** What names the same object in both workspaces; duplicates get ` #2`, ` #3`... by id order. */
  naturalKey(d: Descriptor<K>, keyOf: KeyLookup): string;
  /** Ids the workspace assigns (job ids, cluster ids): they differ by design and are not compared. */
  assignedIds: boolean;
  /** Fields holding a JSON document as a string: compared parsed, so key order and spacing do not count. */
  jsonStringFields?: readonly string[];
  expected?: readonly ExpectedRule[];
  checks?: readonly SecondaryCheck[];
  /** The kind of the object this one belongs to: missing with it when that kind is not replicated. */
  belongsTo?(d: Descriptor<K>): KindName | null;
  /** One spelling for what the API accepts in several (after references are rewritten; on a copy). */
  canonical?(d: Record<string, unknown>): Record<string, unknown>;
  /**
   * Why a secondary lacks this primary object by design, as the README documents it (a manual action, data
   * copied apart), or undefined: then a missing object counts. Written from the README, not the stack's code.
   */
  missingByDesign?(d: Descriptor<K>): string | undefined;
  /** Why the stack adds this secondary object that has no primary counterpart (README), or undefined. */
  addedByStack?(key: string, d: Descriptor<K>): string | undefined;
}
