/**
 * The SCIM, group-membership, job and ACL batch providers against the workspace emulator, for real.
 */
import { DatabricksClient } from "../../../client";
import { RunningEmulator } from "../../../emulator";
import {
  groupBatchImpl,
  groupMembersImpl,
  ScimBatchOutputs,
  userBatchImpl,
} from "../../../components/dynamic/identity-sync-impl";
import {
  JobBatchOutputs,
  jobBatchImpl,
  jobPlaceholder,
  SOURCE_TAG,
} from "../../../components/dynamic/job-batch-impl";
import { aclBatchImpl } from "../../../components/dynamic/acl-batch-impl";
import { emptyWorkspace } from "./helpers";
import { removeWrittenSnapshots, SnapshotBuilder, user } from "../../helpers/snapshot-builder";
import type { Descriptor } from "../../../kinds/registry";
import type { KindName } from "../../../kinds/common";

/** A sealed snapshot holding just these descriptors: what the providers' prune reads as "still there". */
function snapshotWith(items: { [K in KindName]?: Descriptor<K>[] }): string {
  const b = new SnapshotBuilder();
  for (const [k, list] of Object.entries(items)) b.add(k as KindName, ...(list as Descriptor<KindName>[]));
  return b.write();
}

let emu: RunningEmulator;
let client: DatabricksClient;
beforeAll(async () => {
  ({ emu, client } = await emptyWorkspace());
});
afterAll(async () => {
  await emu.close();
  removeWrittenSnapshots();
});

type ScimUser = {
  id: string;
  userName: string;
  displayName?: string;
  active: boolean;
  entitlements?: { value: string }[];
};
async function users(): Promise<Record<string, ScimUser>> {
  const r = await client.get<{ Resources?: ScimUser[] }>("/api/2.0/preview/scim/v2/Users", { count: 1000 });
  return Object.fromEntries((r.Resources ?? []).map((u) => [u.userName, u]));
}

describe("user and group batches", () => {
  let state: ScimBatchOutputs;

  it("creates users with their entitlements, adopting one that exists", async () => {
    await client.post("/api/2.0/preview/scim/v2/Users", { userName: "pre@contoso.com", displayName: "Old" });
    const r = await userBatchImpl.create({
      host: emu.url,
      batch: "0-of-1",
      principals: {
        "a@contoso.com": {
          name: "a@contoso.com",
          displayName: "A",
          active: true,
          entitlements: ["allow-cluster-create"],
        },
        "pre@contoso.com": { name: "pre@contoso.com", displayName: "Pre", active: true, entitlements: [] },
      },
      prune: false,
    });
    state = r.outs as ScimBatchOutputs;
    const u = await users();
    expect(Object.keys(state.ids).sort()).toEqual(["a@contoso.com", "pre@contoso.com"]);
    expect(state.ids["a@contoso.com"]).toBe(u["a@contoso.com"].id);
    expect(state.ids["pre@contoso.com"]).toBe(u["pre@contoso.com"].id);
    expect(u["pre@contoso.com"].displayName).toBe("Pre");
    expect(u["a@contoso.com"].entitlements).toEqual([{ value: "allow-cluster-create" }]);
  });

  it("updates changed users, adds new ones, and deletes removed ones only with prune", async () => {
    const news = {
      host: emu.url,
      batch: "0-of-1",
      principals: {
        "a@contoso.com": { name: "a@contoso.com", displayName: "A2", active: true, entitlements: [] },
        "b@contoso.com": { name: "b@contoso.com", active: true, entitlements: [] },
      },
      prune: false,
      snapshotRoot: snapshotWith({ user: [user("b@contoso.com")] }),
    };
    expect((await userBatchImpl.diff("u", state, news)).changes).toBe(true);
    expect((await userBatchImpl.diff("u", state, { ...news, principals: state.principals })).changes).toBe(
      false,
    );
    const r = await userBatchImpl.update("u", state, news);
    let u = await users();
    expect(u["a@contoso.com"]).toMatchObject({ displayName: "A2" });
    expect(u["a@contoso.com"].entitlements ?? []).toEqual([]);
    expect(u["b@contoso.com"]).toBeDefined();
    expect(u["pre@contoso.com"]).toBeDefined();
    const pruned = {
      ...news,
      principals: { "b@contoso.com": news.principals["b@contoso.com"] },
      prune: true,
    };
    state = (await userBatchImpl.update("u", r.outs as ScimBatchOutputs, pruned)).outs as ScimBatchOutputs;
    u = await users();
    expect(u["a@contoso.com"]).toBeUndefined();
    expect(Object.keys(state.ids)).toEqual(["b@contoso.com"]);
  });

  it("creates groups and holds each group's members in one resource", async () => {
    const g = await groupBatchImpl.create({
      host: emu.url,
      batch: "g",
      principals: {
        eng: { name: "eng", entitlements: ["workspace-access"] },
        ops: { name: "ops", entitlements: [] },
      },
      prune: false,
    });
    const ids = (g.outs as ScimBatchOutputs).ids;
    const groupId = ids.eng;
    const b = state.ids["b@contoso.com"];
    const created = await groupMembersImpl.create({
      host: emu.url,
      groupId,
      members: { "user:b@contoso.com": b, "group:ops": ids.ops },
      prune: false,
    });
    const members = async () =>
      (
        (await client.get<{ members?: { value: string }[] }>(`/api/2.0/preview/scim/v2/Groups/${groupId}`))
          .members ?? []
      )
        .map((m) => m.value)
        .sort();
    expect(await members()).toEqual([b, ids.ops].sort());
    await groupMembersImpl.update("m", created.outs, {
      host: emu.url,
      groupId,
      members: { "group:ops": ids.ops },
      prune: false,
    });
    expect(await members()).toEqual([ids.ops]);
    expect(
      (await groupMembersImpl.diff("m", created.outs, { ...created.outs, groupId: "other" })).replaces,
    ).toEqual(["groupId"]);
  });
});

