import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { DatabricksClient } from "../../client";
import { startEmulator, RunningEmulator } from "../../emulator";
import { FaultPlan, faultMiddleware, FaultMiddleware } from "../../emulator/faults";
import { canonicalJson } from "../../snapshot/canonical-json";

// Built at run time, so nothing token-shaped is committed.
export const TOKEN = ["dapi", "99887766554433221100ffeeddccbbaa"].join("");

export async function faultyEmulator(
  plan: FaultPlan,
  workspace = "sample",
): Promise<{ emu: RunningEmulator; mw: FaultMiddleware }> {
  const mw = faultMiddleware(plan);
  const emu = await startEmulator({ workspace, rateLimits: false, token: TOKEN, middlewares: [mw] });
  return { emu, mw };
}

export function client(emu: RunningEmulator, log?: (l: string) => void): DatabricksClient {
  return new DatabricksClient({
    host: emu.url,
    auth: { token: TOKEN },
    limits: false,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 20 },
    log,
  });
}

export interface RawAnswer {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body: Buffer;
  /** The transport failure, when the answer did not arrive whole. */
  error?: string;
}

/** One GET with node's http client and no retries: shows exactly what the wire carried. */
export function rawGet(emu: RunningEmulator, pathAndQuery: string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const out: RawAnswer = { body: Buffer.alloc(0) };
    const done = (error?: string) => {
      out.body = Buffer.concat(chunks);
      if (error && !out.error) out.error = error;
      resolve(out);
    };
    const req = http.get(
      `${emu.url}${pathAndQuery}`,
      { headers: { Authorization: `Bearer ${TOKEN}` }, agent: false },
      (res) => {
        out.status = res.statusCode;
        out.headers = res.headers;
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("aborted", () => (out.error = "aborted"));
        res.on("error", (e) => done((e as NodeJS.ErrnoException).code ?? e.message));
        res.on("close", () => done(res.complete ? undefined : "incomplete"));
      },
    );
    req.on("error", (e) => done((e as NodeJS.ErrnoException).code ?? e.message));
  });
}

const made: string[] = [];
export function tmpDir(prefix = "faults-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
/** Removes every directory tmpDir made in this test file. */
export function removeTmpDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

type Item = Record<string, unknown> & { id: string };

/**
 * Edits a snapshot's descriptors of one kind (and its manifest) the way a lossy exporter would have
 * written them, keeping the hashes consistent so the snapshot still reads back valid.
 */
export function editSnapshot(
  dir: string,
  kind: string,
  edit: (items: Item[]) => Item[],
  editManifest?: (m: Record<string, unknown>) => void,
): void {
  const rel = `descriptors/${kind}.json`;
  const file = path.join(dir, rel);
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  doc.items = edit(doc.items);
  const text = canonicalJson(doc);
  fs.writeFileSync(file, text);
  const mfile = path.join(dir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(mfile, "utf8"));
  manifest.files[rel] = {
    sha256: createHash("sha256").update(text).digest("hex"),
    size: Buffer.byteLength(text),
  };
  // A lossy exporter counts what it wrote: the reader refuses counts that differ from the file.
  manifest.counts[kind] = doc.items.length;
  editManifest?.(manifest);
  fs.writeFileSync(mfile, canonicalJson(manifest));
}
