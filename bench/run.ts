/**
 * `npm run bench`: the exporter against the emulator's `large` workspace (10,000 notebooks in ~1,000
 * folders, 2,000 jobs, 300 clusters, 5,000 users, 500 groups) with latency and the published rate limits,
 * then the stack build for the same size (bench/stack-build.ts). A script, not a test: it prints figures.
 *
 *   npm run bench -- [--scale 0.1] [--notebooks N --folders N --jobs N --clusters N --users N --groups N]
 *                    [--<any LargeSizes knob> N, e.g. --pipelines --sqlQueries --sqlAlerts --ipAccessLists]
 *                    [--latency 20-50] [--concurrency 64] [--no-archives] [--no-half-limits] [--no-stack]
 *                    [--no-rto] [--keep] [--json]
 *
 * The emulator and each export run in child processes, so an export's peak RSS is its own. Figures:
 * export_seconds, export_efficiency (the floor over export_seconds, not capped: the floor is the fewest
 * requests the workspace's contents need per endpoint family, counted from the emulator's state by
 * bench/floor.ts, beyond each family's one-second burst, at the emulator's limits; the slowest family),
 * export_429s,
 * export_peak_rss_mb, export_failed_objects, export_vs_per_object_floor (export_seconds over notebooks ÷ 60,
 * the time one export call per notebook needs), reexport_* (an unchanged re-export from that snapshot),
 * incremental_* (after a few edits), half_limits_* (a full export against the emulator at half its
 * limits: the client's pacing table is its own, so it must find the lower limits itself), stack_build_*.
 */
import { ChildProcess, fork, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Table from "cli-table3";
import type { Stats } from "../emulator";
import { Census, efficiencyMetric, Floor, floorOf, neededRequests } from "./floor";
import type { ExportChildArgs } from "./export-child";
import { DEFAULT_ACL_REFRESH_RUNS } from "../exporters/acl-refresh";
import { rtoApplyMetrics } from "./rto-run";
import { LARGE_DEFAULTS, LargeSizes } from "../emulator/seeds/large";

// Every knob of the emulator's large seed (its families added since included), so --scale scales them all.
const DEFAULTS: Record<keyof LargeSizes, number> = { ...LARGE_DEFAULTS };
type Sizes = typeof DEFAULTS;
const TOKEN = "dapi0bench000000000000000000000000";
const TSX = ["--require", "tsx/cjs"];

interface Flags {
  sizes: Sizes;
  latency: [number, number];
  concurrency: number;
  archives: boolean;
  halfLimits: boolean;
  stack: boolean;
  keep: boolean;
  json: boolean;
}

function parseFlags(argv: string[]): Flags {
  const val = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`--${name}: "${v}" is not a number`);
    return n;
  };
  const scale = val("scale") === undefined ? 1 : num("scale", val("scale"));
  const sizes = { ...DEFAULTS };
  for (const k of Object.keys(sizes) as (keyof Sizes)[]) {
    if (DEFAULTS[k] > 0) sizes[k] = Math.max(1, Math.round(DEFAULTS[k] * scale));
    if (val(k) !== undefined) sizes[k] = Math.round(num(k, val(k)));
  }
  const lat = /^(\d+)(?:-(\d+))?$/.exec(val("latency") ?? "20-50");
  if (!lat) throw new Error("--latency: MS or MIN-MAX");
  return {
    sizes,
    latency: [Number(lat[1]), Number(lat[2] ?? lat[1])],
    concurrency: val("concurrency") === undefined ? 64 : num("concurrency", val("concurrency")),
    archives: !argv.includes("--no-archives"),
    halfLimits: !argv.includes("--no-half-limits"),
    stack: !argv.includes("--no-stack"),
    keep: argv.includes("--keep"),
    json: argv.includes("--json"),
  };
}

