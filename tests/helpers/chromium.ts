/**
 * Headless Chromium (Debian's `chromium` package) for HTML checks. Absent Chromium is an error, not a skip:
 * CI installs it, and a silently skipped browser check proves nothing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string {
  // CHROMIUM, when set, is the only candidate: a wrong path must fail, not fall back.
  const fromEnv = process.env.CHROMIUM;
  const found = (fromEnv ? [fromEnv] : CANDIDATES).find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(
      "Chromium is not installed: the HTML report check needs Debian's chromium package " +
        "(`apt-get install -y chromium`; CI must install it) or CHROMIUM=/path/to/chrome.",
    );
  return found;
}

/** Flags that keep a headless run quiet on a machine with no network and no display. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function run(args: string[]): { stdout: string; stderr: string } {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  try {
    const r = spawnSync(findChromium(), [...FLAGS, `--user-data-dir=${profile}`, ...args], {
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`chromium exited ${r.status}: ${r.stderr.slice(-2000)}`);
    return { stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Renders a local HTML file and writes a PNG screenshot of the window. */
export function screenshot(htmlFile: string, pngFile: string, width = 1280, height = 2000): void {
  run([`--screenshot=${pngFile}`, `--window-size=${width},${height}`, pathToFileURL(htmlFile).href]);
}

/** The DOM after rendering, serialised. */
export function dumpDom(htmlFile: string): string {
  return run(["--dump-dom", pathToFileURL(htmlFile).href]).stdout;
}
