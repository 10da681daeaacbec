import { useEmulator } from "../helpers/emulator-lifecycle";
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { readSnapshot } from "../../snapshot/reader";
import {
  descriptors,
  emulator,
  expectSameTree,
  exportOnce,
  manifest,
  readTree,
  TOKEN,
  tmpDir,
} from "./helpers";

const SIZES = { notebooks: 60, folders: 8, jobs: 12, clusters: 10, users: 30, groups: 6 };

async function post(emu: RunningEmulator, p: string, body: unknown): Promise<void> {
  const res = await fetch(emu.url + p, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
}

/** What a run asked the emulator, by endpoint (`GET /api/2.0/workspace/export` ...), from a reset. */
const calls = (emu: RunningEmulator, endpoint: string) => emu.stats().byEndpoint[endpoint] ?? 0;
const EXPORT = "GET /api/2.0/workspace/export";
const JOB_GET = "GET /api/2.2/jobs/get";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stateIndex = (dir: string): any =>
  JSON.parse(fs.readFileSync(path.join(dir, "state/index.json"), "utf8"));

/** A manifest with the fields that may differ between an incremental and a full export removed. */
function manifestWithout(dir: string, ...fields: string[]) {
  const m = manifest(dir);
  for (const f of fields) delete m[f];
  return m;
}

describe("incremental export", () => {
  const suite = useEmulator(() => emulator({ workspace: "large", large: SIZES }), "test");

  it("an unchanged re-export reads no notebook or job again, ACLs only in their turn, and writes the same bytes", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(suite.emu, out);
    const before = readTree(out);
    const targets = Object.keys(stateIndex(out).acl.lastRead).length;
    suite.emu.resetStats();
    const s = await exportOnce(suite.emu, out);
    expect(s.incremental).toBe(true);
    expect(calls(suite.emu, EXPORT)).toBe(0);
    expect(calls(suite.emu, JOB_GET)).toBe(0);
    // The workspace-wide ACLs (tokens, passwords) have no version to compare; the rest are re-read in a
    // rolling share (acl-refresh.test.ts): every read the run reports is a GET the emulator saw.
    // Legacy SQL objects' ACLs (queries, alerts, dashboards) are read through the preview SQL permissions API.
    const aclGets =
      calls(suite.emu, "GET /api/2.0/permissions/{rest*}") +
      calls(suite.emu, "GET /api/2.0/preview/sql/permissions/{type}/{id}");
    expect(aclGets).toBe(s.acl!.read);
    expect(aclGets).toBeLessThan(2 + targets / 3);
    expectSameTree(out, before, (f) => f === "manifest.json" || f === "state/index.json");
    expect(stateIndex(out).signatures).toEqual(
      JSON.parse(before.get("state/index.json")!.toString()).signatures,
    );
    expect(manifest(out).changes).toEqual({});
    const was = JSON.parse(before.get("manifest.json")!.toString());
    for (const f of ["acl", "files"]) delete was[f];
    expect(manifestWithout(out, "changes", "acl", "files")).toEqual(was);
  });

  it("after edits, writes what a full export of the same state writes, reading only what changed", async () => {
    const parent = tmpDir();
    const a = path.join(parent, "a");
    await exportOnce(suite.emu, a);
    const notebooks = descriptors(a, "notebook").map((d) => d.id as string);
    const [edited, deleted] = [notebooks[0], notebooks[notebooks.length - 1]];
    const added = `${path.posix.dirname(notebooks[7])}/brand-new`;
    const job = descriptors(a, "job")[3];
    const cluster = descriptors(a, "cluster")[1];
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    await post(suite.emu, "/api/2.0/workspace/import", {
      path: edited,
      format: "SOURCE",
      language: "PYTHON",
      overwrite: true,
      content: b64("print('edited')\n"),
    });
    await post(suite.emu, "/api/2.0/workspace/import", {
      path: added,
      format: "SOURCE",
      language: "SQL",
      content: b64("SELECT 1\n"),
    });
    await post(suite.emu, "/api/2.0/workspace/delete", { path: deleted });
    await post(suite.emu, "/api/2.1/jobs/update", {
      job_id: Number(job.id),
      new_settings: { name: "renamed" },
    });
    await post(suite.emu, "/api/2.1/clusters/permanent-delete", { cluster_id: cluster.id });

    suite.emu.resetStats();
    const b = path.join(parent, "b");
    const s = await exportOnce(suite.emu, b, { previous: a });
    expect(s.incremental).toBe(true);
    const exported = calls(suite.emu, EXPORT);
    const jobGets = calls(suite.emu, JOB_GET);
    const c = path.join(parent, "c");
    await exportOnce(suite.emu, c);

    // The same files, but for when each ACL was read (state/index.json's acl, the manifest's acl and seal).
    expectSameTree(b, c, (f) => f === "manifest.json" || f === "state/index.json");
    expect(stateIndex(b).signatures).toEqual(stateIndex(c).signatures);
    expect(manifestWithout(b, "changes", "exportedAt", "acl", "files")).toEqual(
      manifestWithout(c, "changes", "exportedAt", "acl", "files"),
    );
    expect(() => readSnapshot(b)).not.toThrow();
    // The edited and the new notebook, nothing else; the edited job only.
    expect(exported).toBe(2);
    expect(jobGets).toBe(1);
    const changes = manifest(b).changes;
    expect(changes.notebook).toEqual({ added: [added], changed: [edited], removed: [deleted] });
    expect(changes.job).toEqual({ added: [], changed: [job.id], removed: [] });
    expect(changes.cluster).toEqual({ added: [], changed: [], removed: [cluster.id] });
    // The previous snapshot is untouched.
    expect(descriptors(a, "notebook").map((d) => d.id)).toEqual(notebooks);
  });

  it("--full reads everything again and still records the changes", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(suite.emu, out);
    await post(suite.emu, "/api/2.0/workspace/delete", { path: descriptors(out, "notebook")[0].id });
    suite.emu.resetStats();
    const s = await exportOnce(suite.emu, out, { full: true });
    expect(s.incremental).toBe(false);
    expect(calls(suite.emu, JOB_GET)).toBe(SIZES.jobs);
    expect(calls(suite.emu, EXPORT)).toBeGreaterThan(0);
    expect(manifest(out).changes.notebook.removed).toHaveLength(1);
  });

  it("does not reuse a snapshot of another workspace, nor a content file edited since", async () => {
    const parent = tmpDir();
    const other = await emulator({ workspace: "large", large: SIZES });
    const foreign = path.join(parent, "foreign");
    await exportOnce(other, foreign);
    await other.close();
    suite.emu.resetStats();
    const s = await exportOnce(suite.emu, path.join(parent, "x"), { previous: foreign });
    expect(s.incremental).toBe(false);
    expect(s.previousNote).toMatch(/is of http/);
    expect(manifest(path.join(parent, "x")).changes).toBeUndefined();
    expect(calls(suite.emu, JOB_GET)).toBe(SIZES.jobs);

    const out = path.join(parent, "snap");
    await exportOnce(suite.emu, out);
    const nb = descriptors(out, "notebook")[2];
    const file = path.join(out, nb.content.file);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.from(original.toString().replace(/^./, "X")));
    suite.emu.resetStats();
    await exportOnce(suite.emu, out);
    expect(calls(suite.emu, EXPORT)).toBe(1);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
  });
});
