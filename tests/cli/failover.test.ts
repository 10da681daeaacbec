/**
 * `databricks-dr failover` through the installed bin (and `npx databricks-dr failover` as the README shows
 * it) against the emulator's disaster-recovery/v1 routes: the dry run changes nothing, no confirmation
 * changes nothing, --yes fails over and waits for the new primary, refusals are one line and non-zero, the
 * token is never printed. What happened is read from the emulator's own state.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { useEmulator, emulatorClient } from "../helpers/emulator-lifecycle";
import { api, createGroup, GROUP, STACK_YAML } from "../helpers/failover-group";
import { cleanEnv, RAW_ERRNO, ROOT, run, STACK_FRAME, tmpDir } from "./helpers";
import { runFailover } from "../../cli/commands/failover";
import { makeWorkspace } from "../ci-templates/harness";
import { json, scriptedServer } from "../client/server";

const BIN = path.join(ROOT, "bin", "databricks-dr.js");
const ctx = useEmulator(() => startEmulator({ workspace: "empty", account: { failoverMs: 300 } }), "test");

function setup() {
  const dir = tmpDir("failover-");
  fs.writeFileSync(path.join(dir, "Pulumi.secondary.yaml"), STACK_YAML);
  const env = cleanEnv({ DATABRICKS_TOKEN: ctx.emu.token, DATABRICKS_ACCOUNT_HOST: ctx.emu.url });
  const cli = (...args: string[]) => run(process.execPath, [BIN, "failover", ...args], { cwd: dir, env });
  return { dir, env, cli };
}
const group = () => api(ctx.emu, "GET", GROUP);
/** The group without its replication point, which advances by itself. */
const unchanged = async () => {
  const { replication_point: _rp, ...rest } = await group();
  return rest;
};
const oneLine = (stderr: string) => {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr).not.toMatch(RAW_ERRNO);
};

it("the README's lines run verbatim (npx, in a repository that installs the project)", async () => {
  await createGroup(ctx.emu);
  const before = await unchanged();
  const lines = fs
    .readFileSync(path.join(ROOT, "README.md"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("npx databricks-dr failover "));
  expect(lines).toHaveLength(3);
  const ws = await makeWorkspace({ token: ctx.emu.token! });
  fs.writeFileSync(path.join(ws.repo, "Pulumi.secondary.yaml"), STACK_YAML);
  Object.assign(ws.env, { DATABRICKS_TOKEN: ctx.emu.token, DATABRICKS_ACCOUNT_HOST: ctx.emu.url });
  const sh = (line: string) =>
    run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", line], { cwd: ws.repo, env: ws.env });
  const [dry, ask, yes] = lines;
  const d = await sh(dry);
  expect({ code: d.code, stderr: d.stderr }).toEqual({ code: 0, stderr: "" });
  expect(d.stdout).toContain(
    `Would fail over ${GROUP} (ACTIVE): primary region eastus2 -> centralus (FORCED)`,
  );
  expect(d.stdout).toContain("stable URLs follow it");
  expect(d.stdout).toContain("Unity Catalog catalogs: main");
  expect(await unchanged()).toEqual(before);
  // Asked with no terminal to answer: refused, nothing changed.
  const a = await sh(ask);
  expect(a.code).toBe(2);
  expect(await unchanged()).toEqual(before);
  const y = await sh(yes);
  expect({ code: y.code, stderr: y.stderr }).toEqual({ code: 0, stderr: "" });
  expect(await group()).toMatchObject({ state: "ACTIVE", effective_primary_region: "centralus" });
  for (const r of [d, a, y]) expect(r.stdout + r.stderr).not.toContain(ctx.emu.token!);
}, 180_000);

it("without --yes and without a terminal, refuses in one line and changes nothing", async () => {
  await createGroup(ctx.emu);
  const before = await unchanged();
  const r = await setup().cli("--stack-config", "Pulumi.secondary.yaml");
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^databricks-dr: failover: not confirmed: .*--yes \(nothing was changed\)\n$/);
  oneLine(r.stderr);
  expect(await unchanged()).toEqual(before);
}, 60_000);

