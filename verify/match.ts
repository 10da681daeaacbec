import { KIND_NAMES, KindName } from "../kinds/common";
import { AnyDescriptor } from "../kinds/registry";
import { Snapshot } from "../snapshot/reader";
import { KeyLookup, VERIFY_KINDS } from "./kinds";

export interface KeyedDescriptor {
  id: string;
  key: string;
  descriptor: AnyDescriptor;
}

/** One snapshot's objects by natural key, and the key each source id got (to rewrite references). */
export interface SnapshotIndex {
  byKey: { [K in KindName]: Map<string, KeyedDescriptor> };
  keyOf: KeyLookup;
}

/** Numeric ids (job ids) in numeric order, others as strings: the order objects were created in. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Gives every descriptor its natural key. Objects sharing a name are told apart by creation order
 * (`nightly`, `nightly #2`, ...), the only order both workspaces share. Kinds are keyed in registry order,
 * so permissions (last) can name the object they are on by that object's key.
 */
export function indexSnapshot(snap: Snapshot): SnapshotIndex {
  const ids = new Map<KindName, Map<string, string>>();
  const keyOf: KeyLookup = (kind, id) => ids.get(kind)?.get(id);
  const byKey = {} as SnapshotIndex["byKey"];
  for (const kind of KIND_NAMES) {
    const spec = VERIFY_KINDS[kind] as { naturalKey(d: AnyDescriptor, k: KeyLookup): string };
    const items = [...(snap.descriptors[kind] as AnyDescriptor[])].sort((a, b) => compareIds(a.id, b.id));
    const keys = new Map<string, KeyedDescriptor>();
    const idToKey = new Map<string, string>();
    for (const d of items) {
      const base = spec.naturalKey(d, keyOf);
      let key = base;
      for (let n = 2; keys.has(key); n++) key = `${base} #${n}`;
      keys.set(key, { id: d.id, key, descriptor: d });
      idToKey.set(d.id, key);
    }
    byKey[kind] = keys;
    ids.set(kind, idToKey);
  }
  return { byKey, keyOf };
}
