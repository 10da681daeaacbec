import * as fs from "node:fs";
import * as path from "node:path";
import { runReport } from "../../cli/commands/report";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, sampleWorkspace, tmpDir } from "../helpers/snapshot-builder";

afterAll(removeWrittenSnapshots);

const primary = sampleWorkspace().write();
const secondary = replicaOf(sampleWorkspace(), {
  suppliedSecrets: ["etl/api-key", "etl/db-password"],
}).write();

describe("databricks-dr report", () => {
  it("writes report.md and report.html and prints the verdict", () => {
    const out = path.join(tmpDir(), "r");
    const config = path.join(tmpDir(), "Pulumi.secondary.yaml");
    fs.writeFileSync(config, "config:\n  databricks-dr:mounts:\n    - name: raw\n      container: data\n");
    const r = runReport({
      snapshot: primary,
      secondary,
      out,
      now: "2026-11-25T09:30:00Z",
      stackConfig: config,
    });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout.split("\n")[0]).toBe(
      "ACTION NEEDED: To do: review 2 skipped objects; check 1 identity in Entra ID.",
    );
    const md = fs.readFileSync(path.join(out, "report.md"), "utf8");
    expect(md).toMatch(/\| ✅ \| Secondary matches the primary \| No unexpected difference/);
    expect(md).toContain("| etl | api-key | set |");
    expect(md).toContain("| /mnt/raw | data | / | (the region's account) |");
    expect(fs.readFileSync(path.join(out, "report.html"), "utf8")).toMatch(/<b>ACTION NEEDED<\/b>/);
  });

  it("exits 2 on bad input, naming what is wrong", () => {
    expect(runReport({ snapshot: primary, now: "yesterday" })).toMatchObject({
      code: 2,
      stderr: /--now "yesterday"/,
    });
    expect(runReport({ snapshot: "/nonexistent" })).toMatchObject({
      code: 2,
      stderr: /bad primary snapshot/,
    });
    const bad = replicaOf(sampleWorkspace()).write();
    fs.writeFileSync(path.join(bad, "manifest.json"), "{");
    expect(runReport({ snapshot: primary, secondary: bad })).toMatchObject({
      code: 2,
      stderr: /bad secondary snapshot .*manifest\.json: is not valid JSON/,
    });
    expect(runReport({ snapshot: primary, stackConfig: "/nonexistent.yaml" })).toMatchObject({
      code: 2,
      stderr: /--stack-config/,
    });
  });
});
