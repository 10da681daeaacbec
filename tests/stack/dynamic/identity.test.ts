/**
 * Identity is the source id: batch providers against the emulator, the way two `pulumi up` runs drive them
 * (the second with the first's state; giver and receiver in both orders; deletes last). Each case failed on
 * the name-keyed providers.
 */
import { DatabricksClient } from "../../../client";
import { RunningEmulator } from "../../../emulator";
import { groupBatchImpl, ScimBatchOutputs } from "../../../components/dynamic/identity-sync-impl";
import {
  JobBatchInputs,
  JobBatchOutputs,
  jobBatchImpl,
  SOURCE_TAG,
} from "../../../components/dynamic/job-batch-impl";
import { aclBatchImpl, AclBatchInputs } from "../../../components/dynamic/acl-batch-impl";
import type { KindName } from "../../../kinds/common";
import type { Descriptor } from "../../../kinds/registry";
import {
  group,
  job,
  permissions,
  removeWrittenSnapshots,
  SnapshotBuilder,
} from "../../helpers/snapshot-builder";
import { emptyWorkspace } from "./helpers";

let emu: RunningEmulator;
let client: DatabricksClient;
beforeAll(async () => {
  ({ emu, client } = await emptyWorkspace());
});
afterAll(async () => {
  await emu.close();
  removeWrittenSnapshots();
});

function snapshotWith(items: { [K in KindName]?: Descriptor<K>[] }): string {
  const b = new SnapshotBuilder();
  for (const [k, list] of Object.entries(items)) b.add(k as KindName, ...(list as Descriptor<KindName>[]));
  return b.write();
}

type Job = { job_id: number; settings: { name: string; tags?: Record<string, string> } };
async function jobs(): Promise<Job[]> {
  const r = await client.get<{ jobs?: Job[] }>("/api/2.1/jobs/list", { limit: 100 });
  return r.jobs ?? [];
}
const named = async (name: string) => (await jobs()).filter((j) => j.settings.name === name);
const settings = (src: string, name: string) => ({ name, tags: { [SOURCE_TAG]: src }, tasks: [] });

function batch(name: string, members: Record<string, string>, root: string, prune = true): JobBatchInputs {
  return {
    host: emu.url,
    batch: name,
    jobs: Object.fromEntries(Object.entries(members).map(([src, n]) => [src, settings(src, n)])),
    order: Object.keys(members),
    prune,
    snapshotRoot: root,
  };
}

