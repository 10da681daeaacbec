import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots } from "../../verify";
import { buildReport, humanAge, ReportInput } from "../../report";
import { parseStackSettings } from "../../report/stack-config";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, SnapshotBuilder, user } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";

afterAll(removeWrittenSnapshots);

const NOW = new Date("2026-11-25T09:30:00.000Z"); // sample exported 06:00
const snap = (b: SnapshotBuilder = sampleWorld()) => readSnapshot(b.write());
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
    const s = snap();
    // The emulator sample: 8 notebooks outside repos; 3 all-purpose clusters, and 3 a job, SQL and DLT own.
    expect(r.coverage.find((c) => c.kind === "notebook")).toMatchObject({ exported: 8, skipped: 0 });
    expect(r.coverage.find((c) => c.kind === "cluster")).toMatchObject({ exported: 3, skipped: 3 });
    const counts = Object.values(s.descriptors).map((d) => d.length);
    expect(r.totals).toMatchObject({
      exported: counts.reduce((n, c) => n + c, 0),
      skipped: s.manifest.skipped.length,
      kindsWithObjects: counts.filter((c) => c > 0).length,
    });
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        {
          kind: "cluster",
          reason: expect.stringMatching(/cluster_source JOB/),
          ids: [SAMPLE_IDS.jobCluster],
        },
        {
          kind: "uc-schema",
          reason: "created by Databricks in every catalog",
          ids: ["analytics.information_schema", "sales.information_schema"],
        },
        {
          kind: "workspace-file",
          reason: expect.stringMatching(/^LIBRARY objects/),
          ids: ["/Shared/libs/legacy-udfs"],
        },
      ]),
    );
    const filtered = buildReport({
      snapshot: snap(
        sampleWorld()
          .manifest({ filters: { excludeKinds: ["repo"] } })
          .remove("repo", "/Repos/alice.smith@example.com/analytics-pipelines"),
      ),
      now: NOW,
    });
    expect(filtered.coverage.find((c) => c.kind === "repo")).toMatchObject({
      exported: 0,
      note: "excluded by the export's filters",
    });
  });

  it("lists secret values to supply, with their state from the stack config or the secondary", () => {
    // The sample's cluster, policy and notebook name three keys of the etl scope (emulator/seeds/sample-settings.ts).
    expect(report().secrets).toEqual([
      { scope: "etl", key: "api-token", status: "unknown" },
      { scope: "etl", key: "db-password", status: "unknown" },
      { scope: "etl", key: "storage-key", status: "unknown" },
    ]);
    const settings = parseStackSettings(
      "config:\n  databricks-dr:secrets:\n    etl:\n      api-token:\n        secure: v1:abc\n",
      "Pulumi.secondary.yaml",
    );
    expect(report({ settings }).secrets.map((s) => s.status)).toEqual(["set", "missing", "missing"]);
    const primary = snap();
    const v = compareSnapshots(
      primary,
      snap(replicaOf(sampleWorld(), { suppliedSecrets: ["etl/db-password"] })),
    );
    expect(buildReport({ snapshot: primary, now: NOW, verify: v }).secrets.map((s) => s.status)).toEqual([
      "missing",
      "set",
      "missing",
    ]);
    expect(check(report({ settings }), "Secret values")).toMatchObject({
      level: "warn",
      detail: expect.stringMatching(/^2 of 3/),
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
    const b = sampleWorld().add(
      "user",
      user("dan_partner.com#EXT#@contoso.onmicrosoft.com", { externalId: "d4" }),
    );
    const engineers = b.list("group").find((g) => g.displayName === "data-engineers")!;
    b.update("group", engineers.id, (g) => {
      g.externalId = "entra-group-1";
    });
    const ids = buildReport({ snapshot: snap(b), now: NOW }).identities;
    // Of the sample's users only Carol is provisioned from Entra ID (emulator/seeds/sample-people.ts).
    expect(ids.map((i) => `${i.kind}:${i.id}`)).toEqual([
      "user:admin@example.com",
      "user:alice.smith@example.com",
      "user:bob.jones@example.com",
      "user:dan_partner.com#EXT#@contoso.onmicrosoft.com",
      "user:dave.okafor@example.com",
      "group:data-engineers",
    ]);
    expect(ids[0].why).toMatch(/^not provisioned from Entra ID \(no externalId\)/);
    expect(ids[3].why).toMatch(/^external domain contoso\.onmicrosoft\.com: a guest account/);
  });

  it("estimates what compute that starts on create costs, as the start policy runs it", () => {
    // The sample's ETL API cluster, made one that never stops by itself.
    const neverStops = () =>
      sampleWorld().update("cluster", SAMPLE_IDS.etlApiCluster, (c) => {
        c.spec.autotermination_minutes = 0;
      });
    const r = buildReport({ snapshot: snap(neverStops()), now: NOW });
    const byName = Object.fromEntries(r.compute.map((c) => [c.name, c]));
    // Pool-backed: the node types come from the pools (driver pool DS4_v2, worker pool DS3_v2).
    // DS4_v2 ($0.585 + 1.5 DBU × $0.55) + 4 × DS3_v2 ($0.293 + 0.75 DBU × $0.55) = $4.232/h.
    expect(byName["ETL API cluster"]).toMatchObject({
      size: "driver Standard_DS4_v2 + 4 × Standard_DS3_v2",
      stopsAfterMin: 10,
      ownStopMin: undefined,
    });
    expect(byName["ETL API cluster"].hourlyUsd).toBeCloseTo(4.232, 3);
    expect(byName["ETL API cluster"].perStartUsd).toBeCloseTo(4.232 / 6, 3);
    // Autoscale starts at min_workers.
    expect(byName["Shared Autoscaling"].size).toBe("driver Standard_DS4_v2 + 2 × Standard_DS3_v2");
    expect(byName["Analytics Warehouse"]).toMatchObject({
      kind: "sql-warehouse",
      size: "Small",
      stopsAfterMin: 10,
      ownStopMin: 20,
    });
    // Small: 12 DBU × $0.55 = $6.60/h, ahead of the clusters per start.
    expect(byName["Analytics Warehouse"].hourlyUsd).toBeCloseTo(6.6, 3);
    expect(r.compute.map((c) => c.name)).toEqual([
      "Analytics Warehouse",
      "ETL API cluster",
      "Shared Autoscaling",
      "Analytics Small",
    ]);
    expect(check(r, "Compute started on create")?.level).toBe("info");

    const keep = parseStackSettings("config:\n  databricks-dr:clusterStartPolicy: keepOriginal\n", "f.yaml");
    const k = buildReport({ snapshot: snap(neverStops()), now: NOW, settings: keep });
    expect(k.compute[0]).toMatchObject({
      name: "ETL API cluster",
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
    const b = sampleWorld().update("cluster", SAMPLE_IDS.analyticsCluster, (c) => {
      c.spec.node_type_id = "Standard_E64ds_v5";
    });
    const c = buildReport({ snapshot: snap(b), now: NOW }).compute.find((x) => x.name === "Analytics Small");
    expect(c).toMatchObject({ estimated: true });
    expect(c?.hourlyUsd).toBeCloseTo(64 * (0.05 + 0.1875 * 0.55), 5);
  });

  it("gives a verdict from the worst check, and names what to do", () => {
    const r = report();
    expect(r.verdict).toMatchObject({ level: "warn", label: "ACTION NEEDED" });
    expect(r.verdict.summary).toMatch(
      new RegExp(
        `^To do: review ${snap().manifest.skipped.length} skipped objects; supply 3 secret values; ` +
          "declare mounts; check 4 identities in Entra ID; .* The secondary was not verified\\.$",
      ),
    );
    const primary = snap();
    const drift = replicaOf(sampleWorld()).remove("notebook", "/Shared/reports/daily_kpis");
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
