/**
 * The lifecycle suite's changed primaries, as the stack is applied to them step after step: no top-level
 * argument of any provider resource is one the provider does not declare (the SDK's constructors would
 * drop it unseen; the per-resource check of every round trip sees only what they kept).
 */
import { runSequence } from "../../lifecycle-suite/sequence";
import { takeRawArgs, undeclaredTopLevel } from "./raw-args";

jest.mock("@pulumi/databricks", () =>
  jest.requireActual("./raw-args").recordingProvider(jest.requireActual("@pulumi/databricks")),
);

// Users and groups as resources of their own (not batches), so each is a provider resource.
const PER_OBJECT = {
  jobsPerObjectMax: 50,
  usersPerObjectMax: 50,
  groupsPerObjectMax: 50,
  aclsPerObjectMax: 50,
};

it.each([1, 2])(
  "seed %i: every step's provider resources take only declared arguments",
  async (seed) => {
    takeRawArgs();
    const r = await runSequence({ seed, steps: 3, initial: { granularity: PER_OBJECT } });
    const raw = takeRawArgs();
    expect(raw.map((a) => a.type)).toEqual(
      expect.arrayContaining([
        "databricks",
        "databricks:index/cluster:Cluster",
        "databricks:index/user:User",
      ]),
    );
    expect([...new Set(raw.flatMap(undeclaredTopLevel))]).toEqual([]);
    expect(r.violations).toEqual([]);
  },
  120000,
);
