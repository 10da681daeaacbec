import { readSnapshot } from "../../snapshot/reader";
import { compareSnapshots, ObjectResult, VerifyResult } from "../../verify";
import { replicaOf } from "../helpers/replica";
import { removeWrittenSnapshots, SnapshotBuilder } from "../helpers/snapshot-builder";
import { sampleWorld } from "../helpers/sample-world";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";

// Issue 9.2: the stack tags clusters, pools and warehouses with the primary's id. The keys are written out
// here (what the secondary's export shows), not imported from the stack or from verify.
const TAG = "databricks-dr-source-id";
const POOL_TAG = "databricks-dr-pool-source-id";

afterAll(removeWrittenSnapshots);

const verify = (p: SnapshotBuilder, s: SnapshotBuilder): VerifyResult =>
  compareSnapshots(readSnapshot(p.write()), readSnapshot(s.write()));
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
const rules = (o: ObjectResult | undefined) => o?.expected.map((e) => e.rule) ?? [];

// The emulator sample's "Shared Autoscaling" cluster, "general-pool" and "Analytics Warehouse".
const CLUSTER = SAMPLE_IDS.sharedCluster;
const POOL = SAMPLE_IDS.generalPool;
const WAREHOUSE = SAMPLE_IDS.warehouse;

/** The replica as the stack leaves it: each cluster, pool and warehouse tagged with its primary id. */
function tagged(primary: SnapshotBuilder): SnapshotBuilder {
  const s = replicaOf(primary);
  for (const c of s.list("cluster"))
    s.update("cluster", c.id, (d) => {
      d.spec.custom_tags = { ...(d.spec.custom_tags as object), [TAG]: c.id.replace(/^sec-/, "") };
    });
  for (const p of s.list("instance-pool"))
    s.update("instance-pool", p.id, (d) => {
      d.spec.custom_tags = { ...(d.spec.custom_tags as object), [POOL_TAG]: p.id.replace(/^sec-/, "") };
    });
  for (const w of s.list("sql-warehouse"))
    s.update("sql-warehouse", w.id, (d) => {
      const own = ((d.spec.tags as { custom_tags?: object[] } | undefined)?.custom_tags ?? []) as object[];
      d.spec.tags = { custom_tags: [...own, { key: TAG, value: w.id.replace(/^sec-/, "") }] };
    });
  return s;
}

describe("verify: the stack's source-id markers", () => {
  it("expects the marker on clusters, pools and warehouses whose primary has no tags", () => {
    const p = sampleWorld()
      .update("cluster", CLUSTER, (d) => void delete d.spec.custom_tags)
      .update("instance-pool", POOL, (d) => void delete d.spec.custom_tags)
      .update("sql-warehouse", WAREHOUSE, (d) => void delete d.spec.tags);
    const r = verify(p, tagged(p));
    expect(unexpected(r)).toEqual([]);
    for (const [kind, key] of [
      ["cluster", "Shared Autoscaling"],
      ["instance-pool", "general-pool"],
      ["sql-warehouse", "Analytics Warehouse"],
    ])
      expect(rules(find(r, kind, key))).toContain("stack-source-tag");
  });

  it("expects it next to the primary's own tags, and a stale marker the primary carries replaced", () => {
    const p = sampleWorld()
      .update("cluster", CLUSTER, (d) => {
        d.spec.custom_tags = { team: "data-eng", [TAG]: "from-an-earlier-region" };
      })
      .update("instance-pool", POOL, (d) => {
        d.spec.custom_tags = { team: "data-eng" };
      })
      .update("sql-warehouse", WAREHOUSE, (d) => {
        d.spec.tags = { custom_tags: [{ key: "team", value: "bi" }] };
      });
    const s = tagged(p).update("cluster", `sec-${CLUSTER}`, (d) => {
      d.spec.custom_tags = { team: "data-eng", [TAG]: CLUSTER };
    });
    const r = verify(p, s);
    expect(unexpected(r)).toEqual([]);
    expect(rules(find(r, "cluster", "Shared Autoscaling"))).toContain("stack-source-tag");
    expect(rules(find(r, "sql-warehouse", "Analytics Warehouse"))).toContain("stack-source-tag");
  });

  it("still reports every other tag difference, and a marker under the wrong kind's key", () => {
    const p = sampleWorld()
      .update("cluster", CLUSTER, (d) => void delete d.spec.custom_tags)
      .update("instance-pool", POOL, (d) => void delete d.spec.custom_tags)
      .update("sql-warehouse", WAREHOUSE, (d) => {
        d.spec.tags = { custom_tags: [{ key: "team", value: "bi" }] };
      });
    const s = tagged(p)
      .update("cluster", `sec-${CLUSTER}`, (d) => {
        d.spec.custom_tags = { [TAG]: CLUSTER, team: "someone-else" };
      })
      .update("instance-pool", `sec-${POOL}`, (d) => {
        d.spec.custom_tags = { [TAG]: POOL };
      })
      .update("sql-warehouse", `sec-${WAREHOUSE}`, (d) => {
        d.spec.tags = { custom_tags: [{ key: TAG, value: WAREHOUSE }] };
      });
    expect(unexpected(verify(p, s)).sort()).toEqual([
      "cluster Shared Autoscaling spec.custom_tags",
      "instance-pool general-pool spec.custom_tags",
      "sql-warehouse Analytics Warehouse spec.tags.custom_tags[key=team]",
    ]);
  });

  it("reports a marker the primary has and the secondary lost", () => {
    const p = sampleWorld().update("cluster", CLUSTER, (d) => {
      d.spec.custom_tags = { team: "data-eng", [TAG]: "x" };
    });
    const s = replicaOf(p).update("cluster", `sec-${CLUSTER}`, (d) => {
      d.spec.custom_tags = { team: "data-eng" };
    });
    expect(unexpected(verify(p, s))).toEqual([`cluster Shared Autoscaling spec.custom_tags.${TAG}`]);
  });
});

describe("verify: groups by SCIM id, their marker in externalId", () => {
  // Each workspace has its own SCIM ids: the primary's 8101 is the secondary's 9901, matched by name.
  const primary = () =>
    new SnapshotBuilder()
      .add("group", { id: "8101", displayName: "analysts", members: [], entitlements: [], roles: [] })
      .add("permissions", {
        id: "authorization/tokens:tokens",
        objectType: "authorization/tokens",
        objectId: "tokens",
        acl: [{ principal: { kind: "group", id: "8101" }, level: "CAN_USE" }],
      });
  const secondary = (externalId: string) =>
    new SnapshotBuilder()
      .add("group", {
        id: "9901",
        displayName: "analysts",
        externalId,
        members: [],
        entitlements: [],
        roles: [],
      })
      .add("permissions", {
        id: "authorization/tokens:tokens",
        objectType: "authorization/tokens",
        objectId: "tokens",
        acl: [{ principal: { kind: "group", id: "9901" }, level: "CAN_USE" }],
      });

  it("the marker of the primary group's id is expected; its grants compare by the group, not the id", () => {
    const r = verify(primary(), secondary(`${TAG}:8101`));
    expect(unexpected(r)).toEqual([]);
    expect(rules(find(r, "group", "analysts")).sort()).toEqual(["assigned-id", "stack-source-tag"]);
  });

  it("a marker naming another group is a real difference", () => {
    const r = verify(primary(), secondary(`${TAG}:8102`));
    expect(unexpected(r)).toEqual(["group analysts externalId"]);
  });
});