it("--yes fails over with the etag it read and waits until the new primary is in effect", async () => {
  await createGroup(ctx.emu);
  const r = await setup().cli("--stack-config", "Pulumi.secondary.yaml", "--yes", "--poll-interval", "0.05");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("Failing over");
  expect(r.stdout).toMatch(/FAILING_OVER\.\.\./); // it waited
  expect(r.stdout).toContain(`Failed over: ${GROUP} primary region is now centralus (state ACTIVE)`);
  const after = await group();
  expect(after).toMatchObject({ state: "ACTIVE", effective_primary_region: "centralus" });
  expect(ctx.emu.state.account.failovers).toHaveLength(1);
  expect(r.stdout).not.toContain(ctx.emu.token!);
}, 60_000);

it("--account-id and --failover-group work without a stack file; --json prints the result only", async () => {
  await createGroup(ctx.emu);
  const { cli } = setup();
  const r = await cli(
    "--account-id",
    GROUP.split("/")[1],
    "--failover-group",
    "sales-dr",
    "--yes",
    "--json",
    "--poll-interval",
    "0.05",
  );
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { outcome: string; plan: { from: string; to: string } };
  expect(out).toMatchObject({ outcome: "failed-over", plan: { from: "eastus2", to: "centralus" } });
}, 60_000);

it("refuses a group that is failing over already, in one line, exit 1", async () => {
  ctx.emu.state.account.failoverMs = 600_000;
  await createGroup(ctx.emu);
  const g = await group();
  await api(ctx.emu, "POST", `${GROUP}/failover`, {
    failover_type: "FORCED",
    target_primary_region: "centralus",
    etag: g.etag,
  });
  const r = await setup().cli("--stack-config", "Pulumi.secondary.yaml", "--yes");
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(
    /^databricks-dr: failover: failover group .*sales-dr is FAILING_OVER; a failover starts from ACTIVE/,
  );
  oneLine(r.stderr);
}, 60_000);

it("refuses a target that is no region of the group, or the current primary (exit 2)", async () => {
  await createGroup(ctx.emu);
  const { cli } = setup();
  const a = await cli("--stack-config", "Pulumi.secondary.yaml", "--yes", "--to", "westeurope");
  expect(a.code).toBe(2);
  expect(a.stderr).toMatch(/--to westeurope is not a region of .* \(eastus2, centralus\)/);
  const b = await cli("--stack-config", "Pulumi.secondary.yaml", "--yes", "--to", "eastus2");
  expect(b.stderr).toMatch(/eastus2 is already the primary region/);
  oneLine(b.stderr);
  expect(ctx.emu.state.account.failovers).toHaveLength(0);
}, 60_000);

it("a missing group and a bad stack file are one line each", async () => {
  const { cli, dir } = setup();
  const a = await cli("--stack-config", "Pulumi.secondary.yaml", "--dry-run");
  expect(a.code).toBe(1);
  expect(a.stderr).toMatch(/^databricks-dr: .*does not exist/);
  oneLine(a.stderr);
  fs.writeFileSync(path.join(dir, "bad.yaml"), STACK_YAML.replace("region: eastus2", "region: East US 2"));
  const b = await cli("--stack-config", "bad.yaml", "--dry-run");
  expect(b.code).toBe(2);
  expect(b.stderr).toMatch(/bad\.yaml: databricks-dr:managedDr\.workspaceSet\.primary\.region: /);
  oneLine(b.stderr);
}, 60_000);

