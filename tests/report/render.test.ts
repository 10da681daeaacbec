import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, sampleWorkspace } from "../helpers/snapshot-builder";

afterAll(removeWrittenSnapshots);

const NOW = new Date("2026-11-25T09:30:00.000Z");
const primary = readSnapshot(
  sampleWorkspace()
    .skip("notebook", "/Shared/<script>alert(1)</script>", "name with | pipe & <markup>")
    .write(),
);
const drifted = readSnapshot(
  replicaOf(sampleWorkspace())
    .remove("notebook", "/Shared/etl/report")
    .update("job", "9101", (j) => {
      (j.settings.tasks as Record<string, unknown>[])[0].existing_cluster_id = "sec-1101-000000-pooled01";
    })
    .write(),
);
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
    expect(md).toMatch(/\| notebooks \| 3 \| 2 \| 2 \| 1 \| 0 \| 0 \| {2}\|/);
    expect(md).toMatch(/\| jobs \| 5 \| 0 \| 4 \| 0 \| 0 \| 1 \| {2}\|/);
  });

  it("lists unexpected differences field by field and expected ones apart", () => {
    expect(md).toContain(
      "| job | nightly-ingest | different | settings.tasks[task_key=ingest].existing_cluster_id | <cluster:shared-analytics> | <cluster:pooled-etl> |",
    );
    expect(md).toMatch(
      /### Expected differences \(not counted\)[\s\S]*paused while the secondary is passive/,
    );
  });

  it("lists manual actions: secrets, mounts, identities, compute cost", () => {
    expect(md).toContain("| etl | api-key | missing |");
    expect(md).toMatch(/dbutils\.fs\.mounts\(\)/);
    expect(md).toContain("| user | carol@fabrikam.com |");
    expect(md).toMatch(
      /\| cluster \| pooled-etl \| driver Standard_DS4_v2 \+ 4 × Standard_DS4_v2 \| \$7\.05 \| 10 min \| never \| \$1\.18 \|/,
    );
    expect(md).toMatch(/one sync that creates them all costs about \*\*\$2\.83\*\*/);
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
    expect(html).toContain("&lt;cluster:pooled-etl&gt;");
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
    expect(html).toMatch(/Secondary matches<\/div><div class="value">95%<\/div>/);
    expect(html).toMatch(/Idle cost per sync<\/div><div class="value">\$2\.83<\/div>/);
  });

  it("draws one bar row per kind with objects, carrying its figure as text", () => {
    expect(html).toMatch(/<title>notebooks: 3 exported<\/title>/);
    expect(html).toMatch(/<title>notebooks: 2 skipped<\/title>/);
    expect(html).toMatch(/>3 \+ 2 skipped<\/text>/);
    expect(html).toMatch(/<title>jobs: 1 different<\/title>/);
  });

  it("leaves the verification section out without a secondary", () => {
    const h = renderHtml(alone);
    expect(h).not.toContain("Verification against the secondary");
    expect(h).toMatch(/Secondary matches<\/div><div class="value">—<\/div>/);
    expect(h.match(/<svg /g)?.length).toBe(3);
  });
});
