import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots, ObjectResult, VerifyOptions, VerifyResult } from "../../verify";
import { replicaOf, ReplicaOptions } from "../helpers/replica";
import {
  grant,
  job,
  removeWrittenSnapshots,
  servicePrincipal,
  SnapshotBuilder,
} from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";

afterAll(removeWrittenSnapshots);

function verify(p: SnapshotBuilder, s: SnapshotBuilder, opts: VerifyOptions = {}): VerifyResult {
  return compareSnapshots(readSnapshot(p.write()), readSnapshot(s.write()), opts);
}
const find = (r: VerifyResult, kind: string, key: string): ObjectResult | undefined =>
  r.objects.find((o) => o.kind === kind && o.key === key);
const unexpected = (r: VerifyResult) =>
  r.objects
    .filter((o) => o.unexpected)
    .flatMap((o) =>
      o.status === "different"
        ? o.differences.map((d) => `${o.kind} ${o.key} ${d.path}`)
        : [`${o.kind} ${o.key} ${o.status}`],
    );
const J = SAMPLE_IDS.jobs;
/** A replica's id of a primary job (tests/helpers/replica.ts). */
const secJob = (id: number) => String(9000 + id);
/** A second "Nightly ETL", created after the sample's (a higher id): jobs sharing a name. */
const TWIN = 411111111111101;
const NOTEBOOK = "/Shared/reports/daily_kpis";
/**
 * The emulator sample (its ids in emulator/seeds/sample-ids.ts), with a job sharing a name and its
 * file-arrival trigger created without a pause_status (UNPAUSED in the API).
 */
const sample = () =>
  sampleWorld()
    .add(
      "job",
      job(TWIN, "Nightly ETL", {
        tasks: [
          {
            task_key: "main",
            existing_cluster_id: SAMPLE_IDS.etlApiCluster,
            notebook_task: { notebook_path: "/Shared/etl/silver_to_gold" },
          },
        ],
      }),
    )
    .update("job", String(J.fileArrival), (j) => {
      delete (j.settings.trigger as Record<string, unknown>).pause_status;
      j.originalPause.trigger = "UNPAUSED";
    });
const replica = (opts?: ReplicaOptions) => replicaOf(sample(), opts);
const engineers = () =>
  sampleWorld()
    .list("group")
    .find((g) => g.displayName === "data-engineers")!.id;

