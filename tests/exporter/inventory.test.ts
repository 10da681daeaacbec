import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { readSnapshot } from "../../snapshot/reader";
import { emulator, exportOnce, tmpDir } from "./helpers";

// Expected values come from the emulator's own state and the REST reference's error code for an absent API.
describe("inventory of the sample workspace", () => {
  let emu: RunningEmulator;
  let out: string;
  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out);
  });
  afterAll(() => emu.close());

  const entry = (family: string) => {
    const e = readSnapshot(out).manifest.inventory?.find((x) => x.family === family);
    if (!e) throw new Error(`no inventory entry ${family}`);
    return e;
  };

  it("counts the families the emulator serves, not replicated, with the reason", () => {
    expect(emu.state.pipelines.size).toBeGreaterThan(0);
    expect(entry("DLT pipelines")).toMatchObject({
      count: emu.state.pipelines.size,
      status: "not-replicated",
      reason: expect.stringContaining("issue 11"),
    });
    const queries = emu.state.sqlObjects.get("preview/sql/queries")?.size ?? 0;
    expect(entry("SQL queries (legacy)")).toMatchObject({ count: queries, status: "not-replicated" });
    const alerts = emu.state.sqlObjects.get("preview/sql/alerts")?.size ?? 0;
    expect(entry("SQL alerts (legacy)")).toMatchObject({ count: alerts, status: "not-replicated" });
  });

  it("a family the workspace does not serve is unknown with the error code, never 0", () => {
    for (const f of ["AI/BI dashboards", "Model serving endpoints", "MLflow experiments", "IP access lists"])
      expect([f, entry(f)]).toEqual([
        f,
        expect.objectContaining({ count: null, status: "unknown", reason: "ENDPOINT_NOT_FOUND" }),
      ]);
    expect(entry("Online tables")).toMatchObject({ count: null, status: "unknown" });
  });

  it("lists the replicated kinds with the manifest's counts", () => {
    const m = readSnapshot(out).manifest;
    const replicated = m.inventory!.filter((e) => e.status === "replicated");
    expect(Object.fromEntries(replicated.map((e) => [e.family, e.count]))).toEqual(m.counts);
  });
});
