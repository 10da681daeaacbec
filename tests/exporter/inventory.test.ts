import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { readSnapshot } from "../../snapshot/reader";
import { ApiError, HttpMethod } from "../../client";
import { INVENTORY_FAMILIES } from "../../exporters/inventory";
import { runExport } from "../../exporters/run";
import { clientFor, emulator, EXPORTED_AT, exportOnce, tmpDir } from "./helpers";

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
    // DLT pipelines are replicated (kinds/pipeline/): counted as the kind, never as a family left out.
    expect(emu.state.pipelines.size).toBeGreaterThan(0);
    expect(entry("pipeline")).toMatchObject({ count: emu.state.pipelines.size, status: "replicated" });
    expect(readSnapshot(out).manifest.inventory?.some((x) => x.family === "DLT pipelines")).toBe(false);
    // SQL queries and alerts are replicated kinds too (the legacy lists name the same objects).
    const queries = emu.state.sqlObjects.get("sql/queries")?.size ?? 0;
    const alerts = emu.state.sqlObjects.get("sql/alerts")?.size ?? 0;
    expect(queries * alerts).toBeGreaterThan(0);
    expect(entry("sql-query")).toMatchObject({ count: queries, status: "replicated" });
    expect(entry("sql-alert")).toMatchObject({ count: alerts, status: "replicated" });
    expect(readSnapshot(out).manifest.inventory?.some((x) => /SQL (queries|alerts)/.test(x.family))).toBe(
      false,
    );
    // Legacy and AI/BI dashboards are replicated kinds (kinds/sql-dashboard/, kinds/dashboard/).
    const legacy = emu.state.sqlObjects.get("preview/sql/dashboards")?.size ?? 0;
    const lakeview = emu.state.sqlObjects.get("lakeview/dashboards")?.size ?? 0;
    expect(legacy * lakeview).toBeGreaterThan(0);
    expect(entry("sql-dashboard")).toMatchObject({ count: legacy, status: "replicated" });
    expect(entry("dashboard")).toMatchObject({ count: lakeview, status: "replicated" });
    expect(readSnapshot(out).manifest.inventory?.some((x) => /dashboards/.test(x.family))).toBe(false);
  });

  it("a family the workspace does not serve is unknown with the error code, never 0", () => {
    // IP access lists are a replicated kind now (tests/exporter/ip-access-list-export.test.ts).
    // MLflow experiments and registered models too (tests/kinds/mlflow.test.ts).
    // Model serving endpoints too (tests/kinds/serving-endpoint-roundtrip.test.ts): the emulator serves them.
    expect(entry("serving-endpoint")).toMatchObject({ status: "replicated" });
    expect(readSnapshot(out).manifest.inventory?.some((x) => x.family === "Model serving endpoints")).toBe(
      false,
    );
    for (const f of ["Databricks Apps", "Vector search endpoints"])
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

describe("an inventory call that fails", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  it("is unknown with its error code and never fails the export", async () => {
    const client = clientFor(emu);
    const real = client.request.bind(client);
    // The REST reference's codes for a refused call and a workspace with the feature off.
    client.request = (async (method: HttpMethod, p: string, o?: Parameters<typeof real>[2]) => {
      if (p === "/api/2.0/pipelines") throw new ApiError(403, "PERMISSION_DENIED", "no", `${method} ${p}`);
      if (p === "/api/2.0/preview/sql/dashboards")
        throw new ApiError(400, "FEATURE_DISABLED", "off", `${method} ${p}`);
      return real(method, p, o);
    }) as typeof client.request;
    const out = path.join(tmpDir(), "snap");
    await runExport({ client, out, exportedAt: EXPORTED_AT });
    const inv = readSnapshot(out).manifest.inventory ?? [];
    // The pipeline kind's own listing refused: the kind is unknown with the reason, never 0.
    expect(inv.find((e) => e.family === "pipeline")).toMatchObject({
      count: null,
      status: "unknown",
      reason: expect.stringContaining("PERMISSION_DENIED"),
    });
    // The legacy dashboards' listing answers the feature is off: that kind is unknown too, never 0.
    expect(inv.find((e) => e.family === "sql-dashboard")).toMatchObject({
      count: null,
      status: "unknown",
      reason: expect.stringContaining("FEATURE_DISABLED"),
    });
  });
});

describe("the README's family list", () => {
  it("names every family the inventory counts, with its list call", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    for (const f of INVENTORY_FAMILIES) {
      const call = f.path ? `\`${f.method ?? "GET"} ${f.path}\`` : "";
      expect([f.family, readme.includes(`| ${f.family} | ${call}`)]).toEqual([f.family, true]);
    }
  });
});
