import { RunningEmulator } from "../../emulator";
import { emptyPlan, FaultMiddleware, Mutation } from "../../emulator/faults";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { permissionsKeyOf } from "../../emulator/routes/workspace";
import { faultyEmulator, rawGet } from "./helpers";

const PARAM = (p: string) => encodeURIComponent(p);

describe("the workspace changes mid-export", () => {
  let emu: RunningEmulator;
  let mw: FaultMiddleware;
  afterEach(() => emu.close().catch(() => undefined));

  const withMutations = async (mutations: Mutation[]) => {
    ({ emu, mw } = await faultyEmulator(emptyPlan(3, { mutations })));
  };

  it("deletes a notebook between two requests", async () => {
    await withMutations([{ op: "delete-notebook", atRequest: 1, pick: 0 }]);
    const { state } = emu;
    const before = [...state.tree.walk("/")].filter((n) => n.object_type === "NOTEBOOK").length;
    await rawGet(emu, "/api/2.1/jobs/list"); // request 0: nothing yet
    expect(mw.journal.mutations).toEqual([]);
    await rawGet(emu, "/api/2.1/jobs/list"); // request 1: the notebook goes first
    const [m] = mw.journal.mutations;
    expect(m).toMatchObject({ op: "delete-notebook", seq: 1, target: expect.any(String) });
    expect(state.tree.get(m.target!)).toBeUndefined();
    expect([...state.tree.walk("/")].filter((n) => n.object_type === "NOTEBOOK")).toHaveLength(before - 1);
    const a = await rawGet(emu, `/api/2.0/workspace/export?path=${PARAM(m.target!)}&format=SOURCE`);
    expect(a.status).toBe(404);
  });

  it("renames a folder: its subtree moves with object ids and grants; the old path is gone", async () => {
    await withMutations([{ op: "rename-folder", atRequest: 0, target: "/Shared/etl" }]);
    const { state } = emu;
    const old = state.tree.get("/Shared/etl");
    expect(old).toBeDefined();
    const subtree = [old!, ...state.tree.walk("/Shared/etl")];
    const grants = subtree.map((n) => state.acls.get(permissionsKeyOf(n)));
    await rawGet(emu, "/api/2.1/jobs/list");
    const [m] = mw.journal.mutations;
    expect(m.nodes.map((n) => n.from)).toEqual(subtree.map((n) => n.path));
    expect(state.tree.get("/Shared/etl")).toBeUndefined();
    for (const [i, n] of m.nodes.entries()) {
      expect(n.to).toBe(`/Shared/etl-renamed${n.from.slice("/Shared/etl".length)}`);
      const moved = state.tree.get(n.to!)!;
      expect([moved.object_id, state.acls.get(permissionsKeyOf(moved))]).toEqual([n.objectId, grants[i]]);
    }
    const list = await rawGet(emu, `/api/2.0/workspace/list?path=${PARAM("/Shared")}`);
    const paths = JSON.parse(list.body.toString()).objects.map((o: { path: string }) => o.path);
    expect(paths).toContain("/Shared/etl-renamed");
    expect(paths).not.toContain("/Shared/etl");
  });

  it("deletes a folder with its subtree, and a job with its grants", async () => {
    const job = SAMPLE_IDS.jobs.hourlyReport;
    await withMutations([
      { op: "delete-folder", atRequest: 0, target: "/Shared/etl" },
      { op: "delete-job", atRequest: 0, target: String(job) },
    ]);
    await rawGet(emu, "/api/2.1/jobs/list");
    expect(mw.journal.mutations.map((m) => m.op)).toEqual(["delete-folder", "delete-job"]);
    expect(emu.state.tree.get("/Shared/etl")).toBeUndefined();
    expect(mw.journal.mutations[0].nodes.length).toBeGreaterThan(1);
    expect(emu.state.jobs.has(job)).toBe(false);
    expect(emu.state.acls.has(`jobs/${job}`)).toBe(false);
    const get = await rawGet(emu, `/api/2.1/jobs/get?job_id=${job}`);
    expect(get.status).toBe(400);
  });

  it("a mutation with nothing eligible does nothing and says so", async () => {
    ({ emu, mw } = await faultyEmulator(
      emptyPlan(3, { mutations: [{ op: "delete-job", atRequest: 0, pick: 0.5 }] }),
      "empty",
    ));
    await rawGet(emu, "/api/2.1/jobs/list");
    expect(mw.journal.mutations).toEqual([
      { op: "delete-job", seq: 0, target: undefined, nodes: [], jobIds: [], userNames: [] },
    ]);
  });

  it("records what intact listings showed, and not what a faulted one would have", async () => {
    ({ emu, mw } = await faultyEmulator(emptyPlan(3, { rates: { truncated: 1 }, maxFaultsPerRequest: 1 })));
    await rawGet(emu, "/api/2.1/jobs/list"); // truncated: the client saw nothing
    expect(mw.journal.revealed.jobIds.size).toBe(0);
    await rawGet(emu, "/api/2.1/jobs/list");
    expect([...mw.journal.revealed.jobIds].sort()).toEqual([...emu.state.jobs.keys()].map(String).sort());
    await rawGet(emu, "/api/2.0/workspace/list?path=%2F"); // truncated
    await rawGet(emu, "/api/2.0/workspace/list?path=%2F");
    expect(mw.journal.revealed.paths).toEqual(new Set(emu.state.tree.list("/").map((n) => n.path)));
  });
});

