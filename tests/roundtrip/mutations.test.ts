/**
 * Mutation test of the round trip: a property the forward mapping (components/mapping) renames wrongly, for
 * several fields across kinds, must make the round trip fail each time, whether the wrong name is one the
 * provider does not declare (the inverse refuses it: a failure) or another real input (verify sees the
 * difference). The forward mapping's toPulumiArgs is wrapped so each test can rename one property; jobs are
 * JobBatch members whose settings go out as the Jobs API takes them (snake_case), so their mapping
 * (jobSettings) is wrapped the same way.
 */
import { runRoundTrip } from "../../roundtrip";
import { sampleUcValues } from "../../roundtrip/sample-uc-values";
import { EXPORTED_AT, removeWorkDirs, workDir } from "./helpers";

let mockRenames: Record<string, string> = {};
let mockJobRenames: Record<string, string> = {};

function mockRenamer(renames: () => Record<string, string>, isPlainObject: (v: unknown) => boolean) {
  const rename = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rename);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [renames()[k] ?? k, rename(x)]),
    );
  };
  return rename;
}

jest.mock("../../components/mapping/api-args", () => {
  const real = jest.requireActual("../../components/mapping/api-args");
  const rename = mockRenamer(() => mockRenames, real.isPlainObject);
  return { ...real, toPulumiArgs: (v: unknown) => rename(real.toPulumiArgs(v)) };
});

jest.mock("../../kinds/job/mapping", () => {
  const real = jest.requireActual("../../kinds/job/mapping");
  const { isPlainObject } = jest.requireActual("../../components/mapping/api-args");
  const rename = mockRenamer(() => mockJobRenames, isPlainObject);
  return {
    ...real,
    jobSettings: (...a: unknown[]) => {
      const m = real.jobSettings(...a);
      return m.ok ? { ...m, args: rename(m.args) } : m;
    },
  };
});

afterAll(removeWorkDirs);

async function roundTrip(renames: Record<string, string>, jobRenames: Record<string, string> = {}) {
  mockRenames = renames;
  mockJobRenames = jobRenames;
  try {
    return await runRoundTrip({
      primary: "sample",
      dir: workDir("mut"),
      exportedAt: EXPORTED_AT,
      values: sampleUcValues(),
    });
  } finally {
    mockRenames = {};
    mockJobRenames = {};
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
  ["pool min_idle_instances -> minIdle", { minIdleInstances: "minIdle" }],
  ["warehouse auto_stop_mins -> autoStopMinutes", { autoStopMins: "autoStopMinutes" }],
  // Both names are real provider inputs: the inverse takes them, verify must see the swap.
  ["cluster spark_conf -> sparkEnvVars", { sparkConf: "sparkEnvVars" }],
];

// Jobs API settings of JobBatch members (snake_case), held to the provider's JobArgs and the Jobs API.
const JOB_MUTATIONS: [string, Record<string, string>][] = [
  ["job task notebook_path -> notebook_file", { notebook_path: "notebook_file" }],
  ["job schedule quartz_cron_expression -> cron_expression", { quartz_cron_expression: "cron_expression" }],
  ["job depends_on -> depend_on", { depends_on: "depend_on" }],
  // Both names are real fields: verify must see the swap.
  ["job email on_failure <-> on_success", { on_failure: "on_success", on_success: "on_failure" }],
];

function caught(r: Awaited<ReturnType<typeof roundTrip>>, wrong: string[]): number {
  const refused = r.stack.log.failures.filter((f) => wrong.some((w) => f.error.includes(w)));
  return refused.length + r.verify.unexpected;
}

it.each(JOB_MUTATIONS)(
  "a job mapping renaming %s fails the round trip",
  async (_n, renames) => {
    const r = await roundTrip({}, renames);
    expect(caught(r, Object.values(renames))).toBeGreaterThan(0);
  },
  60000,
);

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
