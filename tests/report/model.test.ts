import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { buildReport, humanAge, ReportInput } from "../../report";
import { parseStackSettings } from "../../report/stack-config";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, sampleWorkspace, SnapshotBuilder, user } from "../helpers/snapshot-builder";

afterAll(removeWrittenSnapshots);

const NOW = new Date("2026-11-25T09:30:00.000Z"); // sample exported 06:00
const snap = (b: SnapshotBuilder = sampleWorkspace()) => readSnapshot(b.write());
const report = (over: Partial<ReportInput> = {}) => buildReport({ snapshot: snap(), now: NOW, ...over });
const check = (r: ReturnType<typeof buildReport>, name: string) => r.checks.find((c) => c.name === name);

describe("report model", () => {
  it("measures the snapshot's age against the RPO target", () => {
    expect(report().rpo).toMatchObject({ level: "ok", text: "3 h 30 min old (target ≤ 24 h)" });
    expect(report({ now: new Date("2026-11-26T12:00:00Z") }).rpo.level).toBe("warn");
    expect(report({ now: new Date("2026-11-29T12:00:00Z") }).rpo.level).toBe("fail");
    expect(report({ rpoTargetHours: 2 }).rpo.level).toBe("warn");
    expect(report({ now: new Date("2026-11-25T05:00:00Z") }).rpo.text).toMatch(/future/);
    expect(humanAge(0.5)).toBe("30 min");
    expect(humanAge(49)).toBe("2 d 1 h");
  });

  it("counts coverage per kind and groups what was skipped with its reason", () => {
    const r = report();
    expect(r.coverage.find((c) => c.kind === "notebook")).toMatchObject({ exported: 3, skipped: 1 });
    expect(r.coverage.find((c) => c.kind === "job")).toMatchObject({ exported: 5, skipped: 0 });
    expect(r.totals).toMatchObject({ exported: 40, skipped: 2, kindsWithObjects: 17 });
    expect(r.skipped).toEqual([
      {
        kind: "notebook",
        reason: "MAX_NOTEBOOK_SIZE_EXCEEDED: export over 10 MB",
        ids: ["/Users/bob@contoso.com/huge-model"],
      },
      { kind: "cluster", reason: expect.stringMatching(/cluster_source JOB/), ids: ["0101-020000-jobclus1"] },
    ]);
    const filtered = buildReport({
      snapshot: snap(
        sampleWorkspace()
          .manifest({ filters: { excludeKinds: ["repo"] } })
          .remove("repo", "/Repos/alice@contoso.com/pipelines"),
      ),
      now: NOW,
    });
    expect(filtered.coverage.find((c) => c.kind === "repo")).toMatchObject({
      exported: 0,
      note: "excluded by the export's filters",
    });
  });

  it("lists secret values to supply, with their state from the stack config or the secondary", () => {
    expect(report().secrets).toEqual([
      { scope: "etl", key: "api-key", status: "unknown" },
      { scope: "etl", key: "db-password", status: "unknown" },
    ]);
    const settings = parseStackSettings(
      "config:\n  databricks-dr:secrets:\n    etl:\n      api-key:\n        secure: v1:abc\n",
      "Pulumi.secondary.yaml",
    );
    expect(report({ settings }).secrets.map((s) => s.status)).toEqual(["set", "missing"]);
    const primary = snap();
    const v = compareSnapshots(
      primary,
      snap(replicaOf(sampleWorkspace(), { suppliedSecrets: ["etl/db-password"] })),
    );
    expect(buildReport({ snapshot: primary, now: NOW, verify: v }).secrets.map((s) => s.status)).toEqual([
      "missing",
      "set",
    ]);
    expect(check(report({ settings }), "Secret values")).toMatchObject({
      level: "warn",
      detail: expect.stringMatching(/^1 of 2/),
    });
  });

  it("asks for mounts unless the stack config declares them", () => {
    expect(check(report(), "Mounts")?.level).toBe("warn");
    const settings = parseStackSettings(
      'config:\n  databricks-dr:mounts: \'[{"name":"raw","container":"data","directory":"/raw"}]\'\n',
      "Pulumi.secondary.yaml",
    );
    const r = report({ settings });
    expect(check(r, "Mounts")).toMatchObject({
      level: "ok",
      detail: "1 mount declared in Pulumi.secondary.yaml.",
    });
    expect(r.mounts.declared).toEqual([{ name: "raw", container: "data", directory: "/raw" }]);
  });

  it("flags identities that may not resolve in Entra ID", () => {
    const b = sampleWorkspace()
      .add("user", user("dan_partner.com#EXT#@contoso.onmicrosoft.com", { externalId: "d4" }))
      .update("group", "data-eng", (g) => {
        g.externalId = "entra-group-1";
      });
    const ids = buildReport({ snapshot: snap(b), now: NOW }).identities;
    expect(ids.map((i) => `${i.kind}:${i.id}`)).toEqual([
      "user:carol@fabrikam.com",
      "user:dan_partner.com#EXT#@contoso.onmicrosoft.com",
      "group:data-eng",
    ]);
    expect(ids[0].why).toMatch(/external domain fabrikam\.com.*no externalId/);
  });

  it("estimates what compute that starts on create costs, as the start policy runs it", () => {
    const r = report();
    const byName = Object.fromEntries(r.compute.map((c) => [c.name, c]));
    // Pool-backed: the node type comes from the pool. 5 × DS4_v2 × ($0.585 + 1.5 DBU × $0.55) = $7.05/h.
    expect(byName["pooled-etl"]).toMatchObject({
      size: "driver Standard_DS4_v2 + 4 × Standard_DS4_v2",
      stopsAfterMin: 10,
      ownStopMin: undefined,
    });
    expect(byName["pooled-etl"].hourlyUsd).toBeCloseTo(7.05, 2);
    expect(byName["pooled-etl"].perStartUsd).toBeCloseTo(1.175, 3);
    // Autoscale starts at min_workers.
    expect(byName["shared-analytics"].size).toBe("driver Standard_DS3_v2 + 2 × Standard_DS3_v2");
    expect(byName["reporting"]).toMatchObject({
      kind: "sql-warehouse",
      size: "Small",
      stopsAfterMin: 10,
      ownStopMin: 15,
    });
    expect(r.compute[0].name).toBe("pooled-etl");
    expect(check(r, "Compute started on create")?.level).toBe("info");

    const keep = parseStackSettings("config:\n  databricks-dr:clusterStartPolicy: keepOriginal\n", "f.yaml");
    const k = report({ settings: keep });
    expect(k.compute[0]).toMatchObject({
      name: "pooled-etl",
      stopsAfterMin: undefined,
      perStartUsd: undefined,
    });
    expect(k.computeTotals.neverStop).toBe(1);
    expect(check(k, "Compute started on create")?.level).toBe("warn");
    const skip = parseStackSettings(
      "config:\n  databricks-dr:clusterStartPolicy: skipAllPurpose\n",
      "f.yaml",
    );
    expect(report({ settings: skip }).compute.map((c) => c.kind)).toEqual(["sql-warehouse"]);
  });

  it("estimates an unknown node type from its vCPUs and says so", () => {
    const b = sampleWorkspace().update("cluster", "1102-000000-single01", (c) => {
      c.spec.node_type_id = "Standard_E64ds_v5";
    });
    const c = buildReport({ snapshot: snap(b), now: NOW }).compute.find(
      (x) => x.name === "alice-single-node",
    );
    expect(c).toMatchObject({ estimated: true });
    expect(c?.hourlyUsd).toBeCloseTo(64 * (0.05 + 0.1875 * 0.55), 5);
  });

  it("gives a verdict from the worst check, and names what to do", () => {
    const r = report();
    expect(r.verdict).toMatchObject({ level: "warn", label: "ACTION NEEDED" });
    expect(r.verdict.summary).toMatch(
      /^To do: review 2 skipped objects; supply 2 secret values; declare mounts; check 1 identity in Entra ID\. The secondary was not verified\.$/,
    );
    const primary = snap();
    const drift = replicaOf(sampleWorkspace()).remove("notebook", "/Shared/etl/report");
    const bad = buildReport({ snapshot: primary, now: NOW, verify: compareSnapshots(primary, snap(drift)) });
    expect(bad.verdict).toMatchObject({ level: "fail", label: "NOT READY" });
    expect(bad.verdict.summary).toMatch(/^Not ready: the secondary differs from the primary \(1 object\)\./);

    const clean = new SnapshotBuilder({ exportedAt: "2026-11-25T09:00:00.000Z" }).add(
      "user",
      user("a@contoso.com", { externalId: "x" }),
    );
    const settings = parseStackSettings(
      "config:\n  databricks-dr:role: secondary\n",
      "Pulumi.secondary.yaml",
    );
    const p = snap(clean);
    const ok = buildReport({
      snapshot: p,
      now: NOW,
      settings,
      verify: compareSnapshots(p, snap(clean.clone())),
    });
    expect(ok.verdict).toMatchObject({ level: "ok", label: "READY" });
    expect(ok.verdict.summary).toBe("Ready: the snapshot is 30 min old and the secondary matches it.");
  });
});
