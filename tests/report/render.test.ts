import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";

afterAll(removeWrittenSnapshots);

const NOW = new Date("2026-11-25T09:30:00.000Z");
const primary = readSnapshot(
  sampleWorld().skip("notebook", "/Shared/<script>alert(1)</script>", "name with | pipe & <markup>").write(),
);
// The emulator sample's SQL report notebook goes missing, and the hourly report job's task (on Analytics
// Small) runs on the ETL API cluster: two objects differ. The replica's job ids are 9000 + the primary's.
const drifted = readSnapshot(
  replicaOf(sampleWorld())
    .remove("notebook", "/Shared/reports/daily_kpis")
    .update("job", String(9000 + SAMPLE_IDS.jobs.hourlyReport), (j) => {
      (j.settings.tasks as Record<string, unknown>[])[0].existing_cluster_id =
        `sec-${SAMPLE_IDS.etlApiCluster}`;
    })
    .write(),
);
const jobs = primary.descriptors.job.length;
const objects = Object.values(primary.descriptors).reduce((n, d) => n + d.length, 0);
const alone = buildReport({ snapshot: primary, now: NOW });
const withSecondary = buildReport({
  snapshot: primary,
  now: NOW,
  verify: compareSnapshots(primary, drifted),
});

describe("report.md", () => {
  const md = renderMarkdown(withSecondary);

  it("opens with the verdict and what to do", () => {
    expect(md.split("\n")[0]).toBe("# DR readiness: NOT READY");
    expect(md).toMatch(
      /❌ \*\*NOT READY\*\*: Not ready: the secondary differs from the primary \(2 objects\)\./,
    );
    expect(md).toMatch(
      /\| ✅ \| Snapshot age \(RPO\) \| The snapshot is 3 h 30 min old \(target ≤ 24 h\)\. \|/,
    );
  });

  it("has coverage per kind with the secondary's counts", () => {
    // 8 notebooks and the one skip the test adds; 7 match, 1 missing.
    expect(md).toMatch(/\| notebooks \| 8 \| 1 \| 7 \| 1 \| 0 \| 0 \| {2}\|/);
    expect(md).toContain(`| jobs | ${jobs} | 0 | ${jobs - 1} | 0 | 0 | 1 |  |`);
  });

  it("lists unexpected differences field by field and expected ones apart", () => {
    expect(md).toContain(
      "| job | Hourly report refresh | different | settings.tasks[task_key=refresh].existing_cluster_id | <cluster:Analytics Small> | <cluster:ETL API cluster> |",
    );
    expect(md).toMatch(
      /### Expected differences \(not counted\)[\s\S]*paused while the secondary is passive/,
    );
  });

  it("lists manual actions: secrets, mounts, identities, compute cost", () => {
    expect(md).toContain("| etl | api-token | missing |");
    expect(md).toMatch(/dbutils\.fs\.mounts\(\)/);
    expect(md).toContain("| user | admin@example.com |");
    // DS4_v2 driver ($0.585 + 1.5 DBU × $0.55) + 4 × DS3_v2 ($0.293 + 0.75 × $0.55) = $4.232/h, 10 min a start.
    expect(md).toContain(
      "| cluster | ETL API cluster | driver Standard_DS4_v2 + 4 × Standard_DS3_v2 | $4.23 | 10 min | 30 min | $0.71 |",
    );
    // Per start: warehouse Small 12 DBU ($6.60/h) $1.10, ETL API $0.705, Shared Autoscaling (DS4_v2 + 2 × DS3_v2)
    // $0.470, Analytics Small (one DS3_v2) $0.118: $2.39.
    expect(md).toMatch(/one sync that creates them all costs about \*\*\$2\.39\*\*/);
  });

  it("keeps a table intact when a value holds a pipe", () => {
    expect(md).toContain("name with \\| pipe & <markup>");
  });

  it("says the secondary was not verified when there is none", () => {
    const m = renderMarkdown(alone);
    expect(m.split("\n")[0]).toBe("# DR readiness: ACTION NEEDED");
    expect(m).toMatch(/The secondary was not verified\./);
    expect(m).not.toMatch(/## Verification against the secondary/);
  });
});

describe("report.html", () => {
  const html = renderHtml(withSecondary);

  it("is self-contained: inline CSS and SVG, no script, no external asset", () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)=/i);
    // Coverage, secondary-vs-primary, RPO gauge, compute cost.
    expect(html.match(/<svg /g)?.length).toBe(4);
  });

  it("escapes every value taken from the snapshot", () => {
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("/Shared/&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;cluster:ETL API cluster&gt;");
  });

  it("shows the verdict, the KPIs and every section", () => {
    expect(html).toMatch(/<div class="verdict v-fail"><b>NOT READY<\/b>/);
    for (const h of [
      "Readiness checks",
      "Coverage per kind",
      "Verification against the secondary",
      "Manual actions",
      "Skipped by the export",
    ])
      expect(html).toContain(`>${h}</h2>`);
    // Two of the primary's objects do not match.
    const pct = Math.floor((1000 * (objects - 2)) / objects) / 10;
    expect(html).toContain(`Secondary matches</div><div class="value">${pct}%</div>`);
    expect(html).toMatch(/Idle cost per sync<\/div><div class="value">\$2\.39<\/div>/);
  });

  it("draws one bar row per kind with objects, carrying its figure as text", () => {
    expect(html).toMatch(/<title>notebooks: 8 exported<\/title>/);
    expect(html).toMatch(/<title>notebooks: 1 skipped<\/title>/);
    expect(html).toMatch(/>8 \+ 1 skipped<\/text>/);
    expect(html).toMatch(/<title>jobs: 1 different<\/title>/);
  });

  it("leaves the verification section out without a secondary", () => {
    const h = renderHtml(alone);
    expect(h).not.toContain("Verification against the secondary");
    expect(h).toMatch(/Secondary matches<\/div><div class="value">—<\/div>/);
    expect(h.match(/<svg /g)?.length).toBe(3);
  });
});
