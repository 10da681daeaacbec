/**
 * Builds valid snapshot directories programmatically for tests: descriptors checked against the registry's
 * schemas as they are added, content files with real sha256, and `write()` (in snapshot-write.ts) seals them
 * into a directory `readSnapshot` accepts. The descriptor factories (descriptor-factories.ts) are re-exported
 * here; the sample world a builder usually starts from is `sampleWorld()` (sample-world.ts).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { KIND_NAMES, KindName, Ref } from "../../kinds/common";
import { AnyDescriptor, Descriptor, KINDS } from "../../kinds/registry";
import { permissionsId } from "../../kinds/permissions/schema";
import { NOTEBOOK_EXTENSIONS } from "../../snapshot/layout";
import { Manifest } from "../../snapshot/manifest";
import { setAt } from "../../verify/paths";
import { BuilderOptions, tmpDir, writeSnapshot } from "./snapshot-write";

export type { BuilderOptions } from "./snapshot-write";
export { removeWrittenSnapshots, tmpDir } from "./snapshot-write";
export * from "./descriptor-factories";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

export class SnapshotBuilder {
  private items = new Map<KindName, Map<string, AnyDescriptor>>();
  private files = new Map<string, Buffer>();
  private skippedList: Manifest["skipped"] = [];
  private secrets: Manifest["secretsNeeded"] = [];
  private manifestPatch: Partial<Manifest> = {};

  constructor(private opts: BuilderOptions = {}) {}

  /** Adds (or replaces, by id) descriptors; each is validated now, so a bad fixture fails where it is made. */
  add<K extends KindName>(kind: K, ...items: Descriptor<K>[]): this {
    const byId = this.items.get(kind) ?? new Map<string, AnyDescriptor>();
    for (const item of items) {
      const parsed = (KINDS[kind].schema as z.ZodType).safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `snapshot-builder: ${kind} ${JSON.stringify((item as { id?: unknown }).id)}: ` +
            `${issue.path.join(".")}: ${issue.message}`,
        );
      }
      byId.set((parsed.data as AnyDescriptor).id, parsed.data as AnyDescriptor);
    }
    this.items.set(kind, byId);
    return this;
  }

  get<K extends KindName>(kind: K, id: string): Descriptor<K> | undefined {
    return this.items.get(kind)?.get(id) as Descriptor<K> | undefined;
  }

  list<K extends KindName>(kind: K): Descriptor<K>[] {
    return [...(this.items.get(kind)?.values() ?? [])] as Descriptor<K>[];
  }

  /** Changes one descriptor: `fn` edits the copy it is given in place or returns a replacement. */
  update<K extends KindName>(kind: K, id: string, fn: (d: Descriptor<K>) => Descriptor<K> | void): this {
    const cur = this.get(kind, id);
    if (!cur) throw new Error(`snapshot-builder: no ${kind} ${JSON.stringify(id)} to update`);
    const copy = structuredClone(cur);
    const next = fn(copy) ?? copy;
    if (next.id !== id) this.remove(kind, id);
    return this.add(kind, next);
  }

  remove(kind: KindName, id: string): this {
    this.items.get(kind)?.delete(id);
    return this;
  }

  /** A notebook and its SOURCE content file (`content/workspace/<path>.<ext>`). */
  notebook(p: string, source: string, language: keyof typeof NOTEBOOK_EXTENSIONS = "PYTHON"): this {
    const content = this.content(`content/workspace${p}${NOTEBOOK_EXTENSIONS[language]}`, source);
    return this.add("notebook", { id: p, path: p, language, content });
  }

  workspaceFile(p: string, bytes: string | Buffer): this {
    return this.add("workspace-file", {
      id: p,
      path: p,
      content: this.content(`content/workspace${p}`, bytes),
    });
  }

  /** A DBFS file by its `dbfs:/` id, as init scripts and libraries name it. */
  dbfsFile(id: string, bytes: string | Buffer): this {
    const p = id.replace(/^dbfs:/, "");
    return this.add("dbfs-file", { id, path: p, content: this.content(`content/dbfs${p}`, bytes) });
  }

  globalInitScript(name: string, script: string, opts: { enabled?: boolean; position?: number } = {}): this {
    const content = this.content(`content/global-init-scripts/${name}.sh`, script);
    return this.add("global-init-script", {
      id: name,
      name,
      enabled: opts.enabled ?? true,
      position: opts.position ?? 0,
      content,
    });
  }

  /** Records a content file and returns its ContentRef. */
  content(file: string, bytes: string | Buffer): { file: string; sha256: string; size: number } {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "utf8");
    this.files.set(file, buf);
    return { file, sha256: sha256(buf), size: buf.length };
  }

  skip(kind: KindName, id: string, reason: string): this {
    this.skippedList.push({ kind, id, reason });
    return this;
  }

  secretNeeded(scope: string, key: string): this {
    this.secrets.push({ scope, key });
    return this;
  }

  /** Overrides manifest fields (host, exportedAt, filters, changes...). */
  manifest(patch: Partial<Manifest>): this {
    const { skipped, secretsNeeded, ...rest } = patch;
    // The lists stay open to skip() and secretNeeded() after a patch.
    if (skipped) this.skippedList = structuredClone(skipped);
    if (secretsNeeded) this.secrets = structuredClone(secretsNeeded);
    this.manifestPatch = { ...this.manifestPatch, ...rest };
    return this;
  }

  clone(): SnapshotBuilder {
    const b = new SnapshotBuilder({ ...this.opts });
    for (const [k, m] of this.items)
      b.items.set(k, new Map([...m].map(([id, d]) => [id, structuredClone(d)])));
    b.files = new Map(this.files);
    b.skippedList = structuredClone(this.skippedList);
    b.secrets = structuredClone(this.secrets);
    b.manifestPatch = structuredClone(this.manifestPatch);
    return b;
  }

  /** Writes the snapshot into `dir` (a new temporary directory by default) and returns it. */
  write(dir: string = tmpDir("snap-")): string {
    return writeSnapshot(dir, {
      items: this.items,
      files: this.files,
      skipped: this.skippedList,
      secretsNeeded: this.secrets,
      manifestPatch: this.manifestPatch,
      opts: this.opts,
    });
  }
}