it("an experiment listed in its folder is not a tree object the export was shown", async () => {
  const { emu, mw } = await faultyEmulator(emptyPlan(3));
  try {
    // A workspace experiment of the sample (a notebook's own one is not listed: its notebook is).
    const exp = [...emu.state.mlflow.experiments.values()].find(
      (e) =>
        e.lifecycle_stage === "active" &&
        !(e.tags as { key: string; value: string }[] | undefined)?.some(
          (t) => t.key === "mlflow.experimentType" && t.value === "NOTEBOOK",
        ),
    );
    const path = String(exp?.name);
    expect(emu.state.tree.get(path)).toBeUndefined();
    const folder = path.slice(0, path.lastIndexOf("/"));
    const r = await rawGet(emu, `/api/2.0/workspace/list?path=${PARAM(folder)}`);
    expect(r.body.toString()).toContain("MLFLOW_EXPERIMENT");
    expect(mw.journal.revealed.paths.has(path)).toBe(false);
    // A tree object it lists is still revealed.
    await rawGet(
      emu,
      `/api/2.0/workspace/list?path=${PARAM(folder.slice(0, folder.lastIndexOf("/")) || "/")}`,
    );
    expect(mw.journal.revealed.paths.has(folder)).toBe(true);
  } finally {
    await emu.close();
  }
});

describe("planted objects and persistent failures", () => {
  let emu: RunningEmulator;
  let mw: FaultMiddleware;
  afterEach(() => emu.close().catch(() => undefined));

  it("plants a notebook over 10 MB that the export API refuses", async () => {
    ({ emu, mw } = await faultyEmulator(emptyPlan(3, { oversizeNotebook: "/Shared/big/huge" })));
    mw.prepare(emu.state);
    expect(emu.state.sizeOf(emu.state.tree.get("/Shared/big/huge")!)).toBeGreaterThan(10 * 1024 * 1024);
    const a = await rawGet(emu, `/api/2.0/workspace/export?path=${PARAM("/Shared/big/huge")}&format=SOURCE`);
    expect([a.status, JSON.parse(a.body.toString()).error_code]).toEqual([400, "MAX_NOTEBOOK_SIZE_EXCEEDED"]);
  });

  it("fails one object's reads on every attempt, and only that object's", async () => {
    ({ emu, mw } = await faultyEmulator(
      emptyPlan(3, {
        persistent: [
          { scope: "object", method: "GET", path: "/api/2.x/jobs/get", param: { name: "job_id", pick: 0 } },
        ],
      }),
    ));
    mw.prepare(emu.state);
    const target = mw.journal.persistent[0].param!.value!;
    expect(target).toBe(String(Math.min(...emu.state.jobs.keys())));
    for (let i = 0; i < 12; i++)
      expect((await rawGet(emu, `/api/2.2/jobs/get?job_id=${target}`)).status).toBe(503);
    expect((await rawGet(emu, `/api/2.1/jobs/get?job_id=${target}`)).status).toBe(503);
    const other = [...emu.state.jobs.keys()].find((k) => String(k) !== target);
    expect((await rawGet(emu, `/api/2.2/jobs/get?job_id=${other}`)).status).toBe(200);
    expect(mw.journal.persistentHits).toBe(13);
  });
});
