/**
 * The round trip applies resources the way the provider behaves where DR depends on it
 * (roundtrip/provider-behaviour.ts, from the provider's own documentation): authoritative permissions that
 * leave the admins' grants alone and keep a job owned, repos checked out at their branch (a commit it cannot
 * pin is reported), clusters started by their creation (waited for unless noWait), and each job's run_as.
 */
import { DatabricksClient } from "../../client";
import { RunningEmulator, startEmulator } from "../../emulator";
import { SAMPLE_IDS } from "../../emulator/seeds/sample";
import { DEFAULT_TOKEN, runRoundTrip } from "../../roundtrip";
import { applyPermissions, awaitClusterStart, checkoutRepo, idle } from "../../roundtrip/provider-behaviour";
import { readSnapshot } from "../../snapshot/reader";
import { EXPORTED_AT, removeWorkDirs, workDir } from "./helpers";
import { tamperJobs } from "./job-tamper";

const TOKEN = ["dapi", "behaviour", "00000000000000"].join("-");
/** The round trip's own emulators use its default token. */
const TOKEN2 = DEFAULT_TOKEN;
let emu: RunningEmulator;
let c: DatabricksClient;
beforeEach(async () => {
  emu = await startEmulator({ workspace: "sample", rateLimits: false, token: TOKEN });
  c = new DatabricksClient({ host: emu.url, auth: { token: TOKEN }, limits: false });
});
afterEach(() => emu.close());
afterAll(removeWorkDirs);

type Entry = Record<string, string>;
const own = (key: string) => (emu.state.acls.get(key) ?? []).map((e) => ({ ...e }) as Entry);

describe("permissions", () => {
  it("end with exactly the declared grants: what the object had before is gone", async () => {
    const job = SAMPLE_IDS.jobs.hourlyReport;
    expect(own(`jobs/${job}`).length).toBeGreaterThan(0);
    await applyPermissions(c, `jobs/${job}`, [
      { group_name: "data-engineers", permission_level: "CAN_VIEW" },
    ]);
    const after = own(`jobs/${job}`).filter((e) => e.permission_level !== "IS_OWNER");
    expect(after).toEqual([{ group_name: "data-engineers", permission_level: "CAN_VIEW" }]);
  });

  it("never lower the admins' grants: admins entries are dropped from the request, theirs kept", async () => {
    expect(own("authorization/tokens")).toContainEqual({
      group_name: "admins",
      permission_level: "CAN_MANAGE",
    });
    await applyPermissions(c, "authorization/tokens", [
      { group_name: "admins", permission_level: "CAN_USE" },
      { group_name: "data-engineers", permission_level: "CAN_USE" },
    ]);
    expect(own("authorization/tokens")).toEqual(
      expect.arrayContaining([
        { group_name: "admins", permission_level: "CAN_MANAGE" },
        { group_name: "data-engineers", permission_level: "CAN_USE" },
      ]),
    );
    expect(own("authorization/tokens")).not.toContainEqual({
      group_name: "admins",
      permission_level: "CAN_USE",
    });
  });

  it("give a job with no declared owner the authenticated principal as owner", async () => {
    const job = SAMPLE_IDS.jobs.hourlyReport;
    await applyPermissions(c, `jobs/${job}`, [
      { group_name: "data-engineers", permission_level: "CAN_VIEW" },
    ]);
    expect(own(`jobs/${job}`)).toContainEqual({
      user_name: emu.state.currentUser,
      permission_level: "IS_OWNER",
    });
  });
});

