/**
 * The harness's one generic conversion (roundtrip/api-body.ts) is the inverse of the stack's
 * (components/mapping/api-args.ts): what the stack hands the provider comes back as the REST body it
 * started from, user-keyed maps untouched.
 */
import { toPulumiArgs } from "../../components/mapping/api-args";
import { jobSettings } from "../../components/mapping/job";
import { apiBody, GLOBAL_RENAMES } from "../../roundtrip/api-body";
import { sampleDescriptors } from "../stack/helpers/sample-snapshot";

const passthrough = (ref: { id: string }) => ({ value: ref.id });

it("turns every job's provider arguments back into the Jobs API settings", () => {
  const { descriptors } = sampleDescriptors();
  for (const d of descriptors.job!) {
    const m = jobSettings(d as never, { activation: true, resolve: passthrough });
    if (!m.ok) continue;
    expect(apiBody(toPulumiArgs(m.args) as Record<string, unknown>)).toEqual(m.args);
  }
});

it("turns cluster and pool specs back, spark_conf keys and custom tags untouched", () => {
  const { descriptors } = sampleDescriptors();
  for (const d of [...descriptors.cluster!, ...descriptors["instance-pool"]!]) {
    const spec = (d as { spec: Record<string, unknown> }).spec;
    expect(apiBody(toPulumiArgs(spec) as Record<string, unknown>)).toEqual(spec);
  }
  const body = apiBody({
    sparkConf: { "spark.databricks.io.cache.enabled": "true" },
    customTags: { teamName: "x" },
  });
  expect(body).toEqual({
    spark_conf: { "spark.databricks.io.cache.enabled": "true" },
    custom_tags: { teamName: "x" },
  });
});

it("maps the pluralised singular lists back, and applies type renames and drops", () => {
  expect(GLOBAL_RENAMES).toMatchObject({
    dependsOns: "depends_on",
    onFailures: "on_failure",
    onSuccesses: "on_success",
  });
  expect(
    apiBody(
      { gitProvider: "gitHub", noWait: true, tasks: [{ dependsOns: [{ taskKey: "a" }] }] },
      {
        renames: { gitProvider: "provider" },
        drop: ["noWait"],
      },
    ),
  ).toEqual({ provider: "gitHub", tasks: [{ depends_on: [{ task_key: "a" }] }] });
});
