import * as fs from "node:fs";
import * as path from "node:path";
import { runReport } from "../../cli/commands/report";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

const primary = sampleWorld().write();
// Every value the emulator sample needs (its etl scope's three keys) supplied.
const secondary = replicaOf(sampleWorld(), {
  suppliedSecrets: ["etl/api-token", "etl/db-password", "etl/storage-key"],
}).write();
const skipped: number = JSON.parse(fs.readFileSync(path.join(primary, "manifest.json"), "utf8")).skipped
  .length;

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
    // Of the sample's five users only Carol is provisioned from Entra ID.
    expect(r.stdout.split("\n")[0]).toMatch(
      new RegExp(
        `^ACTION NEEDED: To do: review ${skipped} skipped objects; check 4 identities in Entra ID[;.]`,
      ),
    );
    const md = fs.readFileSync(path.join(out, "report.md"), "utf8");
    expect(md).toMatch(/\| ✅ \| Secondary matches the primary \| No unexpected difference/);
    expect(md).toContain("| etl | api-token | set |");
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
    const bad = replicaOf(sampleWorld()).write();
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
