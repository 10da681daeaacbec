/**
 * Writing and sealing a built snapshot: descriptor files in canonical JSON, content files, and a manifest
 * whose counts match and whose seal lists every file written. Also the temporary directories tests write into.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KIND_NAMES, KindName, SCHEMA_VERSION } from "../../kinds/common";
import { AnyDescriptor } from "../../kinds/registry";
import { canonicalJson } from "../../snapshot/canonical-json";
import { descriptorFile, MANIFEST_FILE } from "../../snapshot/layout";
import { Manifest } from "../../snapshot/manifest";
import { sealOf } from "../../snapshot/seal";

export interface BuilderOptions {
  host?: string;
  exportedAt?: string;
  toolVersion?: string;
}

const written: string[] = [];

/** A fresh temporary directory, removed by `removeWrittenSnapshots()`. */
export function tmpDir(prefix = "dr-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  written.push(dir);
  return dir;
}

/** Removes every directory `tmpDir` / `write()` created (call it in afterAll). */
export function removeWrittenSnapshots(): void {
  for (const d of written.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** What a SnapshotBuilder holds, as `writeSnapshot` needs it. */
export interface SnapshotParts {
  items: ReadonlyMap<KindName, ReadonlyMap<string, AnyDescriptor>>;
  files: ReadonlyMap<string, Buffer>;
  skipped: Manifest["skipped"];
  secretsNeeded: Manifest["secretsNeeded"];
  manifestPatch: Partial<Manifest>;
  opts: BuilderOptions;
}

/** Writes the snapshot into `dir` and returns it. */
export function writeSnapshot(dir: string, parts: SnapshotParts): string {
  fs.mkdirSync(path.join(dir, "descriptors"), { recursive: true });
  const counts: Manifest["counts"] = {};
  for (const kind of KIND_NAMES) {
    const m = parts.items.get(kind);
    if (!m) continue;
    const items = [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const text = canonicalJson({ kind, schemaVersion: SCHEMA_VERSION, items });
    fs.writeFileSync(path.join(dir, descriptorFile(kind)), text);
    counts[kind] = items.length;
  }
  for (const [file, buf] of parts.files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), buf);
  }
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "databricks-dr", version: parts.opts.toolVersion ?? "0.1.0" },
    source: { host: parts.opts.host ?? "https://adb-1111111111111111.11.azuredatabricks.net" },
    exportedAt: parts.opts.exportedAt ?? "2026-11-25T06:00:00.000Z",
    counts,
    skipped: parts.skipped,
    secretsNeeded: parts.secretsNeeded,
    filters: {},
    // Every file written above, as the exporter seals them: a reader refuses anything else.
    files: sealOf(dir),
    ...parts.manifestPatch,
  };
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), canonicalJson(manifest));
  return dir;
}
