/** A DIR seed with one bad recorded body still loads the rest; a recorded job the list lacks is listed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { client, start } from "./helpers";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-dir-robust-"));
  mkdirSync(join(dir, "jobs"));
  mkdirSync(join(dir, "clusters"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const job = (id: number, name: string) => JSON.stringify({ job_id: id, settings: { name } });

describe("DIR loader", () => {
  it("skips a body that is not valid JSON, with a warning naming the file, and serves the rest", async () => {
    writeFileSync(join(dir, "jobs", "1.json"), job(1, "good"));
    writeFileSync(join(dir, "jobs", "2.json"), '{"job_id": 2, "settings": {"name": "trunc');
    writeFileSync(join(dir, "clusters", "c1.json"), JSON.stringify({ cluster_id: "c1", cluster_name: "x" }));
    writeFileSync(join(dir, "clusters", "c2.json"), "[1, 2]");
    const warned: string[] = [];
    const spy = jest.spyOn(console, "warn").mockImplementation((m: string) => void warned.push(m));
    const emu = await start({ workspace: dir });
    spy.mockRestore();
    try {
      expect(warned).toEqual([
        expect.stringMatching(/skipped jobs[\\/]2\.json: not valid JSON/),
        expect.stringMatching(/skipped clusters[\\/]c2\.json: not a JSON object/),
      ]);
      expect(emu.state.loadWarnings).toEqual(warned);
      const api = client(emu);
      expect((await api.get("/api/2.1/jobs/get?job_id=1")).json.settings.name).toBe("good");
      expect((await api.get("/api/2.1/jobs/get?job_id=2")).status).toBe(400);
      expect((await api.get("/api/2.1/clusters/get?cluster_id=c1")).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("lists a recorded job that the recorded list lacks, and says so", async () => {
    writeFileSync(join(dir, "jobs", "1.json"), job(1, "listed"));
    writeFileSync(join(dir, "jobs", "7.json"), job(7, "unlisted"));
    writeFileSync(
      join(dir, "jobs", "list.json"),
      JSON.stringify({ jobs: [{ job_id: 1, settings: { name: "listed" } }], has_more: false }),
    );
    const warned: string[] = [];
    const spy = jest.spyOn(console, "warn").mockImplementation((m: string) => void warned.push(m));
    const emu = await start({ workspace: dir });
    spy.mockRestore();
    try {
      expect(warned).toEqual([expect.stringContaining("jobs/list.json lacks job 7")]);
      const list = await client(emu).get("/api/2.1/jobs/list");
      expect(list.json.jobs.map((j: { job_id: number }) => j.job_id)).toEqual([1, 7]);
      expect((await client(emu).get("/api/2.0/jobs/list")).json.jobs).toHaveLength(2);
    } finally {
      await emu.close();
    }
  });
});
