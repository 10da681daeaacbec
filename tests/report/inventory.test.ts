import { readSnapshot } from "../../snapshot/reader";
import { InventoryEntry } from "../../snapshot/manifest";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { parseStackSettings } from "../../report/stack-config";
import { compareSnapshots } from "../../verify";
import { removeWrittenSnapshots, SnapshotBuilder, user } from "../helpers/snapshot-builder";

afterAll(removeWrittenSnapshots);

const NOW = new Date("2026-11-25T09:30:00.000Z");
const REASON = "not yet supported by databricks-dr: issue 11";

/** A workspace that is otherwise clean (one user, verified, settings given): only the inventory decides. */
function reportWith(inventory?: InventoryEntry[]) {
  const b = new SnapshotBuilder({ exportedAt: "2026-11-25T09:00:00.000Z" }).add(
    "user",
    user("a@contoso.com", { externalId: "x" }),
  );
  if (inventory) b.manifest({ inventory });
  const p = readSnapshot(b.write());
  const settings = parseStackSettings("config:\n  databricks-dr:role: secondary\n", "Pulumi.secondary.yaml");
  return buildReport({
    snapshot: p,
    now: NOW,
    settings,
    verify: compareSnapshots(p, readSnapshot(b.clone().write())),
  });
}
const check = (r: ReturnType<typeof buildReport>, name: string) => r.checks.find((c) => c.name === name);
const replicated: InventoryEntry = { family: "user", count: 1, status: "replicated" };

describe("report over the workspace inventory", () => {
  it("a not-replicated family holding objects is never shown as fully covered", () => {
    const r = reportWith([
      replicated,
      { family: "DLT pipelines", count: 3, status: "not-replicated", reason: REASON },
      { family: "AI/BI dashboards", count: 0, status: "not-replicated", reason: REASON },
    ]);
    const all = r.checks.map((c) => c.detail).join("\n");
    expect(all).not.toMatch(/All \d+ objects exported/);
    expect(check(r, "Workspace coverage")).toMatchObject({
      level: "warn",
      detail: expect.stringContaining("3 objects in 1 family not replicated (DLT pipelines: 3)"),
    });
    expect(r.verdict.label).not.toBe("READY");
    const md = renderMarkdown(r);
    expect(md).toContain("## Workspace inventory");
    expect(md).toContain(`| DLT pipelines | 3 | not-replicated | ${REASON} |`);
    expect(renderHtml(r)).toContain('<h2 id="inventory">Workspace inventory</h2>');
  });

  it("an unknown family is shown as unknown, not as 0, and coverage is not claimed", () => {
    const r = reportWith([
      replicated,
      { family: "IP access lists", count: null, status: "unknown", reason: "FEATURE_DISABLED" },
    ]);
    expect(check(r, "Export coverage")?.detail).not.toMatch(/^All \d+ objects exported/);
    expect(check(r, "Workspace coverage")).toMatchObject({
      level: "info",
      detail: expect.stringContaining("1 family could not be listed (unknown): IP access lists"),
    });
    expect(renderMarkdown(r)).toContain("| IP access lists | unknown | unknown | FEATURE_DISABLED |");
    expect(r.verdict.summary).toContain("covers the replicated kinds only");
  });

  it("every family replicated or empty: fully covered", () => {
    const r = reportWith([
      replicated,
      { family: "DLT pipelines", count: 0, status: "not-replicated", reason: REASON },
    ]);
    expect(check(r, "Export coverage")?.detail).toBe("All 1 objects exported.");
    expect(check(r, "Workspace coverage")?.level).toBe("ok");
    expect(r.verdict.label).toBe("READY");
  });

  it("a paged-out count is a lower bound", () => {
    const r = reportWith([
      replicated,
      { family: "MLflow experiments", count: 20000, atLeast: true, status: "not-replicated", reason: REASON },
    ]);
    expect(check(r, "Workspace coverage")?.detail).toContain("at least 20000 objects");
    expect(renderMarkdown(r)).toContain("| MLflow experiments | ≥ 20000 |");
  });
});
