import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DatabricksClient } from "../../client";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";
import { ExportOptions, ExportSummary, runExport } from "../../exporters/run";

// Built at run time, so nothing token-shaped is committed.
export const TOKEN = ["dapi", "00112233445566778899aabbccddeeff"].join("");
export const EXPORTED_AT = "2026-01-01T00:00:00.000Z";

/** A fast emulator: no latency, no rate limits unless a test asks. */
export function emulator(opts: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ workspace: "sample", rateLimits: false, latencyMs: 0, token: TOKEN, ...opts });
}

export function clientFor(
  emu: RunningEmulator,
  extra: Partial<ConstructorParameters<typeof DatabricksClient>[0]> = {},
) {
  return new DatabricksClient({
    host: emu.url,
    auth: { token: TOKEN },
    limits: false,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...extra,
  });
}

export function tmpDir(prefix = "export-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function exportOnce(
  emu: RunningEmulator,
  out: string,
  extra: Partial<ExportOptions> = {},
): Promise<ExportSummary> {
  return runExport({ client: clientFor(emu), out, exportedAt: EXPORTED_AT, ...extra });
}

/** Every file under `dir` (relative path → bytes). */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out.set(path.relative(dir, abs).split(path.sep).join("/"), fs.readFileSync(abs));
    }
  };
  walk(dir);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function descriptors(dir: string, kind: string): any[] {
  const file = path.join(dir, "descriptors", `${kind}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).items : [];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function manifest(dir: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
}

/**
 * Two snapshot trees (directories, or what readTree read) hold the same files with the same bytes;
 * Buffer.equals, as jest's deep equality is very slow on big buffers.
 */
export function expectSameTree(
  a: string | Map<string, Buffer>,
  b: string | Map<string, Buffer>,
  ignore: (file: string) => boolean = () => false,
): void {
  const ta = typeof a === "string" ? readTree(a) : a;
  const tb = typeof b === "string" ? readTree(b) : b;
  const names = (t: Map<string, Buffer>) => [...t.keys()].filter((f) => !ignore(f)).sort();
  expect(names(ta)).toEqual(names(tb));
  const differ = names(ta).filter((f) => !ta.get(f)!.equals(tb.get(f)!));
  expect(differ).toEqual([]);
}

/**
 * `databricks-dr export` in a child process against `host` (asynchronously: an emulator in this process keeps
 * answering), with the client's real pacing, a fresh HOME and the fixed exportedAt.
 */
export function spawnExport(
  host: string,
  out: string,
  flags: string[] = [],
  env: Record<string, string> = {},
): { child: ChildProcess; exited: Promise<number | null>; output: () => string; stderr: () => string } {
  const child = spawn(
    process.execPath,
    ["--require", "tsx/cjs", "cli/main.ts", "export", "--out", out, "--exported-at", EXPORTED_AT, ...flags],
    {
      cwd: path.join(__dirname, "..", ".."),
      env: { ...process.env, HOME: tmpDir("home-"), DATABRICKS_HOST: host, DATABRICKS_TOKEN: TOKEN, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => {
    output += d.toString();
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, sig) => resolve(code ?? (sig ? -1 : null))),
  );
  return { child, exited, output: () => output, stderr: () => stderr };
}
