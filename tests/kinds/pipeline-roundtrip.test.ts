/**
 * Pipelines through the emulator: the list pages as the Pipelines API documents it (max_results at most
 * 100, next_page_token), the export of the sample holds its pipelines and their ACLs, and the round trip
 * creates them in the secondary: a continuous pipeline triggered while passive (the emulator's own state
 * says nothing runs), restored on activation; a job's pipeline task names the secondary's pipeline.
 */
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { readSnapshot } from "../../snapshot/reader";
import {
  applyStack,
  clientFor as rtClient,
  DEFAULT_TOKEN,
  Endpoint,
  RoundTripResult,
  runRoundTrip,
  startWorkspace,
} from "../../roundtrip/harness";
import { clientFor, emulator, exportOnce, tmpDir } from "../exporter/helpers";
import { ApiError } from "../../client";
import { EXPORTED_AT, removeWorkDirs, workDir } from "../roundtrip/helpers";

type Obj = Record<string, unknown>;
/** Failures of the resources this test is about (other kinds being built alongside are not its concern). */
const ours = (failures: { type: string; name: string }[]) =>
  failures.filter((f) => /pipeline/i.test(`${f.type} ${f.name}`) || f.type.endsWith(":JobBatch"));

describe("the emulator's pipelines list", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
    const c = clientFor(emu);
    for (const n of ["A", "B", "C"]) await c.post("/api/2.0/pipelines", { name: `P ${n}`, clusters: [] });
    // One publishing to a Unity Catalog schema of the sample.
    await c.post("/api/2.0/pipelines", { name: "Curated DLT", catalog: "sales", schema: "curated" });
  });
  afterAll(() => emu.close());

  it("pages with max_results and page_token until no next_page_token", async () => {
    const c = clientFor(emu);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const p = await c.get<Obj>("/api/2.0/pipelines", { max_results: 2, page_token: token });
      const statuses = (p.statuses ?? []) as Obj[];
      expect(statuses.length).toBeLessThanOrEqual(2);
      seen.push(...statuses.map((s) => String(s.pipeline_id)));
      token = p.next_page_token as string | undefined;
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(emu.state.pipelines.size / 2));
    expect(seen.sort()).toEqual([...emu.state.pipelines.keys()].sort());
  });

  it("refuses max_results above 100 (the documented maximum)", async () => {
    const e = await clientFor(emu, { retry: { attempts: 1 } } as never)
      .get("/api/2.0/pipelines", { max_results: 101 })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).errorCode).toBe("INVALID_PARAMETER_VALUE");
  });

  it("the sample's export holds every pipeline and its own grants", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
    const snap = readSnapshot(out);
    expect(snap.descriptors.pipeline.map((d) => d.id).sort()).toEqual([...emu.state.pipelines.keys()].sort());
    const orders = [...emu.state.pipelines.values()].find((p) => p.name === "Orders DLT")!;
    const d = snap.descriptors.pipeline.find((x) => x.id === orders.pipeline_id)!;
    expect(d.settings.libraries).toEqual((orders.spec as Obj).libraries);
    // The target schema by the id the schema's own descriptor has.
    const curated = snap.descriptors["uc-schema"].find((x) => x.fullName === "sales.curated");
    expect(curated).toBeDefined();
    expect(snap.descriptors.pipeline.find((x) => x.name === "Curated DLT")?.schemaId).toBe(curated!.id);
    const acl = snap.descriptors.permissions.find((p) => p.id === `pipelines:${orders.pipeline_id}`);
    expect(acl?.acl).toContainEqual({
      principal: { kind: "group", id: expect.any(String) },
      level: "CAN_RUN",
    });
  });
});

describe("round trip of a continuous pipeline and a job that runs it", () => {
  let r: RoundTripResult;
  let secondary: RunningEmulator;
  let primaryId: string;
  const byName = (emu: RunningEmulator, name: string) =>
    [...emu.state.pipelines.values()].find((p) => p.name === name);
  const jobNamed = (emu: RunningEmulator, name: string) =>
    [...emu.state.jobs.values()].find((j) => (j.settings as Obj).name === name);

  beforeAll(async () => {
    const primary = await startWorkspace("sample", { token: DEFAULT_TOKEN });
    try {
      const ep: Endpoint = { url: primary.url, token: DEFAULT_TOKEN };
      const c = rtClient(ep);
      const created = await c.post<{ pipeline_id: string }>("/api/2.0/pipelines", {
        name: "Clickstream DLT",
        continuous: true,
        development: false,
        edition: "ADVANCED",
        channel: "CURRENT",
        target: "clicks",
        clusters: [{ label: "default", num_workers: 2 }],
        libraries: [{ notebook: { path: "/Shared/etl/bronze_to_silver" } }],
      });
      primaryId = created.pipeline_id;
      expect(byName(primary, "Clickstream DLT")!.state).toBe("RUNNING");
      await c.post("/api/2.1/jobs/create", {
        name: "Refresh clickstream",
        tasks: [{ task_key: "dlt", pipeline_task: { pipeline_id: primaryId } }],
      });
      r = await runRoundTrip({
        primary: ep,
        dir: workDir("pipeline"),
        exportedAt: EXPORTED_AT,
        keepSecondary: true,
      });
      secondary = r.secondary!;
    } finally {
      await primary.close();
    }
  }, 180000);
  afterAll(async () => {
    await secondary?.close();
    removeWorkDirs();
  });

  it("creates the pipelines in the secondary, the continuous one triggered and not running", () => {
    expect(ours(r.stack.log.failures)).toEqual([]);
    const p = byName(secondary, "Clickstream DLT")!;
    expect(p).toBeDefined();
    expect((p.spec as Obj).continuous).toBe(false);
    expect(p.state).not.toBe("RUNNING");
    expect(byName(secondary, "Orders DLT")).toBeDefined();
  });

  it("exports the job with its pipeline task, naming the secondary's pipeline", () => {
    const exported = readSnapshot(r.primarySnapshot).descriptors.job.find(
      (j) => j.name === "Refresh clickstream",
    );
    expect(exported).toBeDefined();
    const job = jobNamed(secondary, "Refresh clickstream")!;
    const task = ((job.settings as Obj).tasks as Obj[])[0];
    const secondaryId = byName(secondary, "Clickstream DLT")!.pipeline_id;
    expect(secondaryId).not.toBe(primaryId);
    expect((task.pipeline_task as Obj).pipeline_id).toBe(secondaryId);
  });

  it("verify finds pipelines, their ACLs and the job as expected (the continuous flag explained)", () => {
    const mine = r.verify.objects.filter(
      (o) => o.kind === "pipeline" || o.key.startsWith("pipelines:") || o.key === "Refresh clickstream",
    );
    expect(mine.filter((o) => o.unexpected)).toEqual([]);
    const rules = mine.flatMap((o) => o.expected.map((e) => e.rule));
    expect(rules).toContain("pipeline-triggered-while-passive");
  });

  it("restores continuous on activation", async () => {
    const active = await applyStack({
      snapshotPath: r.primarySnapshot,
      target: { url: secondary.url, token: DEFAULT_TOKEN },
      values: { activation: "true" },
      state: r.stack.state,
    });
    expect(ours(active.log.failures)).toEqual([]);
    const p = byName(secondary, "Clickstream DLT")!;
    expect((p.spec as Obj).continuous).toBe(true);
    expect(p.state).toBe("RUNNING");
  }, 120000);
});
