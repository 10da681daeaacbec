import * as fs from "node:fs";
import * as path from "node:path";
import { FAULT_KINDS, MUTATION_OPS, planFromSeed } from "../../emulator/faults";
import { ExportOptions, runExport } from "../../exporters/run";
import { summarize } from "../../fault-suite/metrics";
import { runSeed, SeedResult } from "../../fault-suite/run-seed";
import { editSnapshot, removeTmpDirs, tmpDir } from "./helpers";

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

afterAll(() => removeTmpDirs());

describe("fault suite: 25 seeds inside npm test", () => {
  let results: SeedResult[];
  beforeAll(async () => {
    const workDir = tmpDir("fault-suite-test-");
    results = [];
    for (const seed of SEEDS) results.push(await runSeed(seed, { workDir }));
  }, 300_000);

  it("loses nothing, never crashes, never leaks, and keeps the previous snapshot whole", () => {
    const bad = results.filter((r) => r.outcome === "failed");
    expect(
      bad.map((r) => ({
        seed: r.seed,
        losses: r.losses,
        crashes: r.crashes,
        leaks: r.leaks,
        prev: r.previousDamaged,
      })),
    ).toEqual([]);
    const m = Object.fromEntries(summarize(results, 0).map((x) => [x.metric, x.value]));
    expect([
      m.fault_runs,
      m.fault_silent_losses,
      m.fault_crashes,
      m.fault_leaks,
      m.fault_previous_snapshot_damaged,
    ]).toEqual([25, 0, 0, 0, 0]);
    expect(m.fault_retry_after_early).toBe(0);
  });

  it("actually injected every fault kind, mutated the workspace, planted oversize notebooks", () => {
    const m = Object.fromEntries(summarize(results, 0).map((x) => [x.metric, x.value]));
    for (const k of FAULT_KINDS)
      expect([k, m[`fault_injected_${k.replace(/-/g, "_")}`] > 0]).toEqual([k, true]);
    const ops = new Set(results.flatMap((r) => r.mutationsApplied.map((a) => a.split(" ")[0])));
    expect([...ops].sort()).toEqual([...MUTATION_OPS].sort());
    expect(m.fault_oversize_notebooks).toBeGreaterThan(0);
    expect(m.fault_persistent_failures).toBeGreaterThan(0);
    // ...and the exports that went through still held every object (or its skip).
    for (const r of results.filter((r) => r.outcome === "ok"))
      expect([r.seed, r.checked > 80]).toEqual([r.seed, true]);
    expect(results.filter((r) => r.outcome === "ok").length).toBeGreaterThan(18);
    expect(results.filter((r) => r.outcome === "planned-failure").length).toBeGreaterThan(0);
    // Runs over a previous snapshot of the same host go incremental: reuse is exercised under faults too.
    expect(m.fault_objects_reused).toBeGreaterThan(0);
  });
});

describe("fault suite: a broken exporter is caught", () => {
  const workDir = tmpDir("fault-suite-broken-");
  // The sample workspace, a previous snapshot, faults; no mutation or persistent failure to excuse a loss.
  const seed = 14;
  beforeAll(() => {
    const plan = planFromSeed(seed);
    expect([plan.mutations, plan.persistent, seed % 3 !== 0, seed % 4 !== 3]).toEqual([[], [], true, true]);
  });

  it("one notebook dropped from the snapshot is a silent loss", async () => {
    const lossy = async (o: ExportOptions) => {
      const s = await runExport(o);
      editSnapshot(o.out, "notebook", (items) => items.filter((i) => i.id !== "/Shared/etl/silver_to_gold"));
      return s;
    };
    const r = await runSeed(seed, { workDir, exporter: lossy });
    expect(r.outcome).toBe("failed");
    expect(r.losses).toContainEqual({
      kind: "notebook",
      id: expect.stringContaining("/Shared/etl/silver_to_gold"),
      what: expect.any(String),
    });
  });

  it("a token in a log line or a snapshot file is a leak", async () => {
    const leaky = async (o: ExportOptions) => {
      const s = await runExport(o);
      const token = (o.client as unknown as { opts: { auth: { token: string } } }).opts.auth.token;
      fs.writeFileSync(path.join(o.out, "content", "debug.txt"), token);
      o.log?.(`calling with ${Buffer.from(token).toString("base64")}`);
      return s;
    };
    const r = await runSeed(seed, { workDir, exporter: leaky });
    expect(r.outcome).toBe("failed");
    expect(r.leaks.map((l) => l.where).sort()).toEqual(
      [expect.stringMatching(/^log line \d+$/), "snap/content/debug.txt"].sort(),
    );
  });

  it("an export that throws is a crash; one that also damages the previous snapshot is caught as such", async () => {
    const crash = async (o: ExportOptions): ReturnType<typeof runExport> => {
      fs.rmSync(path.join(o.out, "manifest.json"));
      throw new Error("boom");
    };
    const r = await runSeed(seed, { workDir, exporter: crash });
    expect(r.hadPrevious).toBe(true);
    expect(r.crashes).toEqual(["runExport threw: boom"]);
    expect(r.previousDamaged).toEqual(["previous snapshot changed"]);
  });
});
