/**
 * The bench's floor counts what the workspace holds (the sizes the large seed was asked for), never what an
 * exporter sent, and spends each family's one-second burst before the clock runs.
 */
import { startEmulator } from "../../emulator";
import { census, floorOf, neededRequests } from "../../bench/floor";

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