describe("job batches keep each job's identity", () => {
  it("a renamed job is the same job, renamed: no second copy", async () => {
    const root = snapshotWith({ job: [job("101", "report v2")] });
    const a = (await jobBatchImpl.create(batch("r", { "101": "report" }, root, false)))
      .outs as JobBatchOutputs;
    const b = (await jobBatchImpl.update("r", a, batch("r", { "101": "report v2" }, root, false)))
      .outs as JobBatchOutputs;
    expect(b.ids["101"]).toBe(a.ids["101"]);
    expect(await named("report")).toEqual([]);
    expect((await named("report v2")).map((j) => String(j.job_id))).toEqual([a.ids["101"]]);
  });

  it.each(["giver first", "receiver first"])(
    "a job moving to another batch is adopted, not copied nor deleted, with prune on (%s)",
    async (order) => {
      const root = snapshotWith({ job: [job("201", "mover"), job("202", "stays")] });
      const a = (await jobBatchImpl.create(batch("a", { "201": "mover", "202": "stays" }, root)))
        .outs as JobBatchOutputs;
      const b = (await jobBatchImpl.create(batch("b", {}, root))).outs as JobBatchOutputs;
      const giver = () => jobBatchImpl.update("a", a, batch("a", { "202": "stays" }, root));
      const receiver = () => jobBatchImpl.update("b", b, batch("b", { "201": "mover" }, root));
      let got: JobBatchOutputs;
      if (order === "giver first") {
        await giver();
        got = (await receiver()).outs as JobBatchOutputs;
      } else {
        got = (await receiver()).outs as JobBatchOutputs;
        await giver();
      }
      expect(got.ids["201"]).toBe(a.ids["201"]);
      expect((await named("mover")).map((j) => String(j.job_id))).toEqual([a.ids["201"]]);
    },
  );

  it("crossing jobsPerObjectMax up: the batch adopts the per-object job by its source tag", async () => {
    const root = snapshotWith({ job: [job("301", "solo")] });
    const own = await client.post<{ job_id: number }>("/api/2.1/jobs/create", settings("301", "solo"));
    const r = (await jobBatchImpl.create(batch("c", { "301": "solo" }, root))).outs as JobBatchOutputs;
    expect(r.ids["301"]).toBe(String(own.job_id));
    expect(await named("solo")).toHaveLength(1);
  });

  it("crossing down: a dropped batch leaves every job still in the snapshot to its adopter, even with a tagged clone", async () => {
    const root = snapshotWith({ job: [job("401", "down"), job("402", "moved")] });
    const a = (await jobBatchImpl.create(batch("d", { "401": "down", "402": "moved" }, root)))
      .outs as JobBatchOutputs;
    // 401 drops to a batch of its own, which adopts the same job by its tag.
    const own = (await jobBatchImpl.create(batch("job:401", { "401": "down" }, root)))
      .outs as JobBatchOutputs;
    expect(own.ids["401"]).toBe(a.ids["401"]);
    // Someone cloned 402 in the secondary, tag and all; 402 was adopted by another batch (the same job).
    await client.post("/api/2.1/jobs/create", settings("402", "moved"));
    await jobBatchImpl.delete("d", a);
    expect((await named("down")).map((j) => String(j.job_id))).toEqual([a.ids["401"]]);
    expect((await named("moved")).map((j) => String(j.job_id))).toContain(a.ids["402"]);
  });

  it("prune deletes exactly the jobs that left the snapshot, whichever batch held them", async () => {
    const root = snapshotWith({ job: [job("501", "kept")] });
    const a = (await jobBatchImpl.create(batch("e", { "501": "kept", "502": "gone" }, root)))
      .outs as JobBatchOutputs;
    await jobBatchImpl.delete("e", a);
    expect(await named("kept")).toHaveLength(1);
    expect(await named("gone")).toHaveLength(0);
  });

  it("state from before source ids (name keys, untagged jobs): the old copy goes once the tagged one exists", async () => {
    const root = snapshotWith({ job: [job("701", "legacy job")] });
    const old = await client.post<{ job_id: number }>("/api/2.1/jobs/create", {
      name: "legacy job",
      tasks: [],
    });
    const legacyState: JobBatchOutputs = {
      host: emu.url,
      batch: "0-of-1",
      jobs: { "legacy job": { name: "legacy job", tasks: [] } },
      order: ["legacy job"],
      prune: false,
      ids: { "legacy job": String(old.job_id) },
    };
    await jobBatchImpl.create(batch("1-of-4", { "701": "legacy job" }, root, false));
    await jobBatchImpl.delete("0-of-1", legacyState);
    expect((await named("legacy job")).map((j) => j.settings.tags?.[SOURCE_TAG])).toEqual(["701"]);
  });

  it("never adopts a job without its source tag", async () => {
    const root = snapshotWith({ job: [job("601", "theirs")] });
    const theirs = await client.post<{ job_id: number }>("/api/2.1/jobs/create", {
      name: "theirs",
      tasks: [],
    });
    const r = (await jobBatchImpl.create(batch("f", { "601": "theirs" }, root))).outs as JobBatchOutputs;
    expect(r.ids["601"]).not.toBe(String(theirs.job_id));
  });

  it("names exactly the members that change in its diff", async () => {
    const root = snapshotWith({ job: [] });
    const olds = { ...batch("g", { "1": "a", "2": "b", "3": "c" }, root), ids: {} };
    const d = await jobBatchImpl.diff("g", olds, batch("g", { "1": "a", "2": "B", "4": "d" }, root));
    expect(Object.keys((d as { detailedDiff: object }).detailedDiff).sort()).toEqual([
      'jobs["2"]',
      'jobs["3"]',
      'jobs["4"]',
    ]);
    expect((await jobBatchImpl.diff("g", olds, { ...olds, snapshotRoot: "/elsewhere" })).changes).toBe(false);
  });
});

