/**
 * Every round trip (and so every lifecycle step and flip) checks each resource's inputs against the
 * provider's declarations before applying it: inputs the provider would refuse fail the resource.
 */
import { runRoundTrip } from "../../roundtrip";
import { EXPORTED_AT, removeWorkDirs, workDir } from "../roundtrip/helpers";

afterAll(removeWorkDirs);

it("a wrong scalar type or a missing required input fails the resource, named", async () => {
  const r = await runRoundTrip({
    primary: "sample",
    dir: workDir("shape-rt"),
    exportedAt: EXPORTED_AT,
    tamper: (type, _name, inputs) => {
      if (type === "databricks:index/job:Job") return { ...inputs, maxConcurrentRuns: "1" };
      if (type === "databricks:index/cluster:Cluster") {
        const { sparkVersion: _drop, ...rest } = inputs;
        return rest;
      }
      return inputs;
    },
  });
  const errors = r.stack.log.failures.map((f) => `${f.type} ${f.error}`);
  expect(errors).toContainEqual(
    expect.stringContaining("JobArgs.maxConcurrentRuns: is string, the provider declares number"),
  );
  expect(errors).toContainEqual(
    expect.stringContaining("ClusterArgs.sparkVersion: required by the provider, missing"),
  );
}, 60000);
