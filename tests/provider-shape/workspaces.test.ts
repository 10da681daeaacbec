/**
 * Every resource the stack registers, for every workspace the project knows, checked against the
 * provider's own declarations (roundtrip/provider-shape.ts): the emulator's sample, the workspace built
 * from the recorded fixtures (and the recorded bodies alone), the large workspace at a small scale, the
 * fault suite's primaries, and the sample world with a job using every documented block (which must be
 * registered to be checked); passive and active, each start policy. Jobs, members of JobBatch resources,
 * go through the same declarations (roundtrip/job-batch-shape.ts). The lifecycle suite's changed
 * primaries are checked as they are applied: every round trip checks each resource's inputs the same way
 * (roundtrip/rest-table.ts, tests/provider-shape/round-trip.test.ts).
 */
import * as path from "node:path";
import { LARGE_DEFAULTS } from "../../emulator/seeds/large";
import { SMALL_SIZES } from "../../fault-suite/run-seed";
import { exportWorkspace, startWorkspace } from "../../roundtrip/harness";
import { checkResourceInputs, formatFinding } from "../../roundtrip/provider-shape";
import { checkJobBatch } from "../../roundtrip/job-batch-shape";
import { jobMembers } from "../stack/helpers/jobs";
import { buildStack, secondaryValues } from "../stack/helpers/build";
import { sampleWorld } from "../helpers/sample-world";
import { Descriptor } from "../../kinds/registry";
import { RICH_JOB } from "./rich-job";
import { EXPORTED_AT, removeWorkDirs, workDir } from "../roundtrip/helpers";
import { startEmulator } from "../../emulator";
import { takeRawArgs, undeclaredTopLevel } from "./raw-args";

// The arguments as the stack passes them, before the SDK's constructors drop the undeclared ones.
jest.mock("@pulumi/databricks", () =>
  jest.requireActual("./raw-args").recordingProvider(jest.requireActual("@pulumi/databricks")),
);

const TOKEN = ["dapi", "shape", "0000000000000000"].join("-");

async function exported(name: string, start: () => ReturnType<typeof startWorkspace>): Promise<string> {
  const emu = await start();
  const dir = path.join(workDir(`shape-${name.replace(/[^a-z0-9]+/gi, "-")}`), "snap");
  try {
    await exportWorkspace({ url: emu.url, token: TOKEN }, dir, { token: TOKEN, exportedAt: EXPORTED_AT });
  } finally {
    await emu.close();
  }
  return dir;
}

const scale = (n: number) => Math.max(3, Math.round(n / 100));
const WORKSPACES: Record<string, () => ReturnType<typeof startWorkspace>> = {
  sample: () => startWorkspace("sample", { token: TOKEN }),
  fixtures: () => startWorkspace("fixtures", { token: TOKEN }),
  "fixtures-raw (the recorded bodies alone)": () => startWorkspace("fixtures-raw", { token: TOKEN }),
  "large (1/100)": () =>
    startEmulator({
      workspace: "large",
      large: Object.fromEntries(Object.entries(LARGE_DEFAULTS).map(([k, v]) => [k, scale(v)])),
      rateLimits: false,
      token: TOKEN,
    }),
  "fault-suite small": () =>
    startEmulator({ workspace: "large", large: SMALL_SIZES, rateLimits: false, token: TOKEN }),
};

const CONFIGS: Record<string, Record<string, string>> = {
  passive: {},
  active: { activation: "true" },
  keepOriginal: { clusterStartPolicy: "keepOriginal" },
};

afterAll(removeWorkDirs);

/** Findings of one stack build, and how many Databricks resources were looked at. */
async function findings(snapshot: string, extra: Record<string, string>) {
  takeRawArgs();
  const { world } = await buildStack(secondaryValues(snapshot, extra));
  const checked = world.registrations.filter(
    (r) => r.custom && (r.type.startsWith("databricks:") || r.type === "pulumi:providers:databricks"),
  );
  const raw = takeRawArgs();
  expect(raw.length).toBeGreaterThan(0);
  // Jobs are JobBatch members, Jobs API settings the batch sends: held to the provider's JobArgs too.
  const jobs = jobMembers(world);
  const out = [
    ...checked.flatMap((r) => checkResourceInputs(r.type, r.inputs).map(formatFinding)),
    ...raw.flatMap(undeclaredTopLevel),
    ...checkJobBatch(Object.fromEntries(jobs.map((j) => [j.sourceId, j.settings]))),
  ];
  return {
    out: [...new Set(out)],
    types: new Set(checked.map((r) => r.type)),
    count: checked.length,
    jobs: jobs.length,
    jobIds: jobs.map((j) => j.sourceId),
  };
}

const snapshots: [string, () => Promise<string>][] = [
  // (The sample world alone is the `sample` workspace below, exported the same way.)
  [
    "the sample world with a job using every block",
    async () =>
      sampleWorld()
        .add("job", RICH_JOB as unknown as Descriptor<"job">)
        .write(),
  ],
  ...Object.entries(WORKSPACES).map(([n, s]) => [n, () => exported(n, s)] as [string, () => Promise<string>]),
];

describe.each(snapshots)("%s", (_name, make) => {
  let snap: string;
  beforeAll(async () => {
    snap = await make();
  }, 120000);
  it.each(Object.entries(CONFIGS))(
    "%s: every resource's inputs match the provider's declarations",
    async (_c, extra) => {
      const r = await findings(snap, extra);
      expect(r.out).toEqual([]);
      expect(r.count).toBeGreaterThan(5);
      expect(r.jobs).toBeGreaterThan(0);
      if (_name.includes("every block")) expect(r.jobIds).toContain(RICH_JOB.id);
    },
    120000,
  );
});
