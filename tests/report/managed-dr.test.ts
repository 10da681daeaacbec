/**
 * The report's Managed DR check: a failover group that differs from the config fails it; a matching one
 * is ok only while its replication point is within the recovery-point target (what Databricks replicates
 * is as old as that point), else a warning, as for the snapshot's age.
 */
import { managedDrChecks, managedDrMarkdown } from "../../report/managed-dr";
import type { ManagedDrResult } from "../../verify/managed-dr";

const NOW = new Date("2026-12-01T12:00:00Z");
const base: ManagedDrResult = {
  group: "accounts/a/failover-groups/sales-dr",
  mode: "passive",
  ok: true,
  state: "ACTIVE",
  effectivePrimaryRegion: "eastus2",
  replicationPoint: "2026-12-01T11:55:00Z",
  differences: [],
  covers: { workspaceAssets: true, catalogs: ["main"], locationMappings: [], stableUrls: [] },
};

it("is ok for a matching group replicated within the target", () => {
  expect(managedDrChecks(base, NOW, 24)).toEqual([
    {
      name: "Managed DR",
      level: "ok",
      detail:
        "failover group accounts/a/failover-groups/sales-dr is ACTIVE, primary eastus2, replicated up to 2026-12-01T11:55:00Z",
    },
  ]);
});

it("warns when the replication point is older than the target, or not reported", () => {
  const old = managedDrChecks({ ...base, replicationPoint: "2026-11-29T12:00:00Z" }, NOW, 24)[0];
  expect(old.level).toBe("warn");
  expect(old.detail).toMatch(/48\.0 h old \(target ≤ 24 h\)$/);
  expect(managedDrChecks({ ...base, replicationPoint: undefined }, NOW, 24)[0]).toMatchObject({
    level: "warn",
    detail: expect.stringMatching(/no replication point reported$/),
  });
});

it("fails on any difference, naming it", () => {
  const c = managedDrChecks(
    { ...base, ok: false, differences: [{ path: "state", expected: "ACTIVE", actual: "FAILING_OVER" }] },
    NOW,
    24,
  )[0];
  expect(c).toMatchObject({ level: "fail", detail: "state: expected ACTIVE, account has FAILING_OVER" });
  expect(c.todo).toMatch(/sales-dr/);
});

it("is absent without Managed DR", () => {
  expect(managedDrChecks(undefined, NOW, 24)).toEqual([]);
  expect(managedDrMarkdown(undefined, () => [])).toEqual([]);
});
