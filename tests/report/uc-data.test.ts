/**
 * The readiness report lists Unity Catalog data the stack does not copy (managed tables with their size,
 * managed volumes) with the remedy, as a warning check and a section in Markdown and HTML. The sample
 * world is the emulator's sample seed: which tables and volumes are managed comes from the seed itself.
 */
import { loadSeed } from "../../emulator/seeds";
import { buildReport, renderHtml, renderMarkdown } from "../../report";
import { readSnapshot } from "../../snapshot/reader";
import { sampleWorld } from "../helpers/sample-world";

const NOW = new Date("2026-11-25T09:30:00.000Z");

async function seedUc(): Promise<{ managed: string[]; volumes: string[]; other: string[] }> {
  const ms = (await loadSeed("sample")).uc.current();
  if (!ms) throw new Error("the sample seed assigns no metastore");
  const tables = [...ms.tables.values()];
  const name = (o: Record<string, unknown>) => String(o.full_name);
  return {
    managed: tables.filter((t) => t.table_type === "MANAGED").map(name),
    volumes: [...ms.volumes.values()].filter((v) => v.volume_type === "MANAGED").map(name),
    other: tables.filter((t) => t.table_type !== "MANAGED").map(name),
  };
}

it("managed tables and volumes are data to replicate, with size and remedy", async () => {
  const seed = await seedUc();
  expect(seed.managed.length).toBe(1);
  const world = sampleWorld();
  // The seed's tables carry no statistics: one size, set here, shows the size column and the sum.
  const managed = world.list("uc-table").find((t) => t.fullName === seed.managed[0]);
  world.update("uc-table", managed!.id, (t) => {
    t.managedData = { ...t.managedData!, sizeBytes: 123456 };
  });
  const r = buildReport({ snapshot: readSnapshot(world.write()), now: NOW });
  const check = r.checks.find((c) => c.name === "Unity Catalog data");
  expect(check?.level).toBe("warn");
  expect(check?.detail).toContain(
    `${seed.managed.length} managed table(s) and ${seed.volumes.length} managed volume(s)`,
  );
  expect(check?.detail).toContain("120.6 KB"); // 123456 bytes
  expect(r.verdict.summary).toContain("DEEP CLONE");
  const md = renderMarkdown(r);
  expect(md).toContain("## Unity Catalog data to replicate");
  const esc = (s: string) => s.replace(/\./g, "\\.");
  expect(md).toMatch(
    new RegExp(`${esc(seed.managed[0])} \\| table \\| 120\\.6 KB \\| .*DEEP CLONE.*Delta Sharing`),
  );
  for (const v of seed.volumes)
    expect(md).toMatch(new RegExp(`${esc(v)} \\| volume \\| unknown \\| copy its files`));
  // External tables and views are definitions the stack registers: not listed.
  expect(seed.other.length).toBeGreaterThan(0);
  for (const t of seed.other) expect(md).not.toContain(`${t} |`);
  expect(renderHtml(r)).toContain('<h2 id="uc-data">Unity Catalog data to replicate</h2>');
});

it("no managed data: no check and no section", () => {
  const world = sampleWorld();
  for (const t of world.list("uc-table")) if (t.tableType === "MANAGED") world.remove("uc-table", t.id);
  for (const v of world.list("uc-volume")) if (v.volumeType === "MANAGED") world.remove("uc-volume", v.id);
  const r = buildReport({ snapshot: readSnapshot(world.write()), now: NOW });
  expect(r.checks.find((c) => c.name === "Unity Catalog data")).toBeUndefined();
  expect(renderMarkdown(r)).not.toContain("Unity Catalog data to replicate");
});
