import * as fs from "node:fs";
import * as path from "node:path";
import { cleanEnv, RAW_ERRNO, ROOT, run, STACK_FRAME, tmpDir } from "./helpers";

// Child processes of the CLI: slow on a loaded machine, never timed.
jest.setTimeout(180_000);

/**
 * The CLI as users start it: through the bin link npm makes when the project is installed (what `npx
 * databricks-dr` runs too: npm installs the project into its cache as a link, and calls
 * node_modules/.bin/databricks-dr, a name that does not end in `.js`). Never by importing cli/main.ts.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

describe("the installed command", () => {
  const env = cleanEnv();
  let project: string;
  let bin: string;

  beforeAll(async () => {
    // A consumer project that installs this one from its directory, offline (npm links it).
    project = tmpDir("consumer-");
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
    );
    const r = await run("npm", ["install", "--ignore-scripts", "--no-save", ROOT], { cwd: project, env });
    expect(r.stderr).not.toMatch(/ERR!/);
    expect(r.code).toBe(0);
    bin = path.join(project, "node_modules", ".bin", "databricks-dr");
    expect(fs.existsSync(bin)).toBe(true);
  });

  it("node_modules/.bin/databricks-dr --help prints the usage and exits 0", async () => {
    const r = await run(bin, ["--help"], { cwd: project, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: databricks-dr /m);
    for (const cmd of ["export", "verify", "report", "pause-jobs", "emulator"])
      expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, "m"));
  });

  it("node_modules/.bin/databricks-dr --version prints the package's version", async () => {
    const r = await run(bin, ["--version"], { cwd: project, env });
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("npx databricks-dr, in the project, runs the CLI", async () => {
    const r = await run("npx", ["databricks-dr", "--help"], { cwd: ROOT, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: databricks-dr /m);
  });

  it("npx databricks-dr, in a project that installed it, runs the CLI", async () => {
    const r = await run("npx", ["databricks-dr", "--version"], { cwd: project, env });
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("npm run cli -- runs the CLI", async () => {
    const r = await run("npm", ["run", "-s", "cli", "--", "--version"], { cwd: ROOT, env });
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("a failure exits non-zero with one line on stderr, no stack trace", async () => {
    const home = env.HOME;
    fs.writeFileSync(
      path.join(home, ".databrickscfg"),
      "[primary]\nhost = http://127.0.0.1:9\ntoken = t0k3n-value\n",
    );
    const cases: [string[], RegExp][] = [
      [["no-such-command"], /unknown command/],
      [["export"], /required option '--out <dir>'/],
      [["export", "--profile", "nope", "--out", path.join(home, "s")], /profile "nope" not found/],
      // Port 9 (discard) is closed on test machines: the connection is refused at once.
      [
        ["export", "--profile", "primary", "--out", path.join(home, "s")],
        /^databricks-dr: cannot reach http:\/\/127\.0\.0\.1:9: connection refused$/,
      ],
    ];
    for (const [args, want] of cases) {
      const r = await run(bin, args, { cwd: home, env });
      expect({ args, failed: r.code !== 0 && r.code !== null }).toEqual({ args, failed: true });
      const lines = r.stderr.trimEnd().split("\n");
      expect({ args, lines }).toEqual({ args, lines: [expect.stringMatching(want)] });
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stderr).not.toMatch(RAW_ERRNO);
    }
  });
});