describe("job batches", () => {
  let state: JobBatchOutputs;
  type Job = { job_id: number; settings: Record<string, unknown> };
  const getJob = (id: string) => client.get<Job>("/api/2.1/jobs/get", { job_id: id });

  it("creates jobs in order, filling in the ids of jobs of the same batch", async () => {
    const r = await jobBatchImpl.create({
      host: emu.url,
      batch: "0-of-1",
      order: ["child", "parent"],
      jobs: {
        child: {
          name: "child",
          tags: { [SOURCE_TAG]: "child" },
          tasks: [{ task_key: "t", notebook_task: { notebook_path: "/x" } }],
          schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
        },
        parent: {
          name: "parent",
          tags: { [SOURCE_TAG]: "parent" },
          tasks: [{ task_key: "run", run_job_task: { job_id: jobPlaceholder("child") } }],
        },
      },
      prune: false,
    });
    state = r.outs as JobBatchOutputs;
    const parent = await getJob(state.ids.parent);
    expect((parent.settings.tasks as { run_job_task: { job_id: number } }[])[0].run_job_task.job_id).toBe(
      Number(state.ids.child),
    );
    expect((await getJob(state.ids.child)).settings.schedule).toMatchObject({ pause_status: "PAUSED" });
  });

  it("resets changed jobs in place and deletes removed ones only with prune", async () => {
    const news = structuredClone(state) as JobBatchOutputs;
    (news.jobs.child.schedule as Record<string, string>).pause_status = "UNPAUSED";
    const r = await jobBatchImpl.update("j", state, news);
    expect((r.outs as JobBatchOutputs).ids).toEqual(state.ids);
    expect((await getJob(state.ids.child)).settings.schedule).toMatchObject({ pause_status: "UNPAUSED" });
    const dropped = {
      ...news,
      jobs: { child: news.jobs.child },
      order: ["child"],
      prune: true,
      snapshotRoot: snapshotWith({ job: [] }),
    };
    await jobBatchImpl.update("j", r.outs as JobBatchOutputs, dropped);
    await expect(getJob(state.ids.parent)).rejects.toMatchObject({ status: 400 });
  });
});

describe("ACL batches", () => {
  it("puts each object's ACL and resets the ones that left", async () => {
    const job = await client.post<{ job_id: number }>("/api/2.1/jobs/create", { name: "acl-target" });
    const id = String(job.job_id);
    await client.post("/api/2.0/preview/scim/v2/Users", { userName: "owner@contoso.com" });
    await client.post("/api/2.0/preview/scim/v2/Groups", { displayName: "viewers" });
    const acl = async () =>
      (
        (
          await client.get<{ access_control_list: Record<string, unknown>[] }>(
            `/api/2.0/permissions/jobs/${id}`,
          )
        ).access_control_list ?? []
      )
        .flatMap((e) =>
          ((e.all_permissions as { permission_level: string; inherited: boolean }[]) ?? [])
            .filter((p) => !p.inherited)
            .map((p) => `${e.user_name ?? e.group_name}=${p.permission_level}`),
        )
        .sort();
    const inputs = {
      host: emu.url,
      objectType: "jobs",
      objects: { [`jobs:${id}`]: { id, acl: "group:viewers=CAN_VIEW;user:owner@contoso.com=IS_OWNER" } },
    };
    const r = await aclBatchImpl.create(inputs);
    expect(await acl()).toEqual(["owner@contoso.com=IS_OWNER", "viewers=CAN_VIEW"]);
    expect((await aclBatchImpl.diff("a", r.outs, inputs)).changes).toBe(false);
    const news = { ...inputs, objects: { [`jobs:${id}`]: { id, acl: "user:owner@contoso.com=IS_OWNER" } } };
    expect((await aclBatchImpl.diff("a", r.outs, news)).changes).toBe(true);
    await aclBatchImpl.update("a", r.outs, news);
    expect(await acl()).toEqual(["owner@contoso.com=IS_OWNER"]);
  });
});
