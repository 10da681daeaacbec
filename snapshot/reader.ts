import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { KindName, SCHEMA_VERSION } from "../kinds/common";
import { Descriptor, KINDS } from "../kinds/registry";
import { DESCRIPTORS_DIR, descriptorFile, MANIFEST_FILE, resolveInside } from "./layout";
import { Manifest, manifestSchema } from "./manifest";
import { issuePath, SnapshotError } from "./errors";

export interface Snapshot {
  root: string;
  manifest: Manifest;
  /** Descriptors per kind, in file order (sorted by id). Kinds absent from the snapshot are empty. */
  descriptors: { [K in KindName]: Descriptor<K>[] };
}

function readJson(root: string, rel: string): { raw: string; value: unknown } {
  const file = resolveInside(root, rel);
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new SnapshotError(rel, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return { raw, value: JSON.parse(raw) };
  } catch (e) {
    throw new SnapshotError(rel, `is not valid JSON (${(e as Error).message})`);
  }
}

export function readManifest(root: string): Manifest {
  const { value } = readJson(root, MANIFEST_FILE);
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(MANIFEST_FILE, issue.message, undefined, issuePath(issue));
  }
  if (parsed.data.schemaVersion > SCHEMA_VERSION)
    throw new SnapshotError(
      MANIFEST_FILE,
      `schemaVersion ${parsed.data.schemaVersion} is newer than this tool understands (${SCHEMA_VERSION})`,
      undefined,
      "schemaVersion",
    );
  return parsed.data;
}

const fileSchema = z.object({
  kind: z.string(),
  schemaVersion: z.number().int(),
  items: z.array(z.unknown()),
});

/** Loads and validates one kind's descriptors; every error names the file, the object and the field. */
export function readKind<K extends KindName>(root: string, kind: K, manifest?: Manifest): Descriptor<K>[] {
  const rel = descriptorFile(kind);
  if (!fs.existsSync(resolveInside(root, rel))) return [];
  const { raw, value } = readJson(root, rel);
  const expected = manifest?.hashes[rel];
  if (expected && createHash("sha256").update(raw).digest("hex") !== expected)
    throw new SnapshotError(
      rel,
      "content does not match the sha256 recorded in manifest.json (edited or truncated)",
    );
  const envelope = fileSchema.safeParse(value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new SnapshotError(rel, issue.message, undefined, issuePath(issue));
  }
  if (envelope.data.kind !== kind)
    throw new SnapshotError(rel, `holds kind "${envelope.data.kind}", expected "${kind}"`, undefined, "kind");
  const schema = KINDS[kind].schema as unknown as z.ZodType<Descriptor<K>>;
  const seen = new Set<string>();
  return envelope.data.items.map((item, i) => {
    const id =
      item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string"
        ? (item as { id: string }).id
        : `#${i}`;
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SnapshotError(rel, issue.message, id, issuePath(issue) || "(object)");
    }
    if (seen.has(id)) throw new SnapshotError(rel, "duplicate id", id, "id");
    seen.add(id);
    return parsed.data;
  });
}

export function readSnapshot(root: string, opts: { kinds?: readonly KindName[] } = {}): Snapshot {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
    throw new SnapshotError(root, "is not a snapshot directory");
  const manifest = readManifest(root);
  const descriptors = {} as Snapshot["descriptors"];
  for (const kind of Object.keys(KINDS) as KindName[]) {
    (descriptors as Record<KindName, unknown[]>)[kind] =
      !opts.kinds || opts.kinds.includes(kind) ? readKind(root, kind, manifest) : [];
  }
  return { root: path.resolve(root), manifest, descriptors };
}

export { DESCRIPTORS_DIR };
