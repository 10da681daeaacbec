/**
 * The `sql-alert` kind on the recorded sql/alerts bodies (tests/fixtures/databricks-api/get-alert.json,
 * get-alerts.json) and on the emulator's sample, and jobs whose sql_task runs a query or an alert: no
 * longer skipped, their references remapped, their schedule (the alert's only schedule in this API) paused
 * while passive and restored at activation. Expected values come from the fixtures, the provider's .d.ts
 * and the emulator's state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KINDS } from "../../kinds/registry";
import { normalizeSqlAlert } from "../../kinds/sql-alert/exporter";
import { sqlAlertArgs } from "../../kinds/sql-alert/mapping";
import { SqlAlertDescriptor, sqlAlertReferences, sqlAlertSchema } from "../../kinds/sql-alert/schema";
import { allJobReferences, jobSettings } from "../../kinds/job/mapping";
import { Resolver } from "../../components/mapping/refs";
import { checkResourceInputs } from "../../roundtrip/provider-shape";
import { readSnapshot } from "../../snapshot/reader";
import { RunningEmulator } from "../../emulator";
import { emulator, exportOnce, tmpDir } from "../exporter/helpers";

const FIXTURES = path.join(__dirname, "../fixtures/databricks-api");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8"));
const raw = load("get-alert.json");
const ALERT = "databricks:index/alert:Alert";
const resolve: Resolver = (ref) => ({ value: `secondary-${ref.id}` });
const fixture = (): SqlAlertDescriptor => sqlAlertSchema.parse(normalizeSqlAlert(raw));

describe("the recorded alert", () => {
  it("validates with the alert id as its stable id, evaluation state left out", () => {
    const d = fixture();
    expect(d.id).toBe("3cf91a42-6217-4f3c-a6f0-345d489051b9");
    expect(d.name).toBe("Test Alert");
    for (const k of ["id", "state", "trigger_time", "create_time", "update_time", "lifecycle_state"])
      expect(d.settings[k]).toBeUndefined();
    expect(KINDS["sql-alert"].schema.safeParse(d).success).toBe(true);
    expect(normalizeSqlAlert(load("get-alerts.json").results[0])).toEqual(d);
  });

  it("is validated deeply, naming the field", () => {
    const bad = structuredClone(fixture());
    (bad.settings.condition as { op: string }).op = "ABOUT";
    const r = sqlAlertSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["settings", "condition", "op"]);
    const two = structuredClone(fixture());
    (two.settings.condition as { threshold: unknown }).threshold = {
      value: { string_value: "1", double_value: 1 },
    };
    expect(sqlAlertSchema.safeParse(two).success).toBe(false);
  });

  it("references its query and owner", () => {
    expect(sqlAlertReferences(fixture())).toEqual([
      { kind: "sql-query", id: "16c4f969-eea0-4aad-8f82-03d79b078dcc", field: "settings.query_id" },
      { kind: "user", id: "test@domain.com", field: "settings.owner_user_name" },
    ]);
  });

  it("maps to Alert args the provider declares, on the secondary's query", () => {
    const m = sqlAlertArgs(fixture(), { resolve });
    if (!m.ok) throw new Error(m.skip);
    expect(checkResourceInputs(ALERT, m.args as unknown as Record<string, unknown>)).toEqual([]);
    expect(m.args).toEqual({
      displayName: "Test Alert",
      queryId: "secondary-16c4f969-eea0-4aad-8f82-03d79b078dcc",
      condition: {
        op: "GREATER_THAN",
        operand: { column: { name: "threshold" } },
        threshold: { value: { stringValue: "50" } },
      },
      notifyOnOk: true,
      ownerUserName: "secondary-test@domain.com",
    });
  });

  it("is skipped, saying why, when its query is not in the secondary", () => {
    const m = sqlAlertArgs(fixture(), {
      resolve: (r) => (r.kind === "sql-query" ? { missing: "not replicated" } : { value: r.id }),
    });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.skip).toContain("16c4f969-eea0-4aad-8f82-03d79b078dcc");
  });
});

describe("the sample's alerts and the job that runs them", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  it("exports every alert the emulator holds", () => {
    const state = [...(emu.state.sqlObjects.get("sql/alerts")?.values() ?? [])];
    expect(state.length).toBeGreaterThan(0);
    const got = readSnapshot(out).descriptors["sql-alert"];
    expect(got.map((d) => d.id).sort()).toEqual(state.map((a) => String(a.id)).sort());
    for (const a of state) {
      const d = got.find((x) => x.id === a.id)!;
      expect(d.settings.query_id).toBe(a.query_id);
      expect(d.settings.condition).toEqual(a.condition);
    }
  });

  it("exports the job with sql_task query and alert, references them, and pauses it while passive", () => {
    const stateJob = [...emu.state.jobs.values()].find((j) =>
      JSON.stringify(j).includes('"alert_id"'),
    ) as unknown as {
      job_id: number;
      settings: {
        schedule: { pause_status: string };
        tasks: { sql_task: Record<string, { query_id?: string; alert_id?: string }> }[];
      };
    };
    expect(stateJob).toBeDefined();
    const job = readSnapshot(out).descriptors.job.find((j) => j.id === String(stateJob.job_id))!;
    expect(job).toBeDefined();
    const queryId = stateJob.settings.tasks[0].sql_task.query.query_id!;
    const alertId = stateJob.settings.tasks[1].sql_task.alert.alert_id!;
    const refs = allJobReferences(job);
    expect(refs).toEqual(
      expect.arrayContaining([
        { kind: "sql-query", id: queryId, field: "settings.tasks[0].sql_task.query.query_id" },
        { kind: "sql-alert", id: alertId, field: "settings.tasks[1].sql_task.alert.alert_id" },
      ]),
    );
    const passive = jobSettings(job, { activation: false, resolve });
    if (!passive.ok) throw new Error(passive.skip);
    const tasks = passive.args.tasks as { sql_task: Record<string, Record<string, string>> }[];
    expect(tasks[0].sql_task.query.query_id).toBe(`secondary-${queryId}`);
    expect(tasks[1].sql_task.alert.alert_id).toBe(`secondary-${alertId}`);
    expect((passive.args.schedule as { pause_status: string }).pause_status).toBe("PAUSED");
    const active = jobSettings(job, { activation: true, resolve });
    if (!active.ok) throw new Error(active.skip);
    expect((active.args.schedule as { pause_status: string }).pause_status).toBe(
      stateJob.settings.schedule.pause_status,
    );
    expect(stateJob.settings.schedule.pause_status).toBe("UNPAUSED");
    // Without the secondary's alert the job is skipped (a task naming the primary's alert means nothing).
    const noAlert = jobSettings(job, {
      activation: false,
      resolve: (r) => (r.kind === "sql-alert" ? { missing: "not replicated" } : { value: r.id }),
    });
    expect(noAlert.ok).toBe(false);
  });
});
