import * as fs from "node:fs";
import * as path from "node:path";
import { buildReport, renderHtml, renderMarkdown, writeReport } from "../../report";
import { readSnapshot } from "../../snapshot/reader";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

const NOW = new Date("2026-11-25T09:30:00.000Z");
const FIX = "move the value into a secret scope and reference it as {{secrets/<scope>/<key>}}";
// Built at run time: nothing token-shaped is committed.
const TOKEN = "dapi" + "3f".repeat(16);

function snapshot() {
  const dir = sampleWorld()
    .manifest({
      findings: [
        {
          kind: "cluster",
          id: "0101-010000-etl",
          field: 'spec.spark_conf["fs.azure.account.key.acct.dfs.core.windows.net"]',
          type: "storage-account-key",
          fix: FIX,
        },
        { kind: "notebook", id: "/Shared/etl/load", field: "content:4", type: "databricks-token", fix: FIX },
      ],
      acl: {
        refreshRuns: 7,
        run: 12,
        read: 20,
        reused: 110,
        oldestReadAt: "2026-11-19T06:00:00.000Z",
        readAt: { "6": "2026-11-19T06:00:00.000Z", "12": "2026-11-25T06:00:00.000Z" },
      },
      skipped: [
        { kind: "job", id: "7", reason: `RESOURCE_DOES_NOT_EXIST: token ${TOKEN} echoed by a proxy` },
      ],
    })
    .write();
  return readSnapshot(dir);
}

describe("report: plaintext credentials and permissions freshness", () => {
  it("warns about each credential (where, never a value) with the fix, and dates the oldest ACL", () => {
    const r = buildReport({ snapshot: snapshot(), now: NOW });
    expect(r.checks.find((c) => c.name === "Credentials in plain text")).toMatchObject({
      level: "warn",
      todo: "move 2 plaintext credentials into secret scopes",
    });
    expect(r.verdict.summary).toContain("move 2 plaintext credentials into secret scopes");
    expect(r.acl).toMatchObject({ refreshRuns: 7, oldestReadAt: "2026-11-19T06:00:00.000Z" });
    expect(r.acl!.text).toMatch(/oldest ACL in the snapshot was read 6 d 3 h ago .* within 7 exports/);
    const md = renderMarkdown(r);
    expect(md).toContain(
      '| cluster | 0101-010000-etl | spec.spark_conf["fs.azure.account.key.acct.dfs.core.windows.net"] | storage-account-key |',
    );
    expect(md).toContain("| notebook | /Shared/etl/load | content:4 | databricks-token |");
    expect(md).toMatch(/## Permissions freshness\n\n.*read 6 d 3 h ago/);
    expect(renderHtml(r)).toContain('<h2 id="credentials">Plaintext credentials</h2>');
  });

  it("with nothing found, says so; the written report passes through the redaction", () => {
    const clean = buildReport({ snapshot: readSnapshot(sampleWorld().write()), now: NOW });
    expect(clean.checks.find((c) => c.name === "Credentials in plain text")?.level).toBe("ok");
    const out = path.join(tmpDir(), "r");
    writeReport({ snapshot: snapshot(), now: NOW }, out);
    for (const f of ["report.md", "report.html"]) {
      const text = fs.readFileSync(path.join(out, f), "utf8");
      expect(text).toContain("echoed by a proxy");
      expect(text).not.toContain(TOKEN);
    }
  });
});
