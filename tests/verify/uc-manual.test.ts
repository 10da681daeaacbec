import { manualByDesign } from "../../verify/uc-manual";

// README, Unity Catalog: functions and connections are manual actions, managed tables data to replicate.
it("only functions, connections and MANAGED tables are missing by design", () => {
  expect(manualByDesign("uc-function", {})).toMatch(/manual action/);
  expect(manualByDesign("uc-connection", {})).toMatch(/credentials/);
  expect(manualByDesign("uc-table", { tableType: "MANAGED" })).toMatch(/data to replicate/);
  for (const tableType of ["EXTERNAL", "VIEW", "MATERIALIZED_VIEW", "STREAMING_TABLE"])
    expect(manualByDesign("uc-table", { tableType })).toBeUndefined();
  for (const kind of ["uc-catalog", "uc-schema", "uc-volume", "uc-external-location", "job"] as const)
    expect(manualByDesign(kind, {})).toBeUndefined();
});
