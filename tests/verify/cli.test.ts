import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runVerify } from "../../cli/commands/verify";
import { VerifyResult } from "../../verify";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";

afterAll(removeWrittenSnapshots);

// The emulator sample's SQL report notebook and its warehouse (emulator/seeds/sample-tree.ts, sample-compute.ts).
const NOTEBOOK = "/Shared/reports/daily_kpis";
const jobs = sampleWorld().list("job").length;
const primary = sampleWorld().write();
const good = replicaOf(sampleWorld()).write();
const drifted = replicaOf(sampleWorld())
  .remove("notebook", NOTEBOOK)
  .update("sql-warehouse", `sec-${SAMPLE_IDS.warehouse}`, (w) => {
    w.spec.cluster_size = "Large";
  })
  .write();

describe("databricks-dr verify", () => {
  it("exits 0 and prints the per-kind table and the expected differences apart", () => {
    const r = runVerify({ primary, secondary: good });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`│ jobs\\s+│\\s+${jobs} │\\s+${jobs} │\\s+0 │\\s+0 │\\s+0 │\\s+\\d+ │`),
    );
    expect(r.stdout).toMatch(/paused while the secondary is passive/);
    expect(r.stdout).toMatch(
      /^OK: the secondary matches the primary \(\d+ expected differences not counted\)\.$/m,
    );
    expect(r.stdout).not.toMatch(/Unexpected differences/);
  });

  it("exits 1 and names each unexpected difference", () => {
    const r = runVerify({ primary, secondary: drifted });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Unexpected differences/);
    expect(r.stdout).toMatch(/notebook\s+│ \/Shared\/reports\/daily_kp\s+│ missing/);
    expect(r.stdout).toMatch(
      /sql-warehouse\s+│ Analytics Warehouse\s+│ different\s+│ spec.cluster_size\s+│ Small\s+│ Large/,
    );
    expect(r.stdout).toMatch(/^FAIL: 2 object\(s\) missing, extra or different/m);
  });

  it("prints one JSON document for CI", () => {
    const r = runVerify({ primary, secondary: drifted, json: true });
    const doc = JSON.parse(r.stdout) as VerifyResult;
    expect(doc).toMatchObject({ ok: false, unexpected: 2, mode: "passive" });
    expect(doc.objects.filter((o) => o.unexpected).map((o) => `${o.kind}:${o.key}`)).toEqual([
      `notebook:${NOTEBOOK}`,
      "sql-warehouse:Analytics Warehouse",
    ]);
  });

  it("exits 2 on a bad snapshot, naming the side, the file and the field", () => {
    const bad = replicaOf(sampleWorld()).write();
    const f = path.join(bad, "descriptors", "job.json");
    fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace('"name": "Ad-hoc maintenance"', '"name": 7'));
    const r = runVerify({ primary, secondary: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad secondary snapshot .*descriptors\/job\.json/);
    expect(runVerify({ primary: "/nonexistent/x", secondary: good }).stderr).toMatch(/bad primary snapshot/);
    expect(runVerify({ primary, secondary: good, expectMissing: ["clusterz"] })).toMatchObject({ code: 2 });
    expect(runVerify({ primary, secondary: good, active: true, passive: true })).toMatchObject({ code: 2 });
  });

  it("takes activation, start policy and excluded kinds from the stack's settings file", () => {
    const active = replicaOf(sampleWorld(), { mode: "active" });
    for (const r of active.list("repo")) active.remove("repo", r.id);
    const dir = active.write();
    const config = path.join(tmpDir(), "Pulumi.secondary.yaml");
    fs.writeFileSync(
      config,
      'config:\n  databricks-dr:activation: "true"\n  databricks-dr:excludeKinds:\n    - repo\n',
    );
    expect(runVerify({ primary, secondary: dir, stackConfig: config })).toMatchObject({ code: 0 });
    // The flag wins over the file; without the file the missing repo counts.
    expect(runVerify({ primary, secondary: dir, stackConfig: config, passive: true }).code).toBe(1);
    expect(runVerify({ primary, secondary: dir, active: true }).stdout).toMatch(
      /repo\s+│ \/Repos\/alice\.smith@examp\s+│ missing/,
    );
    fs.writeFileSync(config, "config:\n  databricks-dr:excludeKinds: [reposs]\n");
    expect(runVerify({ primary, secondary: dir, stackConfig: config })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/databricks-dr:excludeKinds: unknown kind\(s\) reposs/),
    });
  });

  it("sets the process exit code through the real command line", () => {
    const bin = path.join(__dirname, "..", "..", "bin", "databricks-dr.js");
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, "verify", ...args], { encoding: "utf8" });
    expect(run("--primary", primary, "--secondary", drifted, "--json").status).toBe(1);
    const missing = run("--primary", primary);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--secondary/);
  });
});