it("a stale etag (the group changed after it was read) is the account's refusal, nothing failed over", async () => {
  await createGroup(ctx.emu);
  const client = emulatorClient(ctx.emu);
  const err = await runFailover(client, {
    name: GROUP,
    confirm: async () => {
      // Someone updates the group while the operator reads the plan.
      const g = await group();
      await api(ctx.emu, "PATCH", `${GROUP}?update_mask=workspace_sets`, {
        etag: g.etag,
        workspace_sets: g.workspace_sets,
      });
      return true;
    },
  }).catch((e: Error) => e);
  expect((err as Error).message).toMatch(/^the account refused the failover of .*: ABORTED: /);
  expect(await group()).toMatchObject({ state: "ACTIVE", effective_primary_region: "eastus2" });
});

it("gives up after --timeout with one line while the group is still failing over", async () => {
  ctx.emu.state.account.failoverMs = 60_000;
  await createGroup(ctx.emu);
  const r = await setup().cli(
    "--stack-config",
    "Pulumi.secondary.yaml",
    "--yes",
    "--timeout",
    "0.3",
    "--poll-interval",
    "0.1",
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(
    /is still FAILING_OVER after 0.3 s \(primary eastus2\): check the account console/,
  );
  oneLine(r.stderr);
}, 60_000);

it("an account answer that echoes the token never prints it (the CLI's one redaction)", async () => {
  // Not shaped like any credential pattern: only the exact-secret redaction of the token in use masks it.
  const TOKEN = "plainvalue42zzqq";
  const server = await scriptedServer((req, res) =>
    json(res, 403, {
      error_code: "PERMISSION_DENIED",
      message: `${String(req.headers.authorization).replace(/^Bearer /, "")} may not read failover groups`,
    }),
  );
  try {
    const dir = tmpDir("failover-redact-");
    const env = cleanEnv({ DATABRICKS_TOKEN: TOKEN, DATABRICKS_ACCOUNT_HOST: server.url });
    const r = await run(
      process.execPath,
      [BIN, "failover", "--account-id", GROUP.split("/")[1], "--failover-group", "sales-dr", "--dry-run"],
      { cwd: dir, env },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/may not read failover groups/);
    oneLine(r.stderr);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(server.seen.some((s) => s.url.pathname.endsWith("/failover"))).toBe(false);
  } finally {
    await server.close();
  }
}, 60_000);

/** The CLI on a pseudo-terminal (util-linux script(1)), answering the question with `answer`. */
function onTerminal(dir: string, env: NodeJS.ProcessEnv, answer: string) {
  const cmd = `${process.execPath} ${BIN} failover --stack-config Pulumi.secondary.yaml --poll-interval 0.05`;
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn("script", ["-qefc", cmd, "/dev/null"], { cwd: dir, env });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      // Answer once the question is on the screen, as a person would.
      if (out.includes("to fail over to centralus: ") && !child.stdin.writableEnded)
        child.stdin.end(`${answer}\n`);
    });
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, out })));
  });
}

it("on a terminal it shows the plan, asks for the group id, and only that answer fails over", async () => {
  const probe = await run("script", ["--version"], { cwd: ROOT, env: cleanEnv() }).catch(() => undefined);
  if (probe?.code !== 0) return console.warn("skipped: util-linux script(1) is not installed");
  await createGroup(ctx.emu);
  const before = await unchanged();
  const { dir, env } = setup();
  const wrong = await onTerminal(dir, env, "yes");
  expect(wrong.out).toContain(`Failing over ${GROUP} (ACTIVE): primary region eastus2 -> centralus (FORCED)`);
  expect(wrong.out).toContain("Type the failover group id (sales-dr) to fail over to centralus: ");
  expect(wrong.out).toMatch(/not confirmed \(nothing was changed\)/);
  expect(wrong.code).toBe(2);
  expect(await unchanged()).toEqual(before);
  const right = await onTerminal(dir, env, "sales-dr");
  expect(right.out).toContain(`Failed over: ${GROUP} primary region is now centralus`);
  expect(right.code).toBe(0);
  expect(await group()).toMatchObject({ state: "ACTIVE", effective_primary_region: "centralus" });
}, 120_000);