describe("verify: a faithful passive replica", () => {
  const r = verify(sample(), replica());

  it("has no unexpected difference", () => {
    expect(unexpected(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.unexpected).toBe(0);
  });

  it("matches workspace-assigned ids by name and reports the ids apart", () => {
    const c = find(r, "cluster", "Shared Autoscaling");
    expect(c?.expected).toContainEqual(
      expect.objectContaining({
        path: "id",
        primary: SAMPLE_IDS.sharedCluster,
        secondary: `sec-${SAMPLE_IDS.sharedCluster}`,
      }),
    );
    const jobs = sample().list("job").length;
    const summary = r.kinds.find((k) => k.kind === "job");
    expect(summary).toMatchObject({
      primary: jobs,
      secondary: jobs,
      matched: jobs,
      missing: 0,
      extra: 0,
      different: 0,
    });
  });

  it("tells jobs sharing a name apart by creation order", () => {
    expect(find(r, "job", "Nightly ETL")?.primaryId).toBe(String(J.nightlyEtl));
    expect(find(r, "job", "Nightly ETL #2")?.primaryId).toBe(String(TWIN));
    expect(find(r, "job", "Nightly ETL #2")?.secondaryId).toBe(secJob(TWIN));
  });

  it("explains paused schedules, idle pools, auto-termination and unsupplied secrets", () => {
    const rules = (kind: string, key: string) =>
      find(r, kind, key)?.expected.map((e) => `${e.rule} ${e.path}`);
    expect(rules("job", "Nightly ETL")).toEqual(
      expect.arrayContaining([
        "paused-while-passive originalPause.schedule",
        "paused-while-passive settings.schedule.pause_status",
      ]),
    );
    expect(rules("job", "Streaming ingest")).toContain(
      "paused-while-passive settings.continuous.pause_status",
    );
    // A file-arrival trigger without pause_status is UNPAUSED in the API: PAUSED in the secondary is expected.
    expect(rules("job", "Landing zone loader")).toContain(
      "paused-while-passive settings.trigger.pause_status",
    );
    // driver-pool keeps one instance idle in the primary; general-pool none.
    expect(rules("instance-pool", "driver-pool")).toContain("no-idle-while-passive spec.min_idle_instances");
    expect(rules("instance-pool", "general-pool")).toEqual(["assigned-id id"]);
    expect(rules("cluster", "ETL API cluster")).toContain(
      "start-policy-autotermination spec.autotermination_minutes",
    );
    expect(rules("sql-warehouse", "Analytics Warehouse")).toContain(
      "start-policy-autotermination spec.auto_stop_mins",
    );
    // The three etl keys the sample's cluster, policy and notebook name.
    expect(rules("secret-scope", "etl")).toEqual([
      "secret-value-not-supplied keys[]",
      "secret-value-not-supplied keys[]",
      "secret-value-not-supplied keys[]",
    ]);
    // The hourly report was paused in the primary: nothing to explain about it but its id.
    expect(rules("job", "Hourly report refresh")).toEqual(["assigned-id id"]);
  });

  it("matches permissions by the key of the object they are on", () => {
    const p = find(r, "permissions", "jobs:Nightly ETL");
    expect(p?.primaryId).toBe(`jobs:${J.nightlyEtl}`);
    expect(p?.secondaryId).toBe(`jobs:${secJob(J.nightlyEtl)}`);
    expect(p?.unexpected).toBe(false);
  });
});

describe("verify: what it must catch", () => {
  it("reports missing, extra and different objects field by field", () => {
    const s = replica()
      .remove("notebook", NOTEBOOK)
      .add("job", job(9200, "stray-job"))
      .update("cluster", `sec-${SAMPLE_IDS.sharedCluster}`, (c) => {
        c.spec.spark_version = "15.4.x-scala2.12";
      });
    const r = verify(sample(), s);
    expect(r.ok).toBe(false);
    expect(find(r, "notebook", NOTEBOOK)).toMatchObject({ status: "missing", unexpected: true });
    expect(find(r, "job", "stray-job")).toMatchObject({
      status: "extra",
      unexpected: true,
      secondaryId: "9200",
    });
    expect(find(r, "cluster", "Shared Autoscaling")?.differences).toEqual([
      { path: "spec.spark_version", primary: "14.3.x-scala2.12", secondary: "15.4.x-scala2.12" },
    ]);
    expect(r.unexpected).toBe(3);
    expect(r.kinds.find((k) => k.kind === "notebook")?.missing).toBe(1);
  });

  it("compares references through the matching: a task on the wrong cluster is a difference", () => {
    const s = replica().update("job", secJob(J.hourlyReport), (j) => {
      (j.settings.tasks as Record<string, unknown>[])[0].existing_cluster_id =
        `sec-${SAMPLE_IDS.etlApiCluster}`;
    });
    const r = verify(sample(), s);
    expect(find(r, "job", "Hourly report refresh")?.differences).toEqual([
      {
        path: "settings.tasks[task_key=refresh].existing_cluster_id",
        primary: "<cluster:Analytics Small>",
        secondary: "<cluster:ETL API cluster>",
      },
    ]);
  });

  it("flags a reference to an object missing from the snapshot with its id", () => {
    const s = replica().update("job", secJob(J.hourlyReport), (j) => {
      (j.settings.tasks as Record<string, unknown>[])[0].existing_cluster_id = "1234-gone";
    });
    const d = find(verify(sample(), s), "job", "Hourly report refresh")?.differences[0];
    expect(d?.secondary).toBe("<cluster:?1234-gone>");
  });

  it("flags a trigger left running in a passive secondary, even when the primary runs it too", () => {
    const r = verify(sample(), replica({ mode: "active" }));
    expect(r.ok).toBe(false);
    const d = find(r, "job", "Nightly ETL")?.differences;
    expect(d).toEqual([
      expect.objectContaining({
        path: "settings.schedule.pause_status",
        primary: "UNPAUSED",
        secondary: "UNPAUSED",
        note: expect.stringMatching(/must be PAUSED while the secondary is passive/),
      }),
    ]);
    expect(unexpected(r)).toEqual(
      expect.arrayContaining([
        "job Streaming ingest settings.continuous.pause_status",
        "job Nightly ETL settings.schedule.pause_status",
        "job Landing zone loader settings.trigger.pause_status",
      ]),
    );
    // Of the jobs, only running triggers: the hourly report stays paused as in the primary.
    for (const x of unexpected(r).filter((u) => u.startsWith("job "))) expect(x).toMatch(/pause_status$/);
    expect(find(r, "job", "Hourly report refresh")?.unexpected).toBe(false);
  });

  it("after activation, pause states must be the primary's original ones", () => {
    expect(unexpected(verify(sample(), replica({ mode: "active" }), { mode: "active" }))).toEqual([]);
    const r = verify(sample(), replica(), { mode: "active" });
    expect(unexpected(r)).toEqual(
      expect.arrayContaining([
        "job Nightly ETL settings.schedule.pause_status",
        "job Nightly ETL originalPause.schedule",
        "instance-pool driver-pool spec.min_idle_instances",
      ]),
    );
    // A job paused in the primary must stay paused after activation, and is.
    expect(find(r, "job", "Hourly report refresh")?.unexpected).toBe(false);
  });

  it("counts a secondary that terminates clusters later than the primary", () => {
    const s = replica().update("cluster", `sec-${SAMPLE_IDS.sharedCluster}`, (c) => {
      c.spec.autotermination_minutes = 240;
    });
    expect(unexpected(verify(sample(), s))).toEqual([
      "cluster Shared Autoscaling spec.autotermination_minutes",
    ]);
  });

  it("follows the stack's cluster start policy", () => {
    const r = verify(sample(), replica(), { clusterStartPolicy: "keepOriginal" });
    expect(unexpected(r).sort()).toEqual([
      "cluster Analytics Small spec.autotermination_minutes",
      "cluster ETL API cluster spec.autotermination_minutes",
      "cluster Shared Autoscaling spec.autotermination_minutes",
      "sql-warehouse Analytics Warehouse spec.auto_stop_mins",
    ]);
    const s = replica();
    for (const c of s.list("cluster")) s.remove("cluster", c.id);
    for (const p of s.list("permissions")) if (p.objectType === "clusters") s.remove("permissions", p.id);
    const skipped = verify(sample(), s, { clusterStartPolicy: "skipAllPurpose" });
    // Jobs on an existing cluster lose their cluster: the stack reports them, verify counts them.
    expect(unexpected(skipped).filter((x) => !x.startsWith("job "))).toEqual([]);
    expect(find(skipped, "cluster", "Shared Autoscaling")).toMatchObject({
      status: "missing",
      unexpected: false,
    });
    expect(find(skipped, "permissions", "clusters:Shared Autoscaling")).toMatchObject({ unexpected: false });
  });

  it("accepts the pool idle auto-termination the stack fills in, and only that value", () => {
    const p = sample().update("instance-pool", SAMPLE_IDS.generalPool, (d) => {
      delete d.spec.idle_instance_autotermination_minutes;
    });
    const s = replica().update("instance-pool", `sec-${SAMPLE_IDS.generalPool}`, (d) => {
      d.spec.idle_instance_autotermination_minutes = 60;
    });
    expect(find(verify(p, s), "instance-pool", "general-pool")?.expected.map((e) => e.rule)).toContain(
      "stack-default",
    );
    const other = replica().update("instance-pool", `sec-${SAMPLE_IDS.generalPool}`, (d) => {
      d.spec.idle_instance_autotermination_minutes = 45;
    });
    expect(unexpected(verify(p, other))).toEqual([
      "instance-pool general-pool spec.idle_instance_autotermination_minutes",
    ]);
  });

  it("only excuses secret keys whose values the manifest says are needed", () => {
    const p = sample().update("secret-scope", "etl", (d) => {
      d.keys.push("orphan");
    });
    const r = verify(p, replica({ suppliedSecrets: ["etl/api-token"] }));
    const scope = find(r, "secret-scope", "etl");
    expect(scope?.differences).toEqual([{ path: "keys[]", primary: "orphan" }]);
    expect(scope?.expected.map((e) => [e.path, e.primary]).sort()).toEqual([
      ["keys[]", "db-password"],
      ["keys[]", "storage-key"],
    ]);
  });

  it("ignores order where it carries no meaning and compares policy definitions parsed", () => {
    const s = replica()
      .update("group", engineers(), (g) => {
        g.members.reverse();
      })
      .update("job", secJob(J.nightlyEtl), (j) => {
        (j.settings.tasks as unknown[]).reverse();
      })
      .update("cluster-policy", `sec-${SAMPLE_IDS.personalPolicy}`, (p) => {
        p.definition = JSON.stringify(JSON.parse(p.definition as string), null, 4);
      });
    expect(unexpected(verify(sample(), s))).toEqual([]);
    const changed = replica().update("cluster-policy", `sec-${SAMPLE_IDS.personalPolicy}`, (p) => {
      p.definition = (p.definition as string).replace('"maxValue":120', '"maxValue":60');
    });
    expect(find(verify(sample(), changed), "cluster-policy", "Personal compute")?.differences).toEqual([
      { path: "definition.autotermination_minutes.maxValue", primary: 120, secondary: 60 },
    ]);
  });

  it("reports a changed grant as a set item on each side", () => {
    const g = engineers();
    const s = replica().update("permissions", `jobs:${secJob(J.nightlyEtl)}`, (p) => {
      p.acl = p.acl.map((e) => (e.principal.id === g ? grant("group", g, "CAN_VIEW") : e));
    });
    expect(find(verify(sample(), s), "permissions", "jobs:Nightly ETL")?.differences).toEqual([
      { path: "acl[]", primary: { principal: "<group:data-engineers>", level: "CAN_MANAGE_RUN" } },
      { path: "acl[]", secondary: { principal: "<group:data-engineers>", level: "CAN_VIEW" } },
    ]);
  });

  it("shows configured omissions (and the grants on them) and ignored objects apart", () => {
    // Analytics Small, with the one job that runs on it left out of both sides; its grants stay in the primary.
    const single = SAMPLE_IDS.analyticsCluster;
    const p = sample().remove("job", String(J.hourlyReport)).remove("permissions", `jobs:${J.hourlyReport}`);
    const s = replica()
      .remove("job", secJob(J.hourlyReport))
      .remove("permissions", `jobs:${secJob(J.hourlyReport)}`)
      .remove("cluster", `sec-${single}`)
      .remove("permissions", `clusters:sec-${single}`)
      .add("service-principal", servicePrincipal("0000-deployer"));
    const r = verify(p, s, { expectMissingKinds: ["cluster"], ignore: ["service-principal:0000-*"] });
    expect(unexpected(r)).toEqual([]);
    expect(find(r, "cluster", "Analytics Small")).toMatchObject({
      status: "missing",
      unexpected: false,
      reason: "not replicated by configuration",
    });
    expect(find(r, "permissions", "clusters:Analytics Small")).toMatchObject({
      status: "missing",
      unexpected: false,
    });
    expect(find(r, "service-principal", "0000-deployer")).toMatchObject({
      status: "extra",
      unexpected: false,
    });
    // Without the options, all three count.
    expect(verify(p, s).unexpected).toBe(3);
  });

  it("names the secondary export's skip reason on a missing object", () => {
    const s = replica().remove("notebook", NOTEBOOK).skip("notebook", NOTEBOOK, "MAX_NOTEBOOK_SIZE_EXCEEDED");
    expect(find(verify(sample(), s), "notebook", NOTEBOOK)?.reason).toMatch(/MAX_NOTEBOOK_SIZE_EXCEEDED/);
  });

  it("sees a notebook whose content changed through its hash", () => {
    const s = replica().notebook(
      "/Shared/etl/bronze_to_silver",
      "# Databricks notebook source\nspark.range(100).count()\n",
    );
    expect(
      find(verify(sample(), s), "notebook", "/Shared/etl/bronze_to_silver")?.differences.map((d) => d.path),
    ).toEqual(["content.sha256", "content.size"]);
  });
});
