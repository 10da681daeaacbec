/**
 * The bench's floor counts what the workspace holds (the sizes the large seed was asked for), never what an
 * exporter sent, and spends each family's one-second burst before the clock runs.
 */
import { startEmulator } from "../../emulator";
import { census, floorOf, neededRequests } from "../../bench/floor";
import { loadSeed } from "../../emulator/seeds";

it("counts the workspace's objects and the calls each needs", async () => {
  const sizes = { notebooks: 40, folders: 6, jobs: 7, clusters: 3, users: 130, groups: 3 };
  const emu = await startEmulator({ workspace: "large", large: sizes, auth: false });
  try {
    const c = census(emu.state);
    expect([c.notebooks, c.jobs, c.clusters]).toEqual([40, 7, 3]);
    expect(c.users).toBeGreaterThanOrEqual(130);
    const n = neededRequests(c, false);
    expect(n["workspace-export"]).toBe(c.notebooks + c.files);
    expect(n["workspace-read"]).toBe(c.directories + 1);
    expect(n["permissions-get"]).toBeGreaterThan(40 + 7);
    expect(neededRequests(c, true)["workspace-export"]).toBeLessThan(n["workspace-export"]);
    expect(n["jobs-read"]).toBe(1); // 7 jobs: one list page, nothing cut
  } finally {
    await emu.close();
  }
});

it("takes the slowest family, after the one-second burst, at the limits given", () => {
  const needed = { "permissions-get": 1100, "workspace-read": 150, other: 5 };
  expect(floorOf(needed, { "permissions-get": 100, "workspace-read": 100, other: 50 })).toEqual({
    seconds: 10,
    family: "permissions-get",
    requests: 1100,
    limit: 100,
  });
  expect(floorOf(needed, { "permissions-get": 50, "workspace-read": 100 }).seconds).toBe(21);
  expect(floorOf({ x: 10 }, { x: 100 }).seconds).toBe(0);
});

it("counts SQL queries and alerts (list pages of 100, a legacy ACL read each) and the IP access lists", async () => {
  const base = { notebooks: 10, folders: 2, jobs: 1, clusters: 1, users: 4, groups: 2, pipelines: 0 };
  const none = await loadSeed("large", { large: { ...base, sqlQueries: 0, sqlAlerts: 0, ipAccessLists: 0 } });
  const some = await loadSeed("large", {
    large: { ...base, sqlQueries: 250, sqlAlerts: 30, ipAccessLists: 3 },
  });
  // A trashed query leaves the list: not counted.
  const q = [...some.sqlObjects.get("sql/queries")!.values()][0];
  q.lifecycle_state = "TRASHED";
  const c = census(some);
  expect([c.sqlQueries, c.sqlAlerts, c.ipAccessLists]).toEqual([249, 30, 3]);
  const a = neededRequests(census(none), true);
  const b = neededRequests(c, true);
  // sql: the large seed's 5 warehouses (1 page), queries ceil(249/100) = 3, alerts 1; 0 queries/alerts: 1 page each.
  expect(b.sql).toBe(1 + 3 + 1);
  expect(a.sql).toBe(1 + 1 + 1);
  // other: one legacy SQL ACL read per query and alert; the IP list call is one whatever the lists hold.
  expect(b.other - a.other).toBe(249 + 30);
});