/** A forked TypeScript child with a request/answer channel. */
class Child {
  private seq = 0;
  private readonly waiting = new Map<number, (m: Record<string, unknown>) => void>();
  private constructor(readonly proc: ChildProcess) {
    proc.on("message", (m: Record<string, unknown>) => {
      const id = m.id as number | undefined;
      if (id !== undefined) this.waiting.get(id)?.(m);
      this.waiting.delete(id!);
    });
  }
  static start(script: string, arg: unknown): Promise<{ child: Child; first: Record<string, unknown> }> {
    const proc = fork(path.join(__dirname, script), [JSON.stringify(arg)], {
      execArgv: TSX,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      proc.once("message", (first: Record<string, unknown>) => resolve({ child: new Child(proc), first }));
      proc.once("exit", (code) => reject(new Error(`${script} exited with ${code} before answering`)));
    });
  }
  ask(cmd: string): Promise<Record<string, unknown>> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.proc.send({ id, cmd });
    });
  }
}

interface ExportResult {
  /** Until the new snapshot is in place; removing the replaced one takes `cleanupSeconds` more. */
  seconds: number;
  cleanupSeconds: number;
  failed: number;
  skipped: number;
  reused: number;
  peakRssMb: number;
  kinds: { kind: string; listed: number; reused: number }[];
  acl?: { refreshRuns: number; read: number; reused: number; oldestReadAt?: string };
  archives: { calls: number; refused: number; fallbacks: number };
  requests: { requests: number; throttled: number };
}

async function runExportChild(args: ExportChildArgs): Promise<ExportResult> {
  const { child, first } = await Child.start("export-child.ts", args);
  await new Promise((r) => child.proc.once("exit", r));
  if (first.error) throw new Error(`export failed: ${String(first.error)}`);
  return first.result as ExportResult;
}

/** The floor for what the emulator's workspace holds, at the limits it enforces (bench/floor.ts). */
async function floorFor(emu: Child, archives: boolean) {
  const c = (await emu.ask("census")).census as Census;
  const limits = (await emu.ask("limits")).limits as Record<string, number>;
  return floorOf(neededRequests(c, archives), limits);
}

/** Efficiency and its floor, uncapped (bench/floor.ts efficiencyMetric). */
const efficiency = (metric: string, floor: Floor, seconds: number): Metric =>
  efficiencyMetric(metric, floor, seconds);

const notebookExports = (s: Stats) => s.byEndpoint["GET /api/2.0/workspace/export"] ?? 0;

interface Metric {
  metric: string;
  value: number | null;
  unit?: string;
  target?: string;
  note?: string;
  [k: string]: unknown;
}

function stackBuild(sizes: Sizes): Metric[] {
  const script = path.join(__dirname, "stack-build.ts");
  const missing = (note: string): Metric[] => [
    { metric: "stack_build_seconds", value: null, note },
    { metric: "stack_build_peak_rss_mb", value: null, note },
  ];
  if (!fs.existsSync(script)) return missing("missing: bench/stack-build.ts does not exist yet");
  const args = Object.entries(sizes).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = spawnSync(process.execPath, [...TSX, script, ...args, "--json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const found = (r.stdout ?? "").split("\n").flatMap((l) => {
    try {
      const m = JSON.parse(l) as Metric;
      return m && typeof m.metric === "string" && m.metric.startsWith("stack_build") ? [m] : [];
    } catch {
      return [];
    }
  });
  if (r.status !== 0 || found.length === 0)
    return missing(`missing: stack-build failed (${(r.stderr ?? "").trim().split("\n").pop() ?? r.status})`);
  return found;
}

/**
 * Re-export ratio: objects read again ÷ objects listed, over the kinds an incremental run can reuse (they
 * carry a version signature: workspace objects, jobs, clusters, DBFS files, init scripts, ACLs); users,
 * groups, scopes and settings come whole with their listing and are counted apart (`all_kinds`).
 */
const REUSABLE = new Set([
  "notebook",
  "directory",
  "workspace-file",
  "job",
  "cluster",
  "dbfs-file",
  "global-init-script",
  "permissions",
]);
function reexportRatio(r: ExportResult): { reusable: number; all: number } {
  const sum = (ks: ExportResult["kinds"]) =>
    ks.reduce((a, k) => [a[0] + k.listed - k.reused, a[1] + k.listed], [0, 0]);
  const [readR, listedR] = sum(r.kinds.filter((k) => REUSABLE.has(k.kind)));
  const [readA, listedA] = sum(r.kinds);
  return { reusable: listedR ? readR / listedR : 0, all: listedA ? readA / listedA : 0 };
}