describe("repos", () => {
  const create = async () =>
    String(
      (
        await c.post<{ id: number }>("/api/2.0/repos", {
          url: "https://github.com/example-org/dr-test.git",
          provider: "gitHub",
          path: "/Repos/admin@example.com/dr-test",
        })
      ).id,
    );

  it("are checked out at the declared branch, and report the head they are at", async () => {
    const id = await create();
    const r = await checkoutRepo(c, id, { branch: "release" });
    const repo = emu.state.repos.get(Number(id))!;
    expect([repo.branch, r.commitHash, r.notApplied]).toEqual(["release", repo.head_commit_id, undefined]);
  });

  it("cannot be pinned to a commit: a detached head is reported as not applied", async () => {
    const id = await create();
    const r = await checkoutRepo(c, id, { commitHash: "0123456789abcdef0123456789abcdef01234567" });
    expect(r.notApplied).toMatch(/^commit 0123456789abcdef.*never a commit/);
    expect(r.commitHash).toBe(emu.state.repos.get(Number(id))!.head_commit_id);
  });
});

describe("clusters", () => {
  const create = async () =>
    (
      await c.post<{ cluster_id: string }>("/api/2.1/clusters/create", {
        cluster_name: "dr",
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 1,
      })
    ).cluster_id;

  it("start when created; without noWait the provider returns once RUNNING, with it at once", async () => {
    emu.state.clusterStartMs = 300;
    const a = await create();
    expect(await awaitClusterStart(c, a, { noWait: true })).toBe("PENDING");
    const b = await create();
    expect(await awaitClusterStart(c, b, {})).toBe("RUNNING");
  });
});

describe("a whole round trip", () => {
  it("creates running clusters that stop by themselves per the start policy, and keeps each job's run_as", async () => {
    const r = await runRoundTrip({
      primary: "sample",
      dir: workDir("behaviour"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
    });
    try {
      const sec = r.secondary!.state;
      const clusters = [...sec.clusters.values()];
      expect(clusters.length).toBeGreaterThan(0);
      for (const cl of clusters) {
        expect(["PENDING", "RUNNING"]).toContain(cl.state); // created running (noWait: not waited for)
        expect(cl.autotermination_minutes).toBeLessThanOrEqual(10); // passive: stops after the short idle time
        expect(cl.autotermination_minutes).toBeGreaterThan(0);
      }
      // Ten idle minutes later (the passive auto-termination), the service has stopped every one of them.
      const sc = new DatabricksClient({ host: r.secondary!.url, auth: { token: TOKEN2 }, limits: false });
      expect(await idle(sc, 10)).toEqual([]);
      expect(clusters.map((cl) => cl.state)).toEqual(clusters.map(() => "TERMINATED"));
      const primaryRunAs = readSnapshot(r.primarySnapshot).descriptors.job.filter((j) => j.runAs);
      expect(primaryRunAs.length).toBeGreaterThan(0);
      for (const j of primaryRunAs) {
        const s = [...sec.jobs.values()].find((x) => (x.settings as { name?: string }).name === j.name)!;
        expect(s.run_as_user_name).toBe(j.runAs!.userName ?? j.runAs!.servicePrincipalName);
      }
    } finally {
      await r.secondary?.close();
    }
  }, 60000);

  it("with keepOriginal, clusters keep their own auto-termination: some outlast ten idle minutes", async () => {
    const r = await runRoundTrip({
      primary: "sample",
      dir: workDir("behaviour-keep"),
      exportedAt: EXPORTED_AT,
      keepSecondary: true,
      values: { clusterStartPolicy: "keepOriginal" },
    });
    try {
      const sc = new DatabricksClient({ host: r.secondary!.url, auth: { token: TOKEN2 }, limits: false });
      // Waited for: every cluster was RUNNING when the stack finished.
      expect([...r.secondary!.state.clusters.values()].every((cl) => cl.state === "RUNNING")).toBe(true);
      expect((await idle(sc, 10)).length).toBeGreaterThan(0);
    } finally {
      await r.secondary?.close();
    }
  }, 60000);

  it("a job applied without its run_as is a difference verify reports", async () => {
    const r = await runRoundTrip({
      primary: "sample",
      dir: workDir("behaviour-runas"),
      exportedAt: EXPORTED_AT,
      tamper: tamperJobs(({ run_as: _drop, ...rest }) => rest),
    });
    expect(r.verify.unexpected).toBeGreaterThan(0);
  }, 60000);
});
