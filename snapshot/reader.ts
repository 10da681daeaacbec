import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { ContentRef, KindName, SCHEMA_VERSION } from "../kinds/common";
import { Descriptor, KINDS } from "../kinds/registry";
import { CONTENT_DIR, DESCRIPTORS_DIR, descriptorFile, MANIFEST_FILE, resolveInside } from "./layout";
import { Manifest, manifestSchema } from "./manifest";
import { issuePath, SnapshotError } from "./errors";
import { verifySeal } from "./seal";

export interface Snapshot {
  root: string;
  manifest: Manifest;
  /** Descriptors per kind, in file order (sorted by id). Kinds absent from the snapshot are empty. */
  descriptors: { [K in KindName]: Descriptor<K>[] };
}

function readJson(root: string, rel: string): { raw: string; value: unknown } {
  const file = resolveInside(root, rel);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (st && !st.isFile())
    throw new SnapshotError(rel, "is not a regular file (a symbolic link or a directory)");
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
    const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
    // An older snapshot fails on the fields it lacks: say why instead.
    if (typeof version === "number" && version < SCHEMA_VERSION) throw olderThanTool(version);
    throw new SnapshotError(MANIFEST_FILE, issue.message, undefined, issuePath(issue));
  }
  if (parsed.data.schemaVersion > SCHEMA_VERSION)
    throw new SnapshotError(
      MANIFEST_FILE,
      `schemaVersion ${parsed.data.schemaVersion} is newer than this tool understands (${SCHEMA_VERSION})`,
      undefined,
      "schemaVersion",
    );
  if (parsed.data.schemaVersion < SCHEMA_VERSION) throw olderThanTool(parsed.data.schemaVersion);
  return parsed.data;
}

/** What a snapshot of an older schema lacks (kinds/common.ts SCHEMA_VERSION), said in its refusal. */
const SINCE: Record<number, string> = {
  2: "its groups are keyed by displayName, now by the primary's SCIM id",
};

function olderThanTool(version: number): SnapshotError {
  const why = SINCE[version] ? `: ${SINCE[version]}` : "";
  return new SnapshotError(
    MANIFEST_FILE,
    `schemaVersion ${version} is older than this tool reads (${SCHEMA_VERSION})${why}; export the snapshot again`,
    undefined,
    "schemaVersion",
  );
}

const fileSchema = z.object({
  kind: z.string(),
  schemaVersion: z.number().int(),
  items: z.array(z.unknown()),
});

/**
 * Loads and validates one kind's descriptors of a snapshot whose seal was verified (`readSnapshot`): the
 * file is the one the manifest lists, of this kind and schema version, with as many objects as it counts.
 * Every error names the file, the object and the field.
 */
export function readKind<K extends KindName>(root: string, kind: K, manifest: Manifest): Descriptor<K>[] {
  const rel = descriptorFile(kind);
  const seal = manifest.files[rel];
  const counted = manifest.counts[kind];
  if (!seal) {
    if (counted === undefined) return [];
    throw new SnapshotError(
      rel,
      `is not listed in ${MANIFEST_FILE}, which counts ${counted} ${kind} objects`,
    );
  }
  const { raw, value } = readJson(root, rel);
  if (createHash("sha256").update(raw).digest("hex") !== seal.sha256)
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
  if (envelope.data.schemaVersion !== manifest.schemaVersion)
    throw new SnapshotError(
      rel,
      `schemaVersion ${envelope.data.schemaVersion} differs from the snapshot's (${manifest.schemaVersion} in ${MANIFEST_FILE})`,
      undefined,
      "schemaVersion",
    );
  if (counted !== envelope.data.items.length)
    throw new SnapshotError(
      rel,
      `holds ${envelope.data.items.length} objects, ${MANIFEST_FILE} counts ${counted ?? "none"}`,
      undefined,
      "items",
    );
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
    if (KINDS[kind].hasContent)
      checkContentRef(rel, id, (parsed.data as { content: ContentRef }).content, manifest);
    return parsed.data;
  });
}

/** A descriptor's content file is one the manifest seals, with the same sha256 and size. */
function checkContentRef(rel: string, id: string, c: ContentRef, manifest: Manifest): void {
  if (!c.file.startsWith(`${CONTENT_DIR}/`))
    throw new SnapshotError(rel, `names ${c.file}, which is not under ${CONTENT_DIR}/`, id, "content.file");
  const seal = manifest.files[c.file];
  if (!seal)
    throw new SnapshotError(rel, `names ${c.file}, which ${MANIFEST_FILE} does not list`, id, "content.file");
  if (seal.sha256 !== c.sha256 || seal.size !== c.size)
    throw new SnapshotError(
      rel,
      `differs from ${MANIFEST_FILE}'s sha256 and size of ${c.file}`,
      id,
      "content.sha256",
    );
}

/**
 * Reads a snapshot the way every consumer must (stack, verify, report, pause-jobs, check): the manifest,
 * then the seal (exactly the files it lists, regular, with their bytes), then every kind's descriptors
 * validated deeply. Any problem throws a SnapshotError naming the file; nothing is returned half-read.
 */
export function readSnapshot(root: string, opts: { kinds?: readonly KindName[] } = {}): Snapshot {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
    throw new SnapshotError(root, "is not a snapshot directory");
  const manifest = readManifest(root);
  verifySeal(root, manifest);
  const descriptors = {} as Snapshot["descriptors"];
  for (const kind of Object.keys(KINDS) as KindName[]) {
    (descriptors as Record<KindName, unknown[]>)[kind] =
      !opts.kinds || opts.kinds.includes(kind) ? readKind(root, kind, manifest) : [];
  }
  return { root: path.resolve(root), manifest, descriptors };
}

export { DESCRIPTORS_DIR };