async function aclRefreshDays(args: ExportChildArgs, say: (l: string) => void): Promise<Metric[]> {
  const n = DEFAULT_ACL_REFRESH_RUNS;
  const day = (d: number) => new Date(Date.UTC(2026, 0, 2 + d, 6)).toISOString();
  const ratios: number[] = [];
  const all: number[] = [];
  let last: ExportResult | undefined;
  for (let d = 0; d < n; d++) {
    say(`unchanged re-export, day ${d + 1} of ${n} (rolling ACL re-read) ...`);
    last = await runExportChild({ ...args, exportedAt: day(d) });
    const r = reexportRatio(last);
    ratios.push(r.reusable);
    all.push(r.all);
  }
  const oldest = last?.acl?.oldestReadAt;
  const ageDays = oldest ? (Date.parse(day(n - 1)) - Date.parse(oldest)) / 86_400_000 : NaN;
  return [
    {
      metric: "reexport_ratio",
      value: round(Math.max(...ratios), 3),
      target: "<= 0.2",
      note: `max over ${n} daily runs; mean ${round(ratios.reduce((a, b) => a + b, 0) / n, 3)}; all kinds ${round(Math.max(...all), 3)}`,
    },
    {
      metric: "acl_oldest_age_days",
      value: round(ageDays, 2),
      target: `<= ${n - 1} (N = ${n})`,
      acls_read_last_run: last?.acl?.read ?? 0,
      acls_reused_last_run: last?.acl?.reused ?? 0,
    },
  ];
}

