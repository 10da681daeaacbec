/**
 * Mutation test of the round trip: a property the forward mapping (components/mapping) renames wrongly, for
 * several fields across kinds, must make the round trip fail each time, whether the wrong name is one the
 * provider does not declare (the inverse refuses it: a failure) or another real input (verify sees the
 * difference). The forward mapping's toPulumiArgs is wrapped so each test can rename one property.
 */
import { runRoundTrip } from "../../roundtrip";
import { sampleUcValues } from "../../roundtrip/sample-uc-values";
import { EXPORTED_AT, removeWorkDirs, workDir } from "./helpers";

let mockRenames: Record<string, string> = {};

jest.mock("../../components/mapping/api-args", () => {
  const real = jest.requireActual("../../components/mapping/api-args");
  const rename = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rename);
    if (!real.isPlainObject(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [mockRenames[k] ?? k, rename(x)]),
    );
  };
  return { ...real, toPulumiArgs: (v: unknown) => rename(real.toPulumiArgs(v)) };
});

afterAll(removeWorkDirs);

async function roundTrip(renames: Record<string, string>) {
  mockRenames = renames;
  try {
    return await runRoundTrip({
      primary: "sample",
      dir: workDir("mut"),
      exportedAt: EXPORTED_AT,
      values: sampleUcValues(),
    });
  } finally {
    mockRenames = {};
  }
}

it("passes with the forward mapping as it is (the wrapper alone changes nothing)", async () => {
  const r = await roundTrip({});
  expect(r.stack.log.failures).toEqual([]);
  expect(r.verify.unexpected).toBe(0);
}, 60000);

const MUTATIONS: [string, Record<string, string>][] = [
  // (Required inputs are left alone: the SDK itself refuses a resource without them.)
  [
    "cluster autotermination_minutes -> autoterminationMins",
    { autoterminationMinutes: "autoterminationMins" },
  ],
  ["job task notebook_path -> notebookFile", { notebookPath: "notebookFile" }],
  ["job schedule quartz_cron_expression -> cronExpression", { quartzCronExpression: "cronExpression" }],
  ["pool min_idle_instances -> minIdle", { minIdleInstances: "minIdle" }],
  ["warehouse auto_stop_mins -> autoStopMinutes", { autoStopMins: "autoStopMinutes" }],
  ["job depends_on -> dependsOn (unpluralised)", { dependsOns: "dependsOn" }],
  // Both names are real provider inputs: the inverse takes them, verify must see the swap.
  ["job email on_failure <-> on_success", { onFailures: "onSuccesses", onSuccesses: "onFailures" }],
  ["cluster spark_conf -> sparkEnvVars", { sparkConf: "sparkEnvVars" }],
];

it.each(MUTATIONS)(
  "a forward mapping renaming %s fails the round trip",
  async (_n, renames) => {
    const r = await roundTrip(renames);
    const wrong = Object.values(renames);
    // Refused by the inverse, naming the wrong input, or applied and then seen by verify.
    const refused = r.stack.log.failures.filter((f) => wrong.some((w) => f.error.includes(`.${w}:`)));
    expect(refused.length + r.verify.unexpected).toBeGreaterThan(0);
  },
  60000,
);
