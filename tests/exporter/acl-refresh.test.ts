import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { AclRefresh } from "../../exporters/acl-refresh";
import { useEmulator } from "../helpers/emulator-lifecycle";
import { descriptors, emulator, exportOnce, manifest, tmpDir, TOKEN } from "./helpers";

const SIZES = { notebooks: 40, folders: 6, jobs: 10, clusters: 6, users: 20, groups: 4 };
const ACL_GET = "GET /api/2.0/permissions/{rest*}";
// Legacy SQL objects' ACLs (queries, alerts, dashboards) are read through the preview SQL permissions API.
const SQL_ACL_GET = "GET /api/2.0/preview/sql/permissions/{type}/{id}";
const day = (n: number) => `2026-02-${String(n + 1).padStart(2, "0")}T06:00:00.000Z`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stateIndex = (dir: string): any =>
  JSON.parse(fs.readFileSync(path.join(dir, "state/index.json"), "utf8"));

async function patch(emu: RunningEmulator, p: string, body: unknown): Promise<void> {
  const res = await fetch(emu.url + p, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
}

describe("incremental exports re-read every ACL within N runs", () => {
  const suite = useEmulator(() => emulator({ workspace: "large", large: SIZES }), "test");

  it("a permission change on an unchanged job reaches the snapshot within N incremental runs", async () => {
    const N = 3;
    const out = path.join(tmpDir(), "snap");
    await exportOnce(suite.emu, out, { exportedAt: day(0), aclRefreshRuns: N });
    const job = descriptors(out, "job")[0].id as string;
    const aclId = `jobs:${job}`;
    const grants = (): string[] =>
      (descriptors(out, "permissions").find((d) => d.id === aclId)?.acl ?? []).map(
        (a: { principal: { id: string } }) => a.principal.id,
      );
    const user = descriptors(out, "user").at(-1).userName as string;
    expect(grants()).not.toContain(user);
    // Only the ACL changes: the job's listing (and so its signature) stays the same.
    await patch(suite.emu, `/api/2.0/permissions/jobs/${job}`, {
      access_control_list: [{ user_name: user, permission_level: "CAN_VIEW" }],
    });
    let seenAfter: number | undefined;
    for (let run = 1; run <= N; run++) {
      await exportOnce(suite.emu, out, { exportedAt: day(run), aclRefreshRuns: N });
      if (seenAfter === undefined && grants().includes(user)) seenAfter = run;
    }
    expect(seenAfter).toBeDefined();
    expect(seenAfter).toBeLessThanOrEqual(N);
  });

  it("each run re-reads about 1/N of the ACLs, every ACL once in N runs; the oldest read is recorded", async () => {
    const N = 4;
    const out = path.join(tmpDir(), "snap");
    await exportOnce(suite.emu, out, { exportedAt: day(0), aclRefreshRuns: N });
    const ids = Object.keys(stateIndex(out).acl.lastRead);
    // The workspace-wide ACLs (tokens, passwords) have no version: read every run.
    const versioned = ids.filter((id) => !id.startsWith("authorization/"));
    expect(versioned.length).toBeGreaterThan(40);
    const readIn = new Map<string, number[]>();
    for (let run = 1; run <= N; run++) {
      suite.emu.resetStats();
      const s = await exportOnce(suite.emu, out, { exportedAt: day(run), aclRefreshRuns: N });
      const by = suite.emu.stats().byEndpoint;
      const gets = (by[ACL_GET] ?? 0) + (by[SQL_ACL_GET] ?? 0);
      // Each run: its share, not everything (a share of 1/N, with room for the hash's unevenness).
      expect(gets - 2).toBeLessThan((versioned.length / N) * 2);
      expect(gets).toBe(s.acl!.read);
      const last = stateIndex(out).acl.lastRead;
      for (const id of versioned) if (last[id] === run) readIn.set(id, [...(readIn.get(id) ?? []), run]);
      // No ACL in the snapshot was read longer than N runs ago, and the manifest dates the oldest read.
      const oldest = Math.min(...versioned.map((id) => last[id]));
      expect(run - oldest).toBeLessThan(N);
      expect(manifest(out).acl).toMatchObject({ refreshRuns: N, run, oldestReadAt: day(oldest) });
    }
    // Over N runs every versioned ACL was read exactly once.
    expect(versioned.filter((id) => readIn.get(id)?.length !== 1)).toEqual([]);
  });

  it("an ACL last read N or more runs ago is read whatever its slot (N lowered, runs lost)", () => {
    const prev = {
      run: 10,
      lastRead: { a: 2, b: 10, c: 9 },
      readAt: { "2": day(2), "9": day(9), "10": day(10) },
    };
    const r = new AclRefresh(prev, 5, day(11));
    expect(r.run).toBe(11);
    expect(r.due("a")).toBe(true);
    expect(r.due("never-seen")).toBe(true);
    r.record("a", true);
    r.record("b", false);
    r.record("c", false);
    expect(r.state()).toEqual({ run: 11, lastRead: { a: 11, b: 10, c: 9 } });
    expect(r.summary()).toMatchObject({ read: 1, reused: 2, oldestReadAt: day(9) });
    expect(() => new AclRefresh(undefined, 0, day(0))).toThrow(/positive integer/);
  });
});
