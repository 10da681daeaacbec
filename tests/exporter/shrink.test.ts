import * as path from "node:path";
import { runExport } from "../../exporters/run";
import { allowFromEnv, ShrinkRefused, shrinkOf } from "../../exporters/shrink";
import { useEmulator } from "../helpers/emulator-lifecycle";
import {
  clientFor,
  emulator,
  EXPORTED_AT,
  exportOnce,
  manifest,
  readTree,
  spawnExport,
  tmpDir,
} from "./helpers";

const total = (dir: string) =>
  Object.values(manifest(dir).counts as Record<string, number>).reduce((a, b) => a + b, 0);

describe("shrinkOf", () => {
  it("flags a kind emptied, and a loss beyond the threshold of all objects", () => {
    expect(shrinkOf({ job: 10, user: 90 }, { job: 10, user: 81 })).toBeUndefined();
    expect(shrinkOf({ job: 10, user: 90 }, { job: 10, user: 79 })).toEqual({
      emptied: [],
      before: 100,
      after: 89,
      threshold: 0.1,
    });
    expect(shrinkOf({ job: 2, user: 98 }, { user: 98 })?.emptied).toEqual([{ kind: "job", before: 2 }]);
    expect(shrinkOf({ job: 2, user: 98 }, { job: 0, user: 98 })?.emptied).toEqual([
      { kind: "job", before: 2 },
    ]);
    expect(shrinkOf({ user: 100 }, { user: 60 }, 0.5)).toBeUndefined();
    expect(shrinkOf({ job: 0 }, {})).toBeUndefined();
    expect(shrinkOf({}, {})).toBeUndefined();
  });

  it("reads the CI switch from the environment", () => {
    expect(allowFromEnv({})).toBeUndefined();
    expect(allowFromEnv({ DATABRICKS_DR_ALLOW_SHRINK: "0" })).toBeUndefined();
    expect(allowFromEnv({ DATABRICKS_DR_ALLOW_SHRINK: "1" })).toBe("DATABRICKS_DR_ALLOW_SHRINK=1");
    expect(allowFromEnv({ DATABRICKS_DR_ALLOW_SHRINK: "jobs moved to another workspace" })).toBe(
      "jobs moved to another workspace",
    );
  });
});

describe("an export never replaces a snapshot with less without a reason", () => {
  const ctx = useEmulator(() => emulator(), "test");

  /** A good snapshot of the sample and its object count (every kind the sample holds, whatever they are). */
  async function goodSnapshot(): Promise<{ out: string; before: Map<string, Buffer>; n: number }> {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(ctx.emu, out);
    const n = total(out);
    expect(n).toBeGreaterThan(0);
    return { out, before: readTree(out), n };
  }

  it("a kind that lists as unavailable keeps the old snapshot and leaves the new one for review", async () => {
    const { out, before, n } = await goodSnapshot();
    const jobs = manifest(out).counts.job as number;
    expect(jobs).toBeGreaterThan(0);
    ctx.emu.use(async (c, next) =>
      c.path.includes("/jobs/list")
        ? { status: 403, body: { error_code: "PERMISSION_DENIED", message: "no access to jobs" } }
        : next(),
    );
    const err = await exportOnce(ctx.emu, out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShrinkRefused);
    const refused = err as ShrinkRefused;
    expect(refused.exitCode).toBe(3);
    expect(refused.message).toContain(`job ${jobs} → 0`);
    expect(refused.message).not.toContain("\n");
    expect(readTree(out)).toEqual(before);
    // The new snapshot is complete, beside the old one, in the work directory git ignores.
    expect(refused.review).toBe(path.join(path.dirname(out), ".snap.work", "rejected"));
    expect(manifest(refused.review).counts.job).toBeUndefined();
    // Every job went, and with them their ACLs (permissions descriptors of object type "jobs").
    const jobAcls = JSON.parse(before.get("descriptors/permissions.json")!.toString()).items.filter(
      (d: { objectType: string }) => d.objectType === "jobs",
    ).length;
    expect(total(refused.review)).toBe(n - jobs - jobAcls);
  });

  it("a loss beyond the threshold is refused; --allow-shrink with a reason replaces it and records why", async () => {
    const { out, before, n } = await goodSnapshot();
    // 4 of the 5 users: 4 of n objects (above 2% while the sample holds fewer than 200: 149 with the ACLs
    // of every kind that has them), no kind emptied.
    expect(4 / n).toBeGreaterThan(0.02);
    for (const id of [...ctx.emu.state.users.keys()].slice(0, 4)) ctx.emu.state.users.delete(id);
    await expect(exportOnce(ctx.emu, out, { shrink: { threshold: 0.02 } })).rejects.toThrow(
      `${n} → ${n - 4} objects (-${((4 / n) * 100).toFixed(1)}%, threshold 2%)`,
    );
    expect(readTree(out)).toEqual(before);
    const s = await exportOnce(ctx.emu, out, {
      shrink: { threshold: 0.02, allow: "offboarded the contractors" },
    });
    expect(total(out)).toBe(n - 4);
    expect(s.shrinkAccepted).toEqual({
      reason: "offboarded the contractors",
      before: n,
      after: n - 4,
      emptied: [],
    });
    expect(manifest(out).shrinkAccepted).toEqual(s.shrinkAccepted);
  });

  it("a loss under the default 10% goes through with no reason needed", async () => {
    const { out, n } = await goodSnapshot();
    for (const id of [...ctx.emu.state.users.keys()].slice(0, 4)) ctx.emu.state.users.delete(id);
    const s = await runExport({ client: clientFor(ctx.emu), out, exportedAt: EXPORTED_AT });
    expect(total(out)).toBe(n - 4);
    expect(s.shrinkAccepted).toBeUndefined();
  });
});

describe("databricks-dr export: shrink exit code and the CI switch", () => {
  const ctx = useEmulator(() => emulator());

  /** The CLI in a child process (asynchronously: the emulator answers from this one). */
  const cli = async (out: string, env: Record<string, string> = {}, ...flags: string[]) => {
    const run = spawnExport(ctx.emu.url, out, flags, env);
    return { status: await run.exited, stderr: run.stderr() };
  };

  it("exits 3 naming kinds and counts; DATABRICKS_DR_ALLOW_SHRINK accepts it", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(ctx.emu, out);
    const jobs = manifest(out).counts.job as number;
    const refused = await cli(out, {}, "--exclude-kinds", "job");
    expect(refused.status).toBe(3);
    const errLines = refused.stderr.trim().split("\n");
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(new RegExp(`^databricks-dr: refusing to replace .* job ${jobs} → 0`));
    expect(manifest(out).counts.job).toBe(jobs);
    const accepted = await cli(
      out,
      { DATABRICKS_DR_ALLOW_SHRINK: "jobs now live in another workspace" },
      "--exclude-kinds",
      "job",
    );
    expect([accepted.status, accepted.stderr]).toEqual([0, ""]);
    expect(manifest(out).counts.job).toBeUndefined();
    expect(manifest(out).shrinkAccepted).toMatchObject({
      reason: "jobs now live in another workspace",
      emptied: [{ kind: "job", before: jobs }],
    });
  }, 60_000);
});