/** Kinds whose ids the workspace assigns: a replica gets new ones. */
export const ASSIGNED_ID_KINDS: readonly KindName[] = [
  "cluster-policy",
  "instance-pool",
  "cluster",
  "job",
  "sql-warehouse",
];

/**
 * Gives objects of `kinds` new ids, as another workspace would, and rewrites every reference to them
 * (found through the registry's `references()`), permissions ids included. Returns the old → new map.
 */
export function reassignIds(
  b: SnapshotBuilder,
  newId: (kind: KindName, oldId: string) => string,
  kinds: readonly KindName[] = ASSIGNED_ID_KINDS,
): Map<string, string> {
  const map = new Map<string, string>();
  const key = (k: KindName, id: string) => `${k}\u0000${id}`;
  for (const k of kinds) for (const d of b.list(k)) map.set(key(k, d.id), newId(k, d.id));
  for (const kind of KIND_NAMES) {
    for (const d of b.list(kind)) {
      const copy = structuredClone(d) as AnyDescriptor & Record<string, unknown>;
      const refs = (KINDS[kind].references as (x: AnyDescriptor) => Ref[])(d);
      for (const r of refs) {
        const to = map.get(key(r.kind, r.id));
        if (to !== undefined) setAt(copy, r.field, to);
      }
      if (kind === "permissions") {
        const p = copy as Descriptor<"permissions">;
        p.id = permissionsId(p.objectType, p.objectId);
      } else copy.id = map.get(key(kind, d.id)) ?? d.id;
      b.remove(kind, d.id).add(kind, copy as Descriptor<typeof kind>);
    }
  }
  return new Map([...map].map(([k, v]) => [k.split("\u0000")[1], v]));
}
