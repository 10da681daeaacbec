import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { resolveAuth } from "../../client/auth";
import { userMessage } from "../../client/errors";
import { Transport } from "../../client/transport";
import { sampleWorld } from "../helpers/sample-world";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { startEmulator } from "../../emulator";
import { cleanEnv, RAW_ERRNO, ROOT, run, STACK_FRAME, tmpDir } from "./helpers";

// Child processes of the CLI: slow on a loaded machine, never timed.
jest.setTimeout(180_000);

const BIN = path.join(ROOT, "bin", "databricks-dr.js");

/** The error node itself throws for `fn` (real errno objects, not hand-made ones). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

/** A port nobody listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("userMessage: node's errno texts become words naming the path or host", () => {
  const dir = tmpDir("errno-");
  const file = path.join(dir, "a-file");
  fs.writeFileSync(file, "x");

  it.each([
    ["mkdir over a file", () => fs.mkdirSync(file), /^cannot create directory .*a-file: .*file.*in the way/],
    ["mkdir under a file", () => fs.mkdirSync(path.join(file, "sub")), /^cannot create directory .*a-file/],
    [
      "read a missing file",
      () => fs.readFileSync(path.join(dir, "nope")),
      /^cannot open .*nope: no such file/,
    ],
    ["list a file", () => fs.readdirSync(file), /^cannot list directory .*a-file: .*not a directory/],
    [
      "rename a missing file",
      () => fs.renameSync(path.join(dir, "x"), path.join(dir, "y")),
      /^cannot rename .*x to .*y:/,
    ],
  ])("%s", (_what, fn, want) => {
    const e = thrown(fn);
    expect((e as Error).message).toMatch(RAW_ERRNO); // node's own text is raw
    const m = userMessage(e);
    expect(m).toMatch(want);
    expect(m).not.toMatch(RAW_ERRNO);
    expect(m.split("\n")).toHaveLength(1);
  });

  it("a raw fs text wrapped inside another message is rewritten too", () => {
    const e = thrown(() => fs.mkdirSync(file));
    const m = userMessage(new Error(`writing the snapshot: ${(e as Error).message}`));
    expect(m).toMatch(/^writing the snapshot: cannot create directory .*a-file: /);
    expect(m).not.toMatch(RAW_ERRNO);
  });

  it("a refused connection says which host and that it was refused", async () => {
    const port = await closedPort();
    const t = new Transport();
    const e = await t
      .request(new URL(`http://127.0.0.1:${port}/api/2.0/clusters/list`), {
        method: "GET",
        headers: {},
        timeoutMs: 5000,
      })
      .catch((x: unknown) => x);
    t.close();
    // Whoever wraps it, the transport's own message names the host in words.
    expect(userMessage(e)).toBe(`cannot reach http://127.0.0.1:${port}: connection refused`);
    expect(userMessage(new Error(`cannot reach http://127.0.0.1:${port}: ${(e as Error).message}`))).toBe(
      `cannot reach http://127.0.0.1:${port}: connection refused`,
    );
    // node's own words for the same failure, as they reached users before.
    expect(userMessage(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`))).toBe("connection refused");
  });

  it("a multi-line message (a stack, a body) becomes one line", () => {
    const e = new Error("first\n    at foo (x.ts:1:2)\nsecond");
    expect(userMessage(e).split("\n")).toHaveLength(1);
  });
});

describe("a malformed ~/.databrickscfg is named as malformed, with its line", () => {
  const cases: [string, string, number][] = [
    [
      "an unclosed profile header",
      "[DEFAULT]\nhost = https://a\n\n[primary\nhost = https://b\ntoken = x\n",
      4,
    ],
    ["a setting without '='", "[primary]\nhost https://b\ntoken = x\n", 2],
    ["a stray word", "; comment\n[primary]\nhost = https://b\ntoken = x\nbroken\n", 5],
  ];

  it.each(cases)("%s", (_what, text, line) => {
    const file = path.join(tmpDir("cfg-"), ".databrickscfg");
    fs.writeFileSync(file, text);
    expect(() => resolveAuth({ profile: "primary", configFile: file, env: {} })).toThrow(
      `${file} is malformed at line ${line}`,
    );
  });

  it("a setting above the first header belongs to DEFAULT, as in the Databricks CLI", () => {
    const file = path.join(tmpDir("cfg-"), ".databrickscfg");
    fs.writeFileSync(
      file,
      "host = https://adb-1.1.azuredatabricks.net\ntoken = abcdefgh\n[other]\nhost = https://x\n",
    );
    expect(resolveAuth({ configFile: file, env: {} }).host).toBe("https://adb-1.1.azuredatabricks.net");
  });

  it("through the CLI: one line naming the file and line, the token not shown, exit non-zero", async () => {
    const env = cleanEnv();
    fs.writeFileSync(
      path.join(env.HOME, ".databrickscfg"),
      "[primary\nhost = https://b\ntoken = SECRETVALUE123\n",
    );
    const r = await run(process.execPath, [BIN, "export", "--profile", "primary", "--out", "snap"], {
      cwd: env.HOME,
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `databricks-dr: ${path.join(env.HOME, ".databrickscfg")} is malformed at line 1: a profile header must be "[name]"\n`,
    );
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("a failure outside a command's promise chain", () => {
  it("is one line too, not node's stack trace", async () => {
    // A command that keeps running (the emulator) while something else fails unhandled.
    const script = `require("tsx/cjs");
      void require("./cli/main.ts").main(["node", "databricks-dr", "emulator", "--port", "0", "--workspace", "empty"]);
      setTimeout(() => Promise.reject(new Error("stray failure")), 300);`;
    const env = cleanEnv();
    const r = await run(process.execPath, ["-e", script], { cwd: ROOT, env });
    expect(r.stderr).toBe("databricks-dr: stray failure\n");
    expect(r.code).toBe(1);
  });
});

describe("commands that read files name them in words", () => {
  const snap = sampleWorld().write();
  it.each([
    ["verify", ["verify", "--primary", snap, "--secondary", snap, "--stack-config", "missing.yaml"]],
    ["report", ["report", "--snapshot", snap, "--stack-config", "missing.yaml", "--out", "r"]],
  ])("%s --stack-config of a missing file", async (what, args) => {
    const env = cleanEnv();
    const r = await run(process.execPath, [BIN, ...args], { cwd: env.HOME, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${what}: --stack-config: cannot open missing.yaml: no such file or directory\n`);
  });
});

describe("TLS that cannot succeed", () => {
  const h = useEmulator(() => startEmulator({ workspace: "empty", token: "tls-test-token" }));

  it("https to a plain-http port: one line, after the short first round of retries, not the full backoff", async () => {
    const env = cleanEnv({ DATABRICKS_TOKEN: "tls-test-token" });
    const host = h.emu.url.replace(/^http:/, "https:");
    const r = await run(process.execPath, [BIN, "export", "--out", "snap", "--host", host, "--verbose"], {
      cwd: env.HOME,
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`databricks-dr: cannot reach ${host}: TLS handshake failed\n`);
    expect(
      r.stdout.split("\n").filter((l) => /: transport .*; retry \d+ in/.test(l)).length,
    ).toBeLessThanOrEqual(2);
  });
});
