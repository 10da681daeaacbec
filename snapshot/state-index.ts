import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { z } from "zod";
import { KindName, kindNameSchema } from "../kinds/common";
import { resolveInside, STATE_INDEX_FILE } from "./layout";
import { Manifest } from "./manifest";

/**
 * `state/index.json`: for each kind, the objects this export read successfully and the signature of the
 * version it read (a workspace object's id and modified_at, a hash of a job's list entry ...). The next
 * export reuses an object whose signature has not changed instead of reading it again. Sorted, canonical:
 * two exports of the same workspace write the same bytes.
 */
/**
 * When each permissions target's ACL was last read: `run` counts the exports of this snapshot, `lastRead`
 * is the run that last read each ACL (by permissions id); the manifest's `acl.readAt` dates the runs.
 * Incremental exports reuse an unchanged object's ACL, so without this a permission change would wait
 * for the next --full (exporters/acl-refresh.ts bounds it).
 */
export const aclStateSchema = z.object({
  run: z.number().int().nonnegative(),
  lastRead: z.record(z.string(), z.number().int().nonnegative()),
});
export type AclState = z.infer<typeof aclStateSchema>;

export const stateIndexSchema = z.object({
  version: z.literal(1),
  signatures: z.partialRecord(kindNameSchema, z.record(z.string(), z.string())),
  acl: aclStateSchema.optional(),
});
export type StateIndex = z.infer<typeof stateIndexSchema>;

/** The previous snapshot's index, or undefined (with why) when it is absent, edited or unreadable. */
export function readStateIndex(root: string, manifest: Manifest): { index?: StateIndex; why?: string } {
  const file = resolveInside(root, STATE_INDEX_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch {
    return { why: `${STATE_INDEX_FILE} is missing` };
  }
  const expected = manifest.files[STATE_INDEX_FILE]?.sha256;
  if (!expected || createHash("sha256").update(raw).digest("hex") !== expected)
    return { why: `${STATE_INDEX_FILE} does not match the sha256 in manifest.json` };
  try {
    const parsed = stateIndexSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { index: parsed.data } : { why: `${STATE_INDEX_FILE} is not valid` };
  } catch {
    return { why: `${STATE_INDEX_FILE} is not valid JSON` };
  }
}

/** Collects signatures during a run; ids seen twice in a kind are dropped (they cannot be reused safely). */
export class StateIndexBuilder {
  private readonly sigs = new Map<KindName, Map<string, string>>();
  private readonly dropped = new Set<string>();

  set(kind: KindName, id: string, sig: string): void {
    let m = this.sigs.get(kind);
    if (!m) this.sigs.set(kind, (m = new Map()));
    m.set(id, sig);
  }
  drop(kind: KindName, id: string): void {
    this.dropped.add(`${kind}\u0000${id}`);
  }
  /** Only kinds that were exported (`kinds`) are kept. */
  build(kinds: readonly KindName[]): StateIndex {
    const signatures: StateIndex["signatures"] = {};
    for (const kind of kinds) {
      const m = this.sigs.get(kind);
      if (!m) continue;
      const ids = [...m.keys()].filter((id) => !this.dropped.has(`${kind}\u0000${id}`)).sort();
      if (ids.length) signatures[kind] = Object.fromEntries(ids.map((id) => [id, m.get(id)!]));
    }
    return { version: 1, signatures };
  }
}
