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
      // Jobs are JobBatch members (Jobs API settings): held to the provider's JobArgs all the same.
      if (type.endsWith(":JobBatch"))
        return {
          ...inputs,
          jobs: Object.fromEntries(
            Object.entries(inputs.jobs as object).map(([k, s]) => [k, { ...s, max_concurrent_runs: "1" }]),
          ),
        };
      if (type === "databricks:index/cluster:Cluster") {
        const { sparkVersion: _drop, ...rest } = inputs;
        return rest;
      }
      return inputs;
    },
  });
  const errors = r.stack.log.failures.map((f) => `${f.type} ${f.error}`);
  expect(errors).toContainEqual(
    expect.stringMatching(
      /^pulumi-nodejs:dynamic\/databricks-dr:JobBatch job \d+: JobArgs\.maxConcurrentRuns: is string, the provider declares number/,
    ),
  );
  expect(errors).toContainEqual(
    expect.stringContaining("ClusterArgs.sparkVersion: required by the provider, missing"),
  );
}, 60000);
