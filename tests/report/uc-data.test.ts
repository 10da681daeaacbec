/**
 * The readiness report lists Unity Catalog data the stack does not copy (managed tables with their size,
 * managed volumes) with the remedy, as a warning check and a section in Markdown and HTML.
 */
import { readSnapshot } from "../../snapshot/reader";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { writeSampleSnapshot } from "../stack/helpers/sample-snapshot";
import { ucDescriptors } from "../stack/helpers/uc-descriptors";

const NOW = new Date("2026-11-25T09:30:00.000Z");

it("managed tables and volumes are data to replicate, with size and remedy", () => {
  const snap = readSnapshot(writeSampleSnapshot((d) => Object.assign(d, ucDescriptors())));
  const r = buildReport({ snapshot: snap, now: NOW });
  const check = r.checks.find((c) => c.name === "Unity Catalog data");
  expect(check?.level).toBe("warn");
  expect(check?.detail).toContain("1 managed table(s) and 1 managed volume(s)");
  expect(check?.detail).toContain("120.6 KB"); // 123456 bytes, the descriptor's size
  expect(r.verdict.summary).toContain("DEEP CLONE");
  const md = renderMarkdown(r);
  expect(md).toContain("## Unity Catalog data to replicate");
  expect(md).toMatch(/sales\.orders\.customers \| table \| 120\.6 KB \| .*DEEP CLONE.*Delta Sharing/);
  expect(md).toMatch(/sales\.orders\.exports \| volume \| unknown \| copy its files/);
  // The external table and the view are definitions the stack registers: not listed.
  expect(md).not.toContain("sales.orders.events |");
  expect(renderHtml(r)).toContain('<h2 id="uc-data">Unity Catalog data to replicate</h2>');
});

it("no managed data: no check and no section", () => {
  const snap = readSnapshot(writeSampleSnapshot());
  const r = buildReport({ snapshot: snap, now: NOW });
  expect(r.checks.find((c) => c.name === "Unity Catalog data")).toBeUndefined();
  expect(renderMarkdown(r)).not.toContain("Unity Catalog data to replicate");
});
