/**
 * verify on SQL queries and alerts: the emulator's sample exported, and a "secondary" made from it with
 * the ids a workspace assigns changed (queries, alerts, the references to them). Matched by folder and
 * name, the ids are expected differences; a changed query text or alert condition is unexpected.
 */
import * as path from "node:path";
import { readSnapshot, Snapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { RunningEmulator } from "../../emulator";
import { emulator, exportOnce, tmpDir } from "../exporter/helpers";

let emu: RunningEmulator;
let primary: Snapshot;
beforeAll(async () => {
  emu = await emulator();
  const out = path.join(tmpDir(), "snap");
  await exportOnce(emu, out);
  primary = readSnapshot(out);
});
afterAll(() => emu.close());

/** The primary with every query and alert id replaced, as a second workspace would assign them. */
function secondaryOf(p: Snapshot): Snapshot {
  const s = structuredClone(p);
  const ids = new Map<string, string>();
  for (const d of [...s.descriptors["sql-query"], ...s.descriptors["sql-alert"]])
    ids.set(d.id, `sec-${d.id}`);
  let text = JSON.stringify(s.descriptors);
  for (const [a, b] of ids) text = text.split(a).join(b);
  s.descriptors = JSON.parse(text);
  return s;
}

const unexpected = (p: Snapshot, s: Snapshot) =>
  compareSnapshots(p, s, {})
    .objects.filter((o) => o.unexpected && (o.kind === "sql-query" || o.kind === "sql-alert"))
    .flatMap((o) =>
      o.status === "different"
        ? o.differences.map((d) => `${o.kind} ${o.key} ${d.path}`)
        : [`${o.kind} ${o.key} ${o.status}`],
    );

describe("verify on SQL queries and alerts", () => {
  it("matches them by folder and name, their assigned ids apart", () => {
    expect(primary.descriptors["sql-query"].length).toBeGreaterThan(1);
    expect(primary.descriptors["sql-alert"].length).toBeGreaterThan(0);
    expect(unexpected(primary, secondaryOf(primary))).toEqual([]);
  });

  it("reports a changed query text and alert condition", () => {
    const s = secondaryOf(primary);
    const q = s.descriptors["sql-query"][0];
    q.settings.query_text = `${String(q.settings.query_text)} limit 1`;
    const a = s.descriptors["sql-alert"][0];
    (a.settings.condition as { op: string }).op = "GREATER_THAN";
    expect(unexpected(primary, s)).toEqual([
      `sql-query /${q.name} settings.query_text`,
      `sql-alert /${a.name} settings.condition.op`,
    ]);
  });

  it("reports a query missing in the secondary", () => {
    const s = secondaryOf(primary);
    const gone = s.descriptors["sql-query"].pop()!;
    expect(unexpected(primary, s)).toContain(`sql-query /${gone.name} missing`);
  });
});
