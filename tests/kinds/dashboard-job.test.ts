/**
 * Jobs that run dashboards (the Jobs API's `sql_task.dashboard` and `dashboard_task`, as its reference
 * documents the task types): validated deeply, no longer skipped, the dashboard ids and warehouse remapped
 * to the secondary's; a subscription's notification destinations (workspace-level ids that are not
 * replicated) are taken out with a note, user subscribers kept.
 */
import { KINDS } from "../../kinds/registry";
import { jobSchema } from "../../kinds/job/schema";
import { jobSettings } from "../../kinds/job/mapping";
import { Resolver } from "../../components/mapping/refs";

const settings = {
  name: "Dashboards refresh",
  tasks: [
    { task_key: "legacy", sql_task: { warehouse_id: "wh-p", dashboard: { dashboard_id: "legacy-p" } } },
    {
      task_key: "aibi",
      dashboard_task: {
        dashboard_id: "aibi-p",
        warehouse_id: "wh-p",
        subscription: { paused: false, subscribers: [{ user_name: "a@b.c" }, { destination_id: "dest-p" }] },
      },
    },
  ],
};
const job = () =>
  jobSchema.parse({ id: "1", name: settings.name, settings: structuredClone(settings), originalPause: {} });
const secondary: Record<string, string> = {
  "sql-warehouse:wh-p": "wh-s",
  "sql-dashboard:legacy-p": "legacy-s",
  "dashboard:aibi-p": "aibi-s",
  "user:a@b.c": "a@b.c",
};
const resolve: Resolver = (r) => {
  const v = secondary[`${r.kind}:${r.id}`];
  return v === undefined ? { missing: "not replicated" } : { value: v };
};
type Task = Record<string, Record<string, unknown>>;

describe("a job running a legacy and an AI/BI dashboard", () => {
  it("references both dashboards and the warehouses", () => {
    const refs = KINDS.job.references(job()).map((r) => `${r.kind} ${r.id} ${r.field}`);
    expect(refs).toEqual(
      expect.arrayContaining([
        "sql-dashboard legacy-p settings.tasks[0].sql_task.dashboard.dashboard_id",
        "dashboard aibi-p settings.tasks[1].dashboard_task.dashboard_id",
        "sql-warehouse wh-p settings.tasks[1].dashboard_task.warehouse_id",
      ]),
    );
  });

  it("maps with the secondary's ids; a destination subscriber is taken out, said so", () => {
    const m = jobSettings(job(), { activation: false, resolve });
    if (!m.ok) throw new Error(m.skip);
    const [legacy, aibi] = m.args.tasks as Task[];
    expect((legacy.sql_task.dashboard as Record<string, unknown>).dashboard_id).toBe("legacy-s");
    expect(aibi.dashboard_task.dashboard_id).toBe("aibi-s");
    expect(aibi.dashboard_task.warehouse_id).toBe("wh-s");
    expect((aibi.dashboard_task.subscription as Record<string, unknown>).subscribers).toEqual([
      { user_name: "a@b.c" },
    ]);
    expect(m.notes.join("\n")).toMatch(/subscription destinations are not replicated/);
  });

  it("is skipped, naming the field, when a dashboard is not in the secondary", () => {
    const m = jobSettings(job(), {
      activation: false,
      resolve: (r) => (r.kind === "dashboard" ? { missing: "gone" } : resolve(r)),
    });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.skip).toContain("dashboard_task.dashboard_id");
  });

  it("is validated deeply: a dashboard task without its dashboard is refused, naming the field", () => {
    const bad = structuredClone(settings) as unknown as { tasks: Task[] };
    delete bad.tasks[1].dashboard_task.dashboard_id;
    const r = jobSchema.safeParse({ id: "1", name: "x", settings: bad, originalPause: {} });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["settings", "tasks", 1, "dashboard_task", "dashboard_id"]);
  });
});
