/**
 * The irregular names neither the emulator nor the recorded fixtures spell (rest-names.ts entries with
 * `doc`): each one turned into the REST body the API reference it names (the Jobs API's
 * docs.databricks.com/api/azure/workspace/jobs/create, the serving endpoints' create) shows, written out here by hand, so a misspelt `rest` fails (rest-names.test.ts
 * only checks that such an entry names a page).
 */
import { apiBody } from "../../roundtrip/api-body";
import { REST_NAMES } from "../../roundtrip/rest-names";

const JOB = "databricks:index/job:Job";

/** Provider inputs -> the body the Jobs API reference documents; each covers some `doc` entries. */
const CASES: {
  covers: string[];
  type?: string;
  inputs: Record<string, unknown>;
  body: Record<string, unknown>;
}[] = [
  {
    covers: ["url", "provider", "tag"],
    inputs: { gitSource: { url: "https://github.com/contoso/etl", provider: "gitHub", tag: "v1.2" } },
    body: {
      git_source: { git_url: "https://github.com/contoso/etl", git_provider: "gitHub", git_tag: "v1.2" },
    },
  },
  {
    covers: ["branch", "commit"],
    inputs: { gitSource: { url: "u", provider: "gitHub", branch: "main", commit: "e0056d01" } },
    body: {
      git_source: { git_url: "u", git_provider: "gitHub", git_branch: "main", git_commit: "e0056d01" },
    },
  },
  {
    covers: ["onStarts", "onSuccesses", "onDurationWarningThresholdExceededs", "onStreamingBacklogExceededs"],
    inputs: {
      emailNotifications: {
        onStarts: ["a@contoso.com"],
        onSuccesses: ["b@contoso.com"],
        onDurationWarningThresholdExceededs: ["c@contoso.com"],
        onStreamingBacklogExceededs: ["d@contoso.com"],
      },
      webhookNotifications: { onStarts: [{ id: "w1" }], onDurationWarningThresholdExceededs: [{ id: "w2" }] },
    },
    body: {
      email_notifications: {
        on_start: ["a@contoso.com"],
        on_success: ["b@contoso.com"],
        on_duration_warning_threshold_exceeded: ["c@contoso.com"],
        on_streaming_backlog_exceeded: ["d@contoso.com"],
      },
      webhook_notifications: {
        on_start: [{ id: "w1" }],
        on_duration_warning_threshold_exceeded: [{ id: "w2" }],
      },
    },
  },
  {
    // The serving endpoints reference (docs.databricks.com/api/azure/workspace/servingendpoints/create):
    // email_notifications { on_update_failure, on_update_success }, singular where the provider pluralises.
    covers: ["onUpdateSuccesses"],
    type: "databricks:index/modelServing:ModelServing",
    inputs: {
      emailNotifications: { onUpdateSuccesses: ["a@contoso.com"], onUpdateFailures: ["b@contoso.com"] },
    },
    body: {
      email_notifications: { on_update_success: ["a@contoso.com"], on_update_failure: ["b@contoso.com"] },
    },
  },
];

it.each(CASES.map((c) => [c.covers.join(", "), c] as const))("%s: the documented REST body", (_n, c) => {
  expect(apiBody(c.type ?? JOB, c.inputs)).toEqual(c.body);
});

it("every irregular that only a reference page vouches for is written out above", () => {
  const covered = new Set(CASES.flatMap((c) => c.covers));
  expect(REST_NAMES.filter((r) => r.doc && !covered.has(r.prop)).map((r) => r.prop)).toEqual([]);
});
