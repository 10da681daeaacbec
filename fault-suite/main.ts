/**
 * The fault suite: `npm run fault-suite -- --seeds 1000` (see fault-suite/README.md). Seeds run in worker
 * processes (one per core by default), each seed an emulator with its fault plan and an export in-process.
 */
import { ChildProcess, fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { planFromSeed } from "../emulator/faults";
import { describeFailure, jsonLines, MUST_BE_ZERO, summarize, table } from "./metrics";
import { envFaultOf } from "./env-faults";
import { runSeed, SeedOptions, SeedResult } from "./run-seed";

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
};

interface Args {
  seeds: number;
  from: number;
  seed?: number;
  workers: number;
  json?: boolean;
  keep?: boolean;
  workDir?: string;
  intensity?: number;
}

async function inWorker(): Promise<void> {
  process.on("message", (msg: { seed: number; opts: SeedOptions }) => {
    runSeed(msg.seed, msg.opts).then(
      (r) => process.send!(r),
      (e: unknown) => process.send!({ seed: msg.seed, fatal: String(e) }),
    );
  });
}

/** Hands seeds to workers as they free up; results come back in completion order. */
function runInWorkers(
  seeds: number[],
  workers: number,
  opts: SeedOptions,
  onResult: (r: SeedResult) => void,
) {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = 0;
    const children: ChildProcess[] = [];
    const feed = (child: ChildProcess) => {
      if (next >= seeds.length) {
        child.kill();
        if (--running === 0) resolve();
        return;
      }
      child.send({ seed: seeds[next++], opts });
    };
    for (let i = 0; i < Math.min(workers, seeds.length); i++) {
      const child = fork(__filename, [], { env: { ...process.env, FAULT_SUITE_WORKER: "1" } });
      children.push(child);
      running++;
      child.on("message", (r: SeedResult & { fatal?: string }) => {
        if (r.fatal) {
          children.forEach((c) => c.kill());
          reject(new Error(`seed ${r.seed}: ${r.fatal}`));
          return;
        }
        onResult(r);
        feed(child);
      });
      child.on("exit", (code, signal) => {
        if (code !== 0 && signal !== "SIGTERM" && next <= seeds.length && running > 0)
          reject(new Error(`a worker died (code ${code}, signal ${signal}): a crash of the process itself`));
      });
      feed(child);
    }
  });
}

async function main(): Promise<void> {
  const program = new Command("fault-suite")
    .description(
      "Runs exports against the emulator under seeded faults and checks that nothing is lost or leaked.",
    )
    .option("--seeds <n>", "how many seeds to run", int, 1000)
    .option("--from <n>", "first seed", int, 1)
    .option("--seed <n>", "run this one seed and show what happened", int)
    .option("--workers <n>", "worker processes (default: one per core)", int, os.availableParallelism())
    .option("--json", "one JSON object per line: {metric, value}")
    .option("--keep", "keep every seed's directory (failed seeds are always kept)")
    .option("--work-dir <dir>", "where seeds write their snapshots (default: a new temp dir)")
    .option("--intensity <x>", "multiply every fault rate by x instead of the per-seed draw", parseFloat)
    .parse();
  const args = program.opts<Args>();
  const workDir = args.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "fault-suite-"));
  const opts: SeedOptions = {
    workDir,
    keep: args.keep,
    knobs: args.intensity !== undefined ? { intensity: args.intensity } : undefined,
  };
  const seeds =
    args.seed !== undefined ? [args.seed] : Array.from({ length: args.seeds }, (_, i) => args.from + i);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const results: SeedResult[] = [];
  const t0 = Date.now();
  const onResult = (r: SeedResult) => {
    results.push(r);
    if (r.outcome === "failed") log(describeFailure(r));
    if (!args.json && results.length % 100 === 0)
      log(`${results.length}/${seeds.length} seeds, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  };

  if (args.seed !== undefined) {
    log(`plan: ${JSON.stringify(planFromSeed(args.seed, opts.knobs))}`);
    const r = await runSeed(args.seed, { ...opts, keep: true });
    onResult(r);
    log(
      `outcome: ${r.outcome}; ${r.requests} requests, injected ${JSON.stringify(r.injected)}, persistent ${r.persistentHits}`,
    );
    log(`mutations: ${r.mutationsApplied.join("; ") || "none"}`);
    log(`fault of the surroundings: ${r.envFault ? JSON.stringify(envFaultOf(r.seed)) : "none"}`);
    log(
      `${r.checked} objects checked, ${r.explained} skipped with a reason, ${r.unseen} deleted unseen; files in ${r.dir}`,
    );
  } else if (args.workers <= 1) {
    for (const s of seeds) onResult(await runSeed(s, opts));
  } else {
    await runInWorkers(seeds, args.workers, opts, onResult);
  }
  const seconds = (Date.now() - t0) / 1000;
  results.sort((a, b) => a.seed - b.seed);
  const metrics = summarize(results, seconds);
  process.stdout.write(`${args.json ? jsonLines(metrics) : table(metrics)}\n`);
  const failed = results.filter((r) => r.outcome === "failed");
  const bad = metrics.some((m) => MUST_BE_ZERO.includes(m.metric) && m.value !== 0);
  if (failed.length)
    log(
      `failed seeds: ${failed.map((r) => r.seed).join(" ")} (reproduce one: npm run fault-suite -- --seed N)`,
    );
  if (!args.keep && args.seed === undefined && !failed.length && args.workDir === undefined)
    fs.rmSync(workDir, { recursive: true, force: true });
  process.exitCode = bad || failed.length ? 1 : 0;
}

if (process.env.FAULT_SUITE_WORKER === "1") void inWorker();
else
  main().catch((e: unknown) => {
    process.stderr.write(`fault-suite: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  });
