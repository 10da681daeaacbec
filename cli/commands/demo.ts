import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { Command, Option } from "commander";
import { writeReport } from "../../report";
import type { StackSettings } from "../../report/stack-config";
import { readSnapshot } from "../../snapshot/reader";
import { appliedByType, RoundTripStep, runRoundTrip } from "../../roundtrip";
import { sampleUcValues } from "../../roundtrip/sample-uc-values";

interface DemoFlags {
  out: string;
  workspace: "sample" | "fixtures";
  json?: boolean;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rel = (p: string) => path.relative(process.cwd(), p) || ".";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `npm run demo`: the whole DR loop on two local workspace emulators, no account needed. The primary
 * (`sample`) is exported; the stack program runs as the passive secondary under Pulumi's mocks, every
 * Databricks resource applied to an empty second emulator through the REST API as the provider would; the
 * secondary is exported and verified against the primary; the readiness report is written.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Run the whole loop on local emulators: export the primary, replicate it into an empty secondary with " +
        "the stack (Pulumi mocks applying every resource through the REST API), export it, verify, report.",
    )
    .option("--out <dir>", "where the snapshots and the report go", path.join("tmp", "demo"))
    .addOption(
      new Option(
        "--workspace <name>",
        "the primary: the emulator's sample, or the workspace built from the shared fixtures",
      )
        .choices(["sample", "fixtures"])
        .default("sample"),
    )
    .option("--json", "print one JSON summary instead of the text")
    .action(async (flags: DemoFlags) => {
      process.exitCode = await runDemo(flags);
    });
}

export async function runDemo(flags: DemoFlags): Promise<number> {
  const started = Date.now();
  let last = started;
  const lines: string[] = [];
  const say = (step: string, text: string) => {
    const now = Date.now();
    const line = `${step.padEnd(10)}${text}  (${secs(now - last)})`;
    last = now;
    if (flags.json) lines.push(line);
    else console.log(line);
  };
  if (!flags.json)
    console.log("databricks-dr demo: the DR loop on two local workspace emulators (no account needed)\n");
  // A value for one of the primary's secret keys, as `pulumi config set --secret` would hold it: the
  // report shows it set and the other two still to supply. Random, never printed.
  const secretValue = randomBytes(12).toString("hex");
  const values = {
    secrets: JSON.stringify({ etl: { "db-password": secretValue } }),
    // The sample has Unity Catalog: its secondary metastore, connector and storage map, as the README shows.
    ...(flags.workspace === "sample" ? sampleUcValues() : {}),
  };
  const onStep = (s: RoundTripStep) => {
    switch (s.step) {
      case "primary":
        return say("primary", `${flags.workspace} workspace emulated at ${s.url}`);
      case "primary-export":
        return say(
          "export",
          `${plural(total(s.summary.counts), "object")} of ${plural(kinds(s.summary.counts), "kind")} -> ${rel(s.summary.out)}`,
        );
      case "secondary":
        return say("secondary", `empty workspace emulated at ${s.url}`);
      case "stack": {
        const applied = appliedByType(s.result.log);
        const n = Object.values(applied).reduce((a, b) => a + b, 0);
        const top = Object.entries(applied)
          .sort(([, a], [, b]) => b - a)
          .slice(0, 4)
          .map(([t, c]) => `${c} ${t}`)
          .join(", ");
        const failed = s.result.log.failures.length;
        return say(
          "stack",
          `components/program.ts as the passive secondary under Pulumi mocks: ${plural(n, "resource")} applied ` +
            `through the REST API (${top}, ...)${failed ? `, ${failed} FAILED` : ""}`,
        );
      }
      case "secondary-export":
        return say(
          "export",
          `secondary, ${plural(total(s.summary.counts), "object")} -> ${rel(s.summary.out)}`,
        );
      case "verify": {
        const v = s.result;
        return say(
          "verify",
          (v.ok
            ? `OK: 0 unexpected differences (${v.expected} expected ones shown apart: new ids, paused schedules, ...)`
            : `FAIL: ${plural(v.unexpected, "unexpected difference")}`) +
            (s.preExisting.length
              ? `; ${plural(s.preExisting.length, "object")} the fresh workspace held before the stack ran, apart`
              : ""),
        );
      }
    }
  };

  const r = await runRoundTrip({
    primary: flags.workspace,
    dir: flags.out,
    token: `dapi${randomBytes(16).toString("hex")}`,
    rateLimits: true,
    values,
    onStep,
  });
  const settings: StackSettings = {
    file: "the demo's stack config",
    mounts: [],
    secretsSet: new Set(["etl/db-password"]),
    clusterStartPolicy: r.stack.config.clusterStartPolicy,
    passiveAutoTerminationMinutes: r.stack.config.passiveAutoTerminationMinutes,
    activation: r.stack.config.activation,
    excludedKinds: [],
    storageMap: r.stack.config.storageMap,
  };
  const { model, files } = writeReport(
    { snapshot: readSnapshot(r.primarySnapshot), now: new Date(), verify: r.verify, settings },
    path.join(flags.out, "report"),
  );
  say("report", files.map(rel).join(", "));
  const actions = r.stack.outputs.manualActions;
  if (flags.json) {
    console.log(
      JSON.stringify({
        ok: r.verify.ok && !r.stack.log.failures.length,
        unexpected: r.verify.unexpected,
        expected: r.verify.expected,
        applied: appliedByType(r.stack.log),
        failures: r.stack.log.failures,
        verdict: model.verdict,
        manualActions: actions.length,
        snapshots: { primary: r.primarySnapshot, secondary: r.secondarySnapshot },
        report: files,
        seconds: (Date.now() - started) / 1000,
        steps: lines,
      }),
    );
  } else {
    console.log(`\nreadiness ${model.verdict.label}: ${model.verdict.summary}`);
    console.log(`${plural(actions.length, "manual action")} reported by the stack, for example:`);
    for (const a of actions.slice(0, 3)) console.log(`  - ${a.kind} ${a.id}: ${a.action}`);
    console.log(
      `\nOpen ${rel(files[1])} in a browser. Compare the two exports yourself:\n` +
        `  npm run cli -- verify --primary ${rel(r.primarySnapshot)} --secondary ${rel(r.secondarySnapshot)}` +
        (r.preExisting.length ? ` --ignore '${r.preExisting.join(",")}'` : "") +
        "\n" +
        `done in ${secs(Date.now() - started)}`,
    );
  }
  return r.verify.ok && !r.stack.log.failures.length ? 0 : 1;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const kinds = (counts: Record<string, number>) => Object.values(counts).filter((n) => n > 0).length;
