/**
 * The RTO estimate against a measure: the round trip's apply (`pulumi up` of the secondary under Pulumi's
 * mocks, roundtrip/) of the emulator's `large` workspace into an EMPTY emulator that enforces the published
 * write limits (limitScale 1) with latency, timed; beside it the estimate report/rto.ts computes for the same
 * snapshot (workspace objects only: the round trip adopts an existing workspace, so no infrastructure). A
 * script, not a test: it prints figures, honest ones (nothing clamped).
 *
 *   npx tsx bench/rto-apply.ts [--scale 0.2] [--notebooks N ...] [--latency 20-50] [--no-activation] [--json]
 *
 * The secondary emulator runs in a child process (bench/emulator-child.ts), so its work does not slow the
 * apply's process; the primary is exported once, unthrottled (its export is not what is measured).
 */
import { ChildProcess, fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Stats } from "../emulator";
import { startEmulator } from "../emulator";
import { estimateRto, rtoInputOf } from "../report/rto";
import { applyStack, exportWorkspace } from "../roundtrip/harness";
import { readSnapshot } from "../snapshot/reader";

const DEFAULTS = { notebooks: 10_000, folders: 1_000, jobs: 2_000, clusters: 300, users: 5_000, groups: 500 };
const TOKEN = "dapi0benchrto00000000000000000000";

function flags(argv: string[]) {
  const val = (n: string) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : undefined);
  const scale = Number(val("scale") ?? 1);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale: "${val("scale")}" is not a number`);
  const sizes = { ...DEFAULTS };
  for (const k of Object.keys(sizes) as (keyof typeof DEFAULTS)[])
    sizes[k] = Math.max(1, Math.round(Number(val(k) ?? sizes[k] * scale)));
  const lat = /^(\d+)(?:-(\d+))?$/.exec(val("latency") ?? "20-50");
  if (!lat) throw new Error("--latency: MS or MIN-MAX");
  return {
    sizes,
    latency: [Number(lat[1]), Number(lat[2] ?? lat[1])],
    activation: !argv.includes("--no-activation"),
    json: argv.includes("--json"),
  };
}

/** bench/emulator-child.ts: the emulator in its own process, answering `stats` / `reset` / `close`. */
async function childEmulator(opts: Record<string, unknown>) {
  const proc: ChildProcess = fork(path.join(__dirname, "emulator-child.ts"), [JSON.stringify(opts)], {
    execArgv: ["--require", "tsx/cjs"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    proc.once("message", (m: { url: string }) => resolve(m.url));
    proc.once("exit", (code) => reject(new Error(`emulator-child exited with ${code}`)));
  });
  let seq = 0;
  const ask = (cmd: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++seq;
      const on = (m: Record<string, unknown>) => {
        if (m.id !== id) return;
        proc.off("message", on);
        resolve(m);
      };
      proc.on("message", on);
      proc.send({ id, cmd });
    });
  return { url, ask, stats: async () => (await ask("stats")).stats as Stats };
}

const round = (n: number, d = 2) => Number(n.toFixed(d));

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  const say = (l: string) => (f.json ? process.stderr : process.stdout).write(l + "\n");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dr-bench-rto-"));
  const snap = path.join(work, "primary");
  say(
    `rto: large ${JSON.stringify(f.sizes)}; apply into an empty workspace at the published limits, latency ${f.latency.join("-")} ms`,
  );
  const primary = await startEmulator({
    workspace: "large",
    large: f.sizes,
    token: TOKEN,
    rateLimits: false,
  });
  try {
    await exportWorkspace({ url: primary.url, token: TOKEN }, snap);
  } finally {
    await primary.close();
  }
  // The apply below sets no unityCatalog: the stack writes no UC securable, so the estimate counts none.
  const estimate = estimateRto(
    rtoInputOf(readSnapshot(snap), { infrastructure: false, unityCatalog: false }),
  );
  const withInfra = estimateRto(rtoInputOf(readSnapshot(snap), { unityCatalog: false }));
  const secondary = await childEmulator({
    workspace: "empty",
    rateLimits: true,
    limitScale: 1,
    latencyMs: f.latency[0],
    latencyJitterMs: f.latency[1] - f.latency[0],
    token: TOKEN,
  });
  const metrics: Record<string, unknown>[] = [];
  try {
    const target = { url: secondary.url, token: TOKEN };
    say("cold apply ...");
    await secondary.ask("reset");
    const cold = await applyStack({ snapshotPath: snap, target, rateLimits: true });
    const coldStats = await secondary.stats();
    if (cold.log.failures.length)
      throw new Error(
        `${cold.log.failures.length} resources failed, first: ${JSON.stringify(cold.log.failures[0])}`,
      );
    const e = estimate.cold;
    metrics.push(
      {
        metric: "rto_estimate_s",
        value: round(e.objectsSeconds),
        unit: "s",
        note: "workspace objects, stages in turn",
      },
      {
        metric: "rto_measured_apply_s",
        value: round(cold.seconds),
        unit: "s",
        resources: cold.log.applied.length,
      },
      { metric: "rto_estimate_over_measured", value: round(e.objectsSeconds / cold.seconds, 3) },
      {
        metric: "rto_floor_s",
        value: round(e.floorSeconds),
        unit: "s",
        note: "slowest family, no stage waiting",
      },
      {
        metric: "rto_apply_requests",
        value: coldStats.total,
        throttled: coldStats.throttled,
        bound: e.stages.map((s) => `${s.name}=${s.bound ?? "-"}`).join(","),
      },
      {
        metric: "rto_cold_total_estimate_s",
        value: round(withInfra.cold.totalSeconds),
        unit: "s",
        note: "a new secondary: + assumed infrastructure and pulumi start",
      },
    );
    // The same apply again, nothing to change: the program's own time under the mocks, which the estimate
    // (requests at the limits) does not count.
    const again = await applyStack({ snapshotPath: snap, target, rateLimits: true, state: cold.state });
    metrics.push({ metric: "rto_unchanged_apply_s", value: round(again.seconds), unit: "s" });
    if (f.activation) {
      say("activation apply ...");
      await secondary.ask("reset");
      const act = await applyStack({
        snapshotPath: snap,
        target,
        rateLimits: true,
        values: { activation: "true" },
        state: cold.state,
      });
      metrics.push(
        { metric: "rto_activation_estimate_s", value: round(estimate.activation.objectsSeconds), unit: "s" },
        {
          metric: "rto_activation_measured_s",
          value: round(act.seconds),
          unit: "s",
          requests: (await secondary.stats()).total,
        },
      );
    }
  } finally {
    await secondary.ask("close").catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const m of metrics)
    console.log(
      f.json
        ? JSON.stringify(m)
        : `${String(m.metric).padEnd(28)} ${String(m.value)}${m.unit ? ` ${String(m.unit)}` : ""}`,
    );
}

main().catch((e: unknown) => {
  console.error(`bench rto: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
