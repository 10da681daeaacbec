/**
 * export_efficiency is the floor over the measured export time, never clamped: a floor longer than the
 * export (the floor is wrong) must show as a figure above 1, not as a perfect 1.
 */
import { efficiencyMetric } from "../../bench/floor";

const floor = { seconds: 10, family: "permissions-get", requests: 1100, limit: 100 };

it("is the floor's seconds over the export's, rounded, with the floor it came from", () => {
  expect(efficiencyMetric("export_efficiency", floor, 12.5)).toEqual({
    metric: "export_efficiency",
    value: 0.8,
    target: ">= 0.9",
    floor_seconds: 10,
    floor_family: "permissions-get",
    floor_requests: 1100,
    floor_limit: 100,
  });
});

it("is not capped at 1: an export faster than its floor shows above 1", () => {
  expect(efficiencyMetric("export_efficiency", floor, 9.98).value).toBe(1.002);
  expect(efficiencyMetric("half_limits_export_efficiency", floor, 5).value).toBe(2);
});
