/**
 * The tests' one sample world: the exporter's snapshot of the emulator's `sample` seed (emulator/seeds/
 * sample.ts and every sample-<family>.ts part it composes). Snapshot builders, report, verify and stack tests
 * start from it instead of a hand-written copy, so a family added to the seed reaches them all.
 *
 * It is exported once and cached in the temp dir under a hash of the source that produces it (every
 * non-test .ts file of the project): a change to a seed, an exporter or a kind exports it again, and jest
 * workers, test files and runs in between share one export.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KIND_NAMES, KindName } from "../../kinds/common";
import { Descriptor } from "../../kinds/registry";
import { descriptorFile, MANIFEST_FILE } from "../../snapshot/layout";
import { Manifest } from "../../snapshot/manifest";
import { SnapshotBuilder } from "./snapshot-builder";
import { BuilderOptions } from "./snapshot-write";

const ROOT = path.resolve(__dirname, "../..");
const CACHE = path.join(os.tmpdir(), "databricks-dr-sample-world");
const SKIP_DIRS = new Set(["node_modules", "tests", "tmp", "dist", "coverage", ".git"]);

/** Every file the world's hash covers: the project's .ts source outside tests/, this helper and its script. */
export function sampleWorldSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(abs);
      } else if (e.name.endsWith(".ts")) out.push(abs);
    }
  };
  walk(ROOT);
  out.push(path.join(__dirname, "sample-world.ts"), path.join(__dirname, "sample-world-export.ts"));
  return out.map((f) => path.relative(ROOT, f).split(path.sep).join("/")).sort();
}

export function sampleWorldHash(): string {
  const h = createHash("sha256");
  for (const f of sampleWorldSources())
    h.update(f)
      .update("\0")
      .update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest("hex").slice(0, 16);
}

let dirOfThisProcess: string | undefined;

/** The sealed snapshot directory of the sample world (exported now if the cache has none for this source). */
export function sampleWorldDir(): string {
  if (dirOfThisProcess) return dirOfThisProcess;
  const dir = path.join(CACHE, sampleWorldHash());
  if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) {
    fs.mkdirSync(CACHE, { recursive: true });
    const tmp = fs.mkdtempSync(`${dir}.tmp-`);
    const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    execFileSync(
      process.execPath,
      [tsx, path.join(__dirname, "sample-world-export.ts"), path.join(tmp, "s")],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    // Another worker may have got there first: its export is the same bytes, keep it.
    try {
      fs.renameSync(path.join(tmp, "s"), dir);
    } catch (e) {
      if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) throw e;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    pruneOldWorlds(path.basename(dir));
  }
  return (dirOfThisProcess = dir);
}

/** Worlds of older source, a day old: removed (a run on other source may still be reading a newer one). */
function pruneOldWorlds(keep: string): void {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of fs.readdirSync(CACHE))
    if (name !== keep && fs.statSync(path.join(CACHE, name)).mtimeMs < dayAgo)
      fs.rmSync(path.join(CACHE, name), { recursive: true, force: true });
}

/** Manifest fields the builder writes itself; the others (filters, inventory, acl, findings...) are kept. */
const BUILDER_FIELDS = new Set(["schemaVersion", "tool", "source", "exportedAt", "counts", "files"]);

/** A builder holding exactly what a sealed snapshot directory holds: descriptors, content files, manifest. */
export function builderFromSnapshot(dir: string, opts: BuilderOptions = {}): SnapshotBuilder {
  const b = new SnapshotBuilder(opts);
  const known = new Set<string>(KIND_NAMES.map((k) => path.basename(descriptorFile(k))));
  for (const f of fs.readdirSync(path.join(dir, "descriptors")))
    if (!known.has(f)) throw new Error(`sample-world: ${dir}: descriptors/${f} is no kind of the registry`);
  for (const kind of KIND_NAMES) {
    const file = path.join(dir, descriptorFile(kind));
    if (!fs.existsSync(file)) continue;
    const { items } = JSON.parse(fs.readFileSync(file, "utf8")) as { items: Descriptor<KindName>[] };
    b.add(kind, ...items);
  }
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else b.content(r, fs.readFileSync(path.join(dir, r)));
    }
  };
  if (fs.existsSync(path.join(dir, "content"))) walk("content");
  const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8")) as Manifest;
  const kept = Object.fromEntries(Object.entries(m).filter(([k]) => !BUILDER_FIELDS.has(k)));
  return b.manifest(kept as Partial<Manifest>);
}

let world: SnapshotBuilder | undefined;

/**
 * A builder of the sample world, for a test to change and `write()`: its own copy each call. Ids are the
 * emulator's (emulator/seeds/sample-ids.ts SAMPLE_IDS, the seed's names and paths).
 */
export function sampleWorld(opts: BuilderOptions = {}): SnapshotBuilder {
  world ??= builderFromSnapshot(sampleWorldDir());
  const b = world.clone();
  return Object.keys(opts).length ? withOptions(b, opts) : b;
}

function withOptions(b: SnapshotBuilder, opts: BuilderOptions): SnapshotBuilder {
  const patch: Partial<Manifest> = {};
  if (opts.exportedAt) patch.exportedAt = opts.exportedAt;
  if (opts.host) patch.source = { host: opts.host };
  if (opts.toolVersion) patch.tool = { name: "databricks-dr", version: opts.toolVersion };
  return b.manifest(patch);
}
