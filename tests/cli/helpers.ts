import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command the way a user's shell would, asynchronously: an emulator serving in this jest process must
 * keep answering while the child waits on it (spawnSync would block it).
 */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number; shell?: boolean },
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, shell: opts.shell ?? false });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 180_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A clean environment for a child: no Databricks settings leak in from the developer's shell, HOME is a
 * temporary directory (so ~/.databrickscfg is the test's), npm works from its cache without the network.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv & { HOME: string } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DATABRICKS_|ARM_|AZURE_|npm_|NODE_OPTIONS$|FORCE_COLOR$)/i.test(k)) env[k] = v;
  const home = tmpDir("home-");
  return {
    ...env,
    HOME: home,
    // npm keeps its cache where it always does (the one `npm ci` filled), but never asks the registry.
    npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), ".npm"),
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extra,
  } as NodeJS.ProcessEnv & { HOME: string };
}

const made: string[] = [];
// Removed after the test file that made them (each holds snapshots, a git repository, an npm project).
afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tmpDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `dbdr-cli-${prefix}`));
  made.push(d);
  return d;
}

/** What a user must never see: a stack frame, or node's raw errno text. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;
export const RAW_ERRNO = /\b(?:E[A-Z]{3,}|ERR_[A-Z_]+)\b/;
