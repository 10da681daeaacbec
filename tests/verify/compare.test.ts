import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots, ObjectResult, VerifyOptions, VerifyResult } from "../../verify";
import { replicaOf, ReplicaOptions } from "../helpers/replica";
import {
  grant,
  job,
  permissions,
  removeWrittenSnapshots,
  sampleWorkspace,
  servicePrincipal,
  SnapshotBuilder,
} from "../helpers/snapshot-builder";

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
const sample = () => sampleWorkspace();
const replica = (opts?: ReplicaOptions) => replicaOf(sampleWorkspace(), opts);

describe("verify: a faithful passive replica", () => {
  const r = verify(sample(), replica());

  it("has no unexpected difference", () => {
    expect(unexpected(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.unexpected).toBe(0);
  });

  it("matches workspace-assigned ids by name and reports the ids apart", () => {
    const c = find(r, "cluster", "shared-analytics");
    expect(c?.expected).toContainEqual(
      expect.objectContaining({
        path: "id",
        primary: "0923-164208-shared01",
        secondary: "sec-0923-164208-shared01",
      }),
    );
    const summary = r.kinds.find((k) => k.kind === "job");
    expect(summary).toMatchObject({
      primary: 5,
      secondary: 5,
      matched: 5,
      missing: 0,
      extra: 0,
      different: 0,
    });
  });

  it("tells jobs sharing a name apart by creation order", () => {
    expect(find(r, "job", "nightly-ingest")?.primaryId).toBe("101");
    expect(find(r, "job", "nightly-ingest #2")?.primaryId).toBe("104");
    expect(find(r, "job", "nightly-ingest #2")?.secondaryId).toBe("9104");
  });

  it("explains paused schedules, idle pools, auto-termination and unsupplied secrets", () => {
    const rules = (kind: string, key: string) =>
      find(r, kind, key)?.expected.map((e) => `${e.rule} ${e.path}`);
    expect(rules("job", "nightly-ingest")).toEqual(
      expect.arrayContaining([
        "paused-while-passive originalPause.schedule",
        "paused-while-passive settings.schedule.pause_status",
      ]),
    );
    expect(rules("job", "nightly-ingest #2")).toContain(
      "paused-while-passive settings.continuous.pause_status",
    );
    // A file-arrival trigger without pause_status is UNPAUSED in the API: PAUSED in the secondary is expected.
    expect(rules("job", "on-file-arrival")).toContain("paused-while-passive settings.trigger.pause_status");
    expect(rules("instance-pool", "warm-pool")).toContain("no-idle-while-passive spec.min_idle_instances");
    expect(rules("cluster", "pooled-etl")).toContain(
      "start-policy-autotermination spec.autotermination_minutes",
    );
    expect(rules("sql-warehouse", "reporting")).toContain("start-policy-autotermination spec.auto_stop_mins");
    expect(rules("secret-scope", "etl")).toEqual([
      "secret-value-not-supplied keys[]",
      "secret-value-not-supplied keys[]",
    ]);
    // hourly-report was paused in the primary: nothing to explain about it but its id.
    expect(rules("job", "hourly-report")).toEqual(["assigned-id id"]);
  });

  it("matches permissions by the key of the object they are on", () => {
    const p = find(r, "permissions", "jobs:nightly-ingest");
    expect(p?.primaryId).toBe("jobs:101");
    expect(p?.secondaryId).toBe("jobs:9101");
    expect(p?.unexpected).toBe(false);
  });
});

describe("verify: what it must catch", () => {
  it("reports missing, extra and different objects field by field", () => {
    const s = replica()
      .remove("notebook", "/Shared/etl/report")
      .add("job", job(9200, "stray-job"))
      .update("cluster", "sec-0923-164208-shared01", (c) => {
        c.spec.spark_version = "14.3.x-scala2.12";
      });
    const r = verify(sample(), s);
    expect(r.ok).toBe(false);
    expect(find(r, "notebook", "/Shared/etl/report")).toMatchObject({ status: "missing", unexpected: true });
    expect(find(r, "job", "stray-job")).toMatchObject({
      status: "extra",
      unexpected: true,
      secondaryId: "9200",
    });
    expect(find(r, "cluster", "shared-analytics")?.differences).toEqual([
      { path: "spec.spark_version", primary: "15.4.x-scala2.12", secondary: "14.3.x-scala2.12" },
    ]);
    expect(r.unexpected).toBe(3);
    expect(r.kinds.find((k) => k.kind === "notebook")?.missing).toBe(1);
  });

  it("compares references through the matching: a task on the wrong cluster is a difference", () => {
    const s = replica().update("job", "9101", (j) => {
      (j.settings.tasks as Record<string, unknown>[])[0].existing_cluster_id = "sec-1101-000000-pooled01";
    });
    const r = verify(sample(), s);
    expect(find(r, "job", "nightly-ingest")?.differences).toEqual([
      {
        path: "settings.tasks[task_key=ingest].existing_cluster_id",
        primary: "<cluster:shared-analytics>",
        secondary: "<cluster:pooled-etl>",
      },
    ]);
  });

  it("flags a reference to an object missing from the snapshot with its id", () => {
    const s = replica().update("job", "9101", (j) => {
      (j.settings.tasks as Record<string, unknown>[])[0].existing_cluster_id = "1234-gone";
    });
    const d = find(verify(sample(), s), "job", "nightly-ingest")?.differences[0];
    expect(d?.secondary).toBe("<cluster:?1234-gone>");
  });

  it("flags a trigger left running in a passive secondary, even when the primary runs it too", () => {
    const r = verify(sample(), replica({ mode: "active" }));
    expect(r.ok).toBe(false);
    const d = find(r, "job", "nightly-ingest")?.differences;
    expect(d).toEqual([
      expect.objectContaining({
        path: "settings.schedule.pause_status",
        primary: "UNPAUSED",
        secondary: "UNPAUSED",
        note: expect.stringMatching(/must be PAUSED while the secondary is passive/),
      }),
    ]);
    expect(unexpected(r).sort()).toEqual([
      "job nightly-ingest #2 settings.continuous.pause_status",
      "job nightly-ingest settings.schedule.pause_status",
      "job on-file-arrival settings.trigger.pause_status",
    ]);
  });

  it("after activation, pause states must be the primary's original ones", () => {
    expect(unexpected(verify(sample(), replica({ mode: "active" }), { mode: "active" }))).toEqual([]);
    const r = verify(sample(), replica(), { mode: "active" });
    expect(unexpected(r)).toEqual(
      expect.arrayContaining([
        "job nightly-ingest settings.schedule.pause_status",
        "job nightly-ingest originalPause.schedule",
        "instance-pool warm-pool spec.min_idle_instances",
      ]),
    );
    // A job paused in the primary must stay paused after activation, and is.
    expect(find(r, "job", "hourly-report")?.unexpected).toBe(false);
  });

  it("counts a secondary that terminates clusters later than the primary", () => {
    const s = replica().update("cluster", "sec-0923-164208-shared01", (c) => {
      c.spec.autotermination_minutes = 240;
    });
    expect(unexpected(verify(sample(), s))).toEqual([
      "cluster shared-analytics spec.autotermination_minutes",
    ]);
  });

  it("follows the stack's cluster start policy", () => {
    const r = verify(sample(), replica(), { clusterStartPolicy: "keepOriginal" });
    expect(unexpected(r).sort()).toEqual([
      "cluster alice-single-node spec.autotermination_minutes",
      "cluster pooled-etl spec.autotermination_minutes",
      "cluster shared-analytics spec.autotermination_minutes",
      "sql-warehouse reporting spec.auto_stop_mins",
    ]);
    const s = replica();
    for (const c of s.list("cluster")) s.remove("cluster", c.id);
    for (const p of s.list("permissions")) if (p.objectType === "clusters") s.remove("permissions", p.id);
    const skipped = verify(sample(), s, { clusterStartPolicy: "skipAllPurpose" });
    // Jobs on an existing cluster lose their cluster: the stack reports them, verify counts them.
    expect(unexpected(skipped).filter((x) => !x.startsWith("job "))).toEqual([]);
    expect(find(skipped, "cluster", "shared-analytics")).toMatchObject({
      status: "missing",
      unexpected: false,
    });
    expect(find(skipped, "permissions", "clusters:shared-analytics")).toMatchObject({ unexpected: false });
  });

  it("accepts the pool idle auto-termination the stack fills in, and only that value", () => {
    const p = sample().update("instance-pool", "1101-120000-pool-warm", (d) => {
      delete d.spec.idle_instance_autotermination_minutes;
    });
    const s = replica().update("instance-pool", "sec-1101-120000-pool-warm", (d) => {
      d.spec.idle_instance_autotermination_minutes = 60;
    });
    expect(find(verify(p, s), "instance-pool", "warm-pool")?.expected.map((e) => e.rule)).toContain(
      "stack-default",
    );
    const other = replica().update("instance-pool", "sec-1101-120000-pool-warm", (d) => {
      d.spec.idle_instance_autotermination_minutes = 45;
    });
    expect(unexpected(verify(p, other))).toEqual([
      "instance-pool warm-pool spec.idle_instance_autotermination_minutes",
    ]);
  });

  it("only excuses secret keys whose values the manifest says are needed", () => {
    const p = sample().update("secret-scope", "etl", (d) => {
      d.keys.push("orphan");
    });
    const r = verify(p, replica({ suppliedSecrets: ["etl/api-key"] }));
    const scope = find(r, "secret-scope", "etl");
    expect(scope?.differences).toEqual([{ path: "keys[]", primary: "orphan" }]);
    expect(scope?.expected).toEqual([expect.objectContaining({ path: "keys[]", primary: "db-password" })]);
  });

  it("ignores order where it carries no meaning and compares policy definitions parsed", () => {
    const s = replica()
      .update("group", "data-eng", (g) => {
        g.members.reverse();
      })
      .update("job", "9101", (j) => {
        (j.settings.tasks as unknown[]).reverse();
      })
      .update("cluster-policy", "sec-E0631F5C0D000001", (p) => {
        p.definition = JSON.stringify(JSON.parse(p.definition as string), null, 4);
      });
    expect(unexpected(verify(sample(), s))).toEqual([]);
    const changed = replica().update("cluster-policy", "sec-E0631F5C0D000001", (p) => {
      p.definition = (p.definition as string).replace('"maxValue":120', '"maxValue":60');
    });
    expect(find(verify(sample(), changed), "cluster-policy", "Shared compute")?.differences).toEqual([
      { path: "definition.autotermination_minutes.maxValue", primary: 120, secondary: 60 },
    ]);
  });

  it("reports a changed grant as a set item on each side", () => {
    const s = replica().update("permissions", "jobs:9101", (p) => {
      p.acl[1] = grant("group", "data-eng", "CAN_VIEW");
    });
    expect(find(verify(sample(), s), "permissions", "jobs:nightly-ingest")?.differences).toEqual([
      { path: "acl[]", primary: { principal: "<group:data-eng>", level: "CAN_MANAGE_RUN" } },
      { path: "acl[]", secondary: { principal: "<group:data-eng>", level: "CAN_VIEW" } },
    ]);
  });

  it("shows configured omissions (and the grants on them) and ignored objects apart", () => {
    const single = "1102-000000-single01";
    const p = sample().add(
      "permissions",
      permissions("clusters", single, [grant("user", "bob@contoso.com", "CAN_ATTACH_TO")]),
    );
    const s = replica()
      .remove("cluster", `sec-${single}`)
      .add("service-principal", servicePrincipal("0000-deployer"));
    const r = verify(p, s, { expectMissingKinds: ["cluster"], ignore: ["service-principal:0000-*"] });
    expect(unexpected(r)).toEqual([]);
    expect(find(r, "cluster", "alice-single-node")).toMatchObject({
      status: "missing",
      unexpected: false,
      reason: "not replicated by configuration",
    });
    expect(find(r, "permissions", "clusters:alice-single-node")).toMatchObject({
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
    const s = replica()
      .remove("notebook", "/Shared/etl/report")
      .skip("notebook", "/Shared/etl/report", "MAX_NOTEBOOK_SIZE_EXCEEDED");
    expect(find(verify(sample(), s), "notebook", "/Shared/etl/report")?.reason).toMatch(
      /MAX_NOTEBOOK_SIZE_EXCEEDED/,
    );
  });

  it("sees a notebook whose content changed through its hash", () => {
    const s = replica().notebook(
      "/Shared/etl/ingest",
      "# Databricks notebook source\nspark.range(100).count()\n",
    );
    expect(
      find(verify(sample(), s), "notebook", "/Shared/etl/ingest")?.differences.map((d) => d.path),
    ).toEqual(["content.sha256", "content.size"]);
  });
});
