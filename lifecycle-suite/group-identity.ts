/**
 * Groups keep their identity (issue 9): each custom group of the primary is ONE group of the secondary
 * emulator, the one carrying its marker in externalId, and the same SCIM id from step to step, through
 * renames, re-batching and threshold crossings. Read from the secondary emulator's own state and the
 * primary's export, never from what the stack says it did.
 */
import { readSnapshot } from "../snapshot/reader";
import { STACK_SOURCE_TAG } from "../verify/source-marker";
import type { StepInput, Tracker } from "./checks";

/** Groups every workspace has: looked up by the stack, never created or marked. */
const BUILTIN = new Set(["admins", "users"]);

/** Per sequence (its tracker): primary group id -> the secondary SCIM id it had at the last step. */
const seen = new WeakMap<Tracker, Map<string, string>>();

export function checkGroupIdentity(s: StepInput): string[] {
  const v: string[] = [];
  const before = seen.get(s.tracker) ?? new Map<string, string>();
  const now = new Map<string, string>();
  const secondaryByName = new Map(
    readSnapshot(s.secondaryDir).descriptors.group.map((g) => [g.displayName, g.id] as const),
  );
  const groups = [...s.secondary.state.groups.values()];
  for (const g of readSnapshot(s.primaryDir).descriptors.group) {
    if (BUILTIN.has(g.displayName)) continue;
    // The marker as the stack's README and verify spell it: the primary's externalId, else the source id.
    const marker = g.externalId ?? `${STACK_SOURCE_TAG}:${g.id}`;
    const marked = groups.filter((x) => x.externalId === marker).map((x) => String(x.id));
    const what = `group ${g.displayName} (${g.id})`;
    // Its secondary group: the one of its name (what verify matched it to), the same SCIM id as before.
    const named = secondaryByName.get(g.displayName);
    if (marked.length !== 1)
      v.push(`${what}: ${marked.length} secondary groups carry its marker (${marked.join(", ")})`);
    else if (named !== undefined && named !== marked[0])
      v.push(`${what}: the secondary group of its name is ${named}, its marker is on ${marked[0]}`);
    const id = named ?? marked[0];
    if (id === undefined) continue;
    const was = before.get(g.id);
    if (was !== undefined && was !== id)
      v.push(`${what} changed identity in the secondary (${was} -> ${id})`);
    now.set(g.id, id);
  }
  seen.set(s.tracker, now);
  return v;
}
