import * as fs from "node:fs";
import * as path from "node:path";
import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { writeReport } from "../../report";
import { dumpDom, findChromium, screenshot } from "../helpers/chromium";
import { decodePng, inkStats } from "../helpers/png";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, tmpDir } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";

afterAll(removeWrittenSnapshots);

// Headless Chromium renders the page as a person would see it. Without Chromium this FAILS (CI installs it).
describe("report.html in headless Chromium", () => {
  const out = tmpDir("report-html-");
  const primary = readSnapshot(sampleWorld().write());
  const secondary = readSnapshot(
    replicaOf(sampleWorld()).remove("notebook", "/Shared/reports/daily_kpis").write(),
  );
  writeReport(
    {
      snapshot: primary,
      now: new Date("2026-11-25T09:30:00Z"),
      verify: compareSnapshots(primary, secondary),
    },
    out,
  );
  const html = path.join(out, "report.html");

  it("finds Chromium", () => {
    expect(fs.existsSync(findChromium())).toBe(true);
  });

  it("renders a screenshot of the right size that is not blank", () => {
    const png = path.join(out, "report.png");
    screenshot(html, png, 1280, 2000);
    const img = decodePng(fs.readFileSync(png));
    expect([img.width, img.height]).toEqual([1280, 2000]);
    // The dark header band across the top.
    const header = inkStats(img, 0, 60);
    expect(header.ink).toBeGreaterThan(0.9);
    // The body: text, cards and charts in several colours, on a mostly white page.
    const body = inkStats(img, 200, 1400);
    expect(body.ink).toBeGreaterThan(0.03);
    expect(body.ink).toBeLessThan(0.6);
    expect(body.colours).toBeGreaterThan(50);
  });

  it("shows the verdict, the checks and the charts' figures as rendered text", () => {
    const dom = dumpDom(html);
    expect(dom).toContain("Disaster-recovery readiness");
    expect(dom).toMatch(/<b>NOT READY<\/b>/);
    expect(dom).toContain("Readiness checks");
    expect(dom).toMatch(/<svg[^>]*aria-label="Coverage per kind: exported and skipped"/);
    // The emulator sample's 3 all-purpose clusters and the 3 its job, SQL and DLT services own (skipped).
    expect(dom).toMatch(/>3 \+ 3 skipped<\/text>/);
  });
});