describe("groups keyed by source id", () => {
  it("a renamed group keeps its SCIM id (PATCH displayName)", async () => {
    const root = snapshotWith({ group: [group("g-1")] });
    const inputs = (name: string) => ({
      host: emu.url,
      batch: "0-of-1",
      principals: { "g-1": { name, entitlements: [] } },
      prune: true,
      snapshotRoot: root,
    });
    const a = (await groupBatchImpl.create(inputs("analysts"))).outs as ScimBatchOutputs;
    const b = (await groupBatchImpl.update("g", a, inputs("analytics"))).outs as ScimBatchOutputs;
    expect(b.ids["g-1"]).toBe(a.ids["g-1"]);
    const g = await client.get<{ displayName: string }>(`/api/2.0/preview/scim/v2/Groups/${a.ids["g-1"]}`);
    expect(g.displayName).toBe("analytics");
    const all = await client.get<{ Resources?: { displayName: string }[] }>(
      "/api/2.0/preview/scim/v2/Groups",
    );
    expect((all.Resources ?? []).map((x) => x.displayName)).not.toContain("analysts");
  });
});

describe("groups found by their marker, never by name alone", () => {
  const GROUPS = "/api/2.0/preview/scim/v2/Groups";
  type G = { id: string; displayName: string; externalId?: string };
  const allGroups = async () => (await client.get<{ Resources?: G[] }>(GROUPS)).Resources ?? [];
  const marker = (src: string) => `databricks-dr-source-id:${src}`;
  const inputs = (root: string, principals: Record<string, string>, batch = "0-of-1", prune = true) => ({
    host: emu.url,
    batch,
    principals: Object.fromEntries(
      Object.entries(principals).map(([src, name]) => [
        src,
        { name, externalId: marker(src), entitlements: [] as string[] },
      ]),
    ),
    prune,
    snapshotRoot: root,
  });

  it("a lost state finds the group by its marker (renamed meanwhile): same SCIM id, new name, members kept", async () => {
    const root = snapshotWith({ group: [group("sales-v2", [], { id: "501" })] });
    const a = (await groupBatchImpl.create(inputs(root, { "501": "sales" }))).outs as ScimBatchOutputs;
    const member = await client.post<{ id: string }>(GROUPS, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "member-of-sales",
    });
    await client.patch(`${GROUPS}/${a.ids["501"]}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "add", path: "members", value: [{ value: member.id }] }],
    });
    const before = (await client.get<{ members?: unknown[] }>(`${GROUPS}/${a.ids["501"]}`)).members ?? [];
    // No old state: a new resource (another batch, or the state was lost).
    const b = (await groupBatchImpl.create(inputs(root, { "501": "sales-v2" }, "1-of-2")))
      .outs as ScimBatchOutputs;
    expect(b.ids["501"]).toBe(a.ids["501"]);
    const g = await client.get<G & { members?: unknown[] }>(`${GROUPS}/${a.ids["501"]}`);
    expect(g).toMatchObject({ displayName: "sales-v2", externalId: marker("501") });
    expect(before).toHaveLength(1);
    expect(g.members ?? []).toEqual(before);
    expect((await allGroups()).filter((x) => x.displayName.startsWith("sales"))).toHaveLength(1);
  });

  it("never adopts a group of the same name it did not create: stops naming it and the marker to set", async () => {
    const root = snapshotWith({ group: [group("finance", [], { id: "502" })] });
    const foreign = await client.post<{ id: string }>(GROUPS, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "finance",
    });
    await expect(groupBatchImpl.create(inputs(root, { "502": "finance" }))).rejects.toThrow(
      /^group "finance" \(SCIM id \d+\) exists in the secondary but the stack did not create it .*set its externalId to "databricks-dr-source-id:502"/,
    );
    const g = await client.get<G>(`${GROUPS}/${foreign.id}`);
    expect(g.externalId).toBeUndefined();
  });

  it.each(["giver first", "receiver first"])(
    "a renamed group moving to another batch keeps its SCIM id, prune on (%s)",
    async (order) => {
      const src = order === "giver first" ? "503" : "504";
      const root1 = snapshotWith({ group: [group(`ops-${src}`, [], { id: src })] });
      const giver = (await groupBatchImpl.create(inputs(root1, { [src]: `ops-${src}` }, "0-of-1")))
        .outs as ScimBatchOutputs;
      const root2 = snapshotWith({ group: [group(`ops-${src}-renamed`, [], { id: src })] });
      const leave = () => groupBatchImpl.update("g", giver, inputs(root2, {}, "0-of-1"));
      const receive = () => groupBatchImpl.create(inputs(root2, { [src]: `ops-${src}-renamed` }, "3-of-4"));
      let received: ScimBatchOutputs;
      if (order === "giver first") {
        await leave();
        received = (await receive()).outs as ScimBatchOutputs;
      } else {
        received = (await receive()).outs as ScimBatchOutputs;
        await leave();
      }
      expect(received.ids[src]).toBe(giver.ids[src]);
      const mine = (await allGroups()).filter((x) => x.externalId === marker(src));
      expect(mine.map((x) => [x.id, x.displayName])).toEqual([[giver.ids[src], `ops-${src}-renamed`]]);
    },
  );

  it("state from before SCIM-id keys (displayName keys): adopts what it held, deletes nothing with prune", async () => {
    const legacy = (
      await groupBatchImpl.create({
        host: emu.url,
        batch: "0-of-1",
        principals: { legacy: { name: "legacy", entitlements: [] } },
        prune: true,
      })
    ).outs as ScimBatchOutputs;
    const root = snapshotWith({ group: [group("legacy", [], { id: "505" })] });
    const now = (await groupBatchImpl.update("g", legacy, inputs(root, { "505": "legacy" })))
      .outs as ScimBatchOutputs;
    expect(now.ids).toEqual({ "505": legacy.ids.legacy });
    const g = await client.get<G>(`${GROUPS}/${legacy.ids.legacy}`);
    expect(g).toMatchObject({ displayName: "legacy", externalId: marker("505") });
  });

  it("re-uses its own leftover of a primary group that left the snapshot when a new group takes the name", async () => {
    const root1 = snapshotWith({ group: [group("qa", [], { id: "506" })] });
    const old = (await groupBatchImpl.create(inputs(root1, { "506": "qa" }, "0-of-1", false)))
      .outs as ScimBatchOutputs;
    // Deleted in the primary and created again (a new SCIM id); prune off kept the old one here.
    const root2 = snapshotWith({ group: [group("qa", [], { id: "507" })] });
    const now = (await groupBatchImpl.create(inputs(root2, { "507": "qa" }, "1-of-2", false)))
      .outs as ScimBatchOutputs;
    expect(now.ids["507"]).toBe(old.ids["506"]);
    expect((await client.get<G>(`${GROUPS}/${old.ids["506"]}`)).externalId).toBe(marker("507"));
  });
});

describe("ACL batches keyed by source id", () => {
  it.each(["giver first", "receiver first"])(
    "an ACL moving to another batch keeps its grants (%s)",
    async (order) => {
      const j = await client.post<{ job_id: number }>("/api/2.1/jobs/create", { name: `acl-${order}` });
      const id = String(j.job_id);
      await client.post("/api/2.0/preview/scim/v2/Groups", { displayName: `viewers-${order}` });
      const key = "jobs:777";
      const root = snapshotWith({ permissions: [permissions("jobs", "777", [])] });
      const line = `group:viewers-${order}=CAN_VIEW`;
      const mk = (objects: AclBatchInputs["objects"]): AclBatchInputs => ({
        host: emu.url,
        objectType: "jobs",
        objects,
        snapshotRoot: root,
      });
      const a = (await aclBatchImpl.create(mk({ [key]: { id, acl: line } }))).outs as AclBatchInputs;
      const b = (await aclBatchImpl.create(mk({}))).outs as AclBatchInputs;
      const giver = () => aclBatchImpl.update("a", a, mk({}));
      const receiver = () => aclBatchImpl.update("b", b, mk({ [key]: { id, acl: line } }));
      if (order === "giver first") await giver().then(receiver);
      else await receiver().then(giver);
      const acl = await client.get<{ access_control_list?: { group_name?: string }[] }>(
        `/api/2.0/permissions/jobs/${id}`,
      );
      expect((acl.access_control_list ?? []).map((e) => e.group_name)).toContain(`viewers-${order}`);
    },
  );
});
