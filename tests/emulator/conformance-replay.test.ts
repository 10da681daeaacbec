/**
 * Conformance (A): every recorded body of the real service is served back by a DIR workspace built from it,
 * each field as recorded. The expectations are the recordings, not emulator code.
 */
import { readdirSync } from "node:fs";
import { RunningEmulator } from "../../emulator";
import { NOT_SERVED_FIXTURES } from "../../emulator/seeds/shared-fixtures";
import {
  diffFields,
  FixtureMappings,
  RECORDED,
  recorded,
  useRecordedWorkspaces,
} from "./conformance-helpers";
import { client } from "./helpers";

it("diffFields reports what differs (the comparison itself can fail)", () => {
  expect(diffFields({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } })).toEqual([
    "b.c[1]: 2 recorded, 3 answered",
  ]);
  expect(diffFields({ a: 1, x: "s" }, { a: "1" })).toEqual([
    "a: number recorded, string answered",
    "x: missing",
  ]);
  expect(diffFields({ a: 1 }, { a: 2 }, "", true)).toEqual([]);
});

describe("A: every recorded body is served back unchanged", () => {
  const w = useRecordedWorkspaces();

  const replay = async (e: RunningEmulator, ms: FixtureMappings) => {
    const api = client(e);
    const diffs: string[] = [];
    for (const m of ms) {
      const r = await api.get(m.get);
      if (r.status !== 200) diffs.push(`${m.get}: HTTP ${r.status}`);
      else diffs.push(...diffFields(recorded(m.fixture), r.json).map((d) => `${m.get} ${d}`));
    }
    return diffs;
  };

  it("replays every recorded file but the named not-served ones, each field as recorded", async () => {
    const files = readdirSync(RECORDED).filter((f) => f.endsWith(".json"));
    const mapped = new Set([...w.mappings, ...w.runJobMappings].map((m) => m.fixture));
    expect(files.filter((f) => !mapped.has(f) && !(f in NOT_SERVED_FIXTURES))).toEqual([]);
    expect(Object.keys(NOT_SERVED_FIXTURES)).toEqual([]); // every recorded body is replayed today
    expect(await replay(w.emu, w.mappings)).toEqual([]);
  });

  it("replays the run_job_task pair (jobs/get bodies) from their own DIR", async () => {
    expect(w.runJobMappings.map((m) => m.fixture).sort()).toEqual([
      "run-job-child.json",
      "run-job-main.json",
    ]);
    expect(await replay(w.runJobEmu, w.runJobMappings)).toEqual([]);
    const list = (await client(w.runJobEmu).get("/api/2.1/jobs/list")).json;
    const ids = list.jobs.map((j: { job_id: number }) => j.job_id);
    expect(ids.sort((a: number, b: number) => a - b)).toEqual([
      recorded("run-job-child.json").job_id,
      recorded("run-job-main.json").job_id,
    ]);
  });
});
