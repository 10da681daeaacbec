/**
 * The lifecycle suite: random, seeded sequences of primary changes applied through the round trip.
 *
 *   npm run lifecycle-suite -- --seeds N [--start S] [--steps K] [--verbose]
 *
 * Prints lifecycle_sequences, lifecycle_steps and lifecycle_violations (and each violation); exit 1 when
 * any step breaks an invariant.
 */
import { Command } from "commander";
import { runSequence } from "./sequence";

export async function runSuite(opts: { seeds: number; start?: number; steps?: number; verbose?: boolean }) {
  let steps = 0;
  const violations: string[] = [];
  for (let seed = opts.start ?? 1; seed < (opts.start ?? 1) + opts.seeds; seed++) {
    const r = await runSequence({ seed, steps: opts.steps });
    steps += r.steps;
    violations.push(...r.violations);
    if (opts.verbose) for (const l of r.log) console.log(`seed ${seed} ${l}`);
  }
  return { sequences: opts.seeds, steps, violations };
}

if (require.main === module) {
  const program = new Command()
    .option("--seeds <n>", "sequences to run", "20")
    .option("--start <n>", "first seed", "1")
    .option("--steps <n>", "steps per sequence after the first sync", "4")
    .option("--verbose", "print every step")
    .parse();
  const o = program.opts();
  runSuite({ seeds: Number(o.seeds), start: Number(o.start), steps: Number(o.steps), verbose: !!o.verbose })
    .then((r) => {
      for (const v of r.violations) console.log(v);
      console.log(`lifecycle_sequences ${r.sequences}`);
      console.log(`lifecycle_steps ${r.steps}`);
      console.log(`lifecycle_violations ${r.violations.length}`);
      process.exit(r.violations.length ? 1 : 0);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    });
}