async function main(): Promise<void> {
  const f = parseFlags(process.argv.slice(2));
  const say = (line: string) => (f.json ? process.stderr : process.stdout).write(line + "\n");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dr-bench-"));
  const out = path.join(work, "snapshot");
  say(
    `bench: large workspace ${JSON.stringify(f.sizes)}, latency ${f.latency.join("-")} ms, ` +
      `published rate limits, concurrency ${f.concurrency}${f.archives ? "" : ", no archives"}`,
  );
  const emulatorArgs = {
    workspace: "large",
    large: f.sizes,
    latencyMs: f.latency[0],
    latencyJitterMs: f.latency[1] - f.latency[0],
    rateLimits: true,
    token: TOKEN,
  };
  const { child: emu, first } = await Child.start("emulator-child.ts", emulatorArgs);
  const host = first.url as string;
  const stats = async () => (await emu.ask("stats")).stats as Stats;
  const exportArgs: ExportChildArgs = {
    host,
    token: TOKEN,
    out,
    concurrency: f.concurrency,
    archives: f.archives,
  };
  const metrics: Metric[] = [];
  try {
    // 1. Full export into an empty directory.
    await emu.ask("reset");
    say("full export ...");
    const full = await runExportChild(exportArgs);
    const fullStats = await stats();
    const floor = await floorFor(emu, f.archives);
    metrics.push(
      { metric: "export_seconds", value: round(full.seconds), unit: "s", ...f.sizes },
      efficiency("export_efficiency", floor, full.seconds),
      {
        metric: "export_429s",
        value: fullStats.throttled,
        target: "~0",
        client_saw: full.requests.throttled,
        served_in_floor_family: fullStats.byFamily[floor.family] ?? 0,
      },
      { metric: "export_peak_rss_mb", value: Math.round(full.peakRssMb), unit: "MB", target: "<= 200" },
      { metric: "export_failed_objects", value: full.failed, target: "0" },
      {
        metric: "export_vs_per_object_floor",
        value: round(full.seconds / (f.sizes.notebooks / 60), 3),
        target: "< 1.0",
        notebook_export_calls: notebookExports(fullStats),
        archive_calls: full.archives.calls,
        archives_refused: full.archives.refused,
      },
      { metric: "export_requests", value: fullStats.total },
    );

    // 2. The same workspace again, from that snapshot: nothing changed.
    await emu.ask("reset");
    say("unchanged re-export ...");
    const again = await runExportChild(exportArgs);
    const againStats = await stats();
    metrics.push(
      {
        metric: "reexport_seconds",
        value: round(again.seconds),
        unit: "s",
        then_old_snapshot_removed_in: round(again.cleanupSeconds),
      },
      { metric: "reexport_notebook_exports", value: notebookExports(againStats), target: "0" },
      { metric: "reexport_time_ratio", value: round(again.seconds / full.seconds, 3), target: "<= 0.1" },
      { metric: "reexport_requests", value: againStats.total, reused: again.reused },
      { metric: "reexport_peak_rss_mb", value: Math.round(again.peakRssMb), unit: "MB" },
    );

    // 2b. Daily unchanged re-exports for N days (N = the default --acl-refresh-runs): the ACLs of unchanged
    // objects are re-read in a rolling 1/N (exporters/acl-refresh.ts). Figures: the share of listed objects
    // read again rather than reused, and how old the oldest ACL in the snapshot is after N days.
    if (!process.argv.includes("--no-acl-refresh")) metrics.push(...(await aclRefreshDays(exportArgs, say)));

    // 3. A few edits (notebook edited, added, deleted; a job renamed; a cluster removed), then again.
    const mutated = (await emu.ask("mutate")).mutated;
    await emu.ask("reset");
    say(`incremental export after ${JSON.stringify(mutated)} ...`);
    const inc = await runExportChild(exportArgs);
    const incStats = await stats();
    metrics.push(
      { metric: "incremental_seconds", value: round(inc.seconds), unit: "s" },
      { metric: "incremental_notebook_exports", value: notebookExports(incStats) },
      { metric: "incremental_requests", value: incStats.total, reused: inc.reused },
    );
  } finally {
    await emu.ask("close").catch(() => undefined);
  }

  // 4. A full export against the same workspace with every limit halved.
  if (f.halfLimits) {
    const { child: half, first: h } = await Child.start("emulator-child.ts", {
      ...emulatorArgs,
      limitScale: 0.5,
    });
    try {
      say("full export at half the limits ...");
      const r = await runExportChild({ ...exportArgs, host: h.url as string, out: path.join(work, "half") });
      const s = (await half.ask("stats")).stats as Stats;
      metrics.push(
        { metric: "half_limits_export_seconds", value: round(r.seconds), unit: "s" },
        efficiency("half_limits_export_efficiency", await floorFor(half, f.archives), r.seconds),
        { metric: "half_limits_export_429s", value: s.throttled, client_saw: r.requests.throttled },
        { metric: "half_limits_export_failed_objects", value: r.failed, target: "0" },
      );
    } finally {
      await half.ask("close").catch(() => undefined);
    }
  }
  if (!f.keep) fs.rmSync(work, { recursive: true, force: true });
  else say(`kept ${work}`);

  if (f.stack) {
    say("stack build ...");
    metrics.push(...stackBuild(f.sizes));
  }
  // 5. The round trip's apply of the same size at the published write limits, against the RTO estimate.
  if (!process.argv.includes("--no-rto")) {
    say("apply at the published limits, against the RTO estimate ...");
    metrics.push(...rtoApplyMetrics(f.sizes, f.latency));
  }

  if (f.json) {
    for (const m of metrics) console.log(JSON.stringify(m));
    return;
  }
  const table = new Table({
    head: ["metric", "value", "target", "notes"],
    style: { head: [], border: [] },
    colAligns: ["left", "right", "left", "left"],
  });
  for (const m of metrics) {
    const { metric, value, unit, target, note, ...rest } = m;
    const extra = Object.entries(rest)
      .filter(([k]) => !(k in DEFAULTS))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(" ");
    table.push([
      metric,
      value === null ? "missing" : `${value}${unit ? ` ${unit}` : ""}`,
      target ?? "",
      [note, extra].filter(Boolean).join(" "),
    ]);
  }
  console.log(table.toString());
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
