/**
 * Shared setup for the conformance tests (conformance-*.test.ts): the recorded answers of the real service
 * (../shared/fixtures/databricks-api, recorded by the Terraform provider's exporter tests), a field-by-field
 * comparison with them, and the workspaces the tests replay them in. The expectations are the recordings,
 * not emulator code.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningEmulator } from "../../emulator";
import { createCluster } from "../../emulator/routes/clusters";
import { createPool } from "../../emulator/routes/pools";
import {
  SHARED_FIXTURES_DIR,
  RUN_JOB_FIXTURE_MAP,
  writeFixtureMap,
  writeSharedFixtures,
} from "../../emulator/seeds/shared-fixtures";
import { client, start } from "./helpers";

// The repository's verbatim copy of ../shared/fixtures/databricks-api (dir-seed.test.ts checks the two agree),
// so the tests run wherever the repository is cloned.
export const RECORDED = SHARED_FIXTURES_DIR;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const recorded = (f: string): any => JSON.parse(readFileSync(join(RECORDED, f), "utf8"));

/** Paths where `got` differs from `want`: a missing field, another value, or (for `typesOnly`) another type. */
export function diffFields(want: unknown, got: unknown, path = "", typesOnly = false): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (kind(want) !== kind(got)) return [`${path || "."}: ${kind(want)} recorded, ${kind(got)} answered`];
  if (Array.isArray(want)) {
    const g = got as unknown[];
    if (!typesOnly && g.length !== want.length)
      return [`${path}: ${want.length} entries recorded, ${g.length} answered`];
    return want.flatMap((w, i) => (i < g.length ? diffFields(w, g[i], `${path}[${i}]`, typesOnly) : []));
  }
  if (kind(want) === "object") {
    const g = got as Record<string, unknown>;
    return Object.entries(want as Record<string, unknown>).flatMap(([k, w]) =>
      k in g
        ? diffFields(w, g[k], path ? `${path}.${k}` : k, typesOnly)
        : [`${path ? `${path}.` : ""}${k}: missing`],
    );
  }
  return typesOnly || want === got
    ? []
    : [`${path}: ${JSON.stringify(want)} recorded, ${JSON.stringify(got)} answered`];
}

export type FixtureMappings = ReturnType<typeof writeSharedFixtures>;

/** DIR workspaces built from the recorded bodies; fields are set by `beforeAll`, closed by `afterAll`. */
export interface RecordedWorkspaces {
  emu: RunningEmulator;
  mappings: FixtureMappings;
  runJobEmu: RunningEmulator;
  runJobMappings: FixtureMappings;
}

/** Registers beforeAll/afterAll that build the recorded DIR workspaces; read the fields inside tests. */
export function useRecordedWorkspaces(): RecordedWorkspaces {
  const w = {} as RecordedWorkspaces;
  let dir: string;
  let runJobDir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "conformance-"));
    w.mappings = writeSharedFixtures(dir, RECORDED);
    w.emu = await start({ workspace: dir });
    // The run_job_task pair in a DIR of its own: the shared one has a recorded jobs list they are not in.
    runJobDir = mkdtempSync(join(tmpdir(), "conformance-runjob-"));
    w.runJobMappings = writeFixtureMap(runJobDir, RECORDED, RUN_JOB_FIXTURE_MAP);
    w.runJobEmu = await start({ workspace: runJobDir });
  });
  afterAll(async () => {
    await w.emu.close();
    await w.runJobEmu.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(runJobDir, { recursive: true, force: true });
  });
  return w;
}

/** An empty workspace holding the principals and objects the recordings name; fields set by `beforeAll`. */
export interface WriteWorkspace {
  emu: RunningEmulator;
  api: ReturnType<typeof client>;
}

/** Registers beforeAll/afterAll that build the empty workspace recorded objects are written into. */
export function useWriteWorkspace(): WriteWorkspace {
  const w = {} as WriteWorkspace;
  beforeAll(async () => {
    w.emu = await start({ workspace: "empty" });
    const { emu } = w;
    const api = (w.api = client(emu));
    // The principals the recordings name, made through SCIM; the caller is their creator.
    for (const userName of ["test@test.com", "user@domain.com"])
      expect((await api.post("/api/2.0/preview/scim/v2/Users", { userName })).status).toBe(201);
    for (const displayName of ["Automation", "Engineering"])
      expect((await api.post("/api/2.0/preview/scim/v2/Groups", { displayName })).status).toBe(201);
    emu.state.currentUser = "test@test.com";
    emu.state.clusterStartMs = 0;
    // Objects the recorded jobs refer to, under their recorded ids (the API cannot choose ids).
    createCluster(
      emu.state,
      {
        cluster_name: "t2",
        spark_version: "7.3.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 1,
      },
      { id: "test2" },
    );
    createPool(emu.state, { instance_pool_name: "pool1", node_type_id: "Standard_DS3_v2" }, { id: "pool1" });
  });
  afterAll(() => w.emu.close());
  return w;
}
