import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator, startEmulator } from "../../emulator";
import { FaultJournal, newJournal } from "../../emulator/faults";
import { SAMPLE_IDS, SAMPLE_SECRET_VALUES } from "../../emulator/seeds/sample";
import { runExport } from "../../exporters/run";
import { checkInvariant } from "../../fault-suite/invariant";
import { findLeaks } from "../../fault-suite/leaks";
import { capturePrimary, Primary } from "../../fault-suite/primary";
import { resealSnapshot } from "../../snapshot/seal";
import { client, editSnapshot, removeTmpDirs, tmpDir, TOKEN } from "./helpers";

type Item = Record<string, unknown> & { id: string };
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

afterAll(() => removeTmpDirs());

describe("the invariant checker catches a lossy export", () => {
  let emu: RunningEmulator;
  let primary: Primary;
  let clean: string;
  let work: string;
  const copy = () => {
    const dir = path.join(tmpDir(), "snap");
    fs.cpSync(clean, dir, { recursive: true });
    return dir;
  };
  const losses = (dir: string, journal?: FaultJournal) => checkInvariant(primary, dir, journal).losses;

  beforeAll(async () => {
    emu = await startEmulator({ workspace: "sample", rateLimits: false, token: TOKEN });
    primary = capturePrimary(emu.state);
    work = tmpDir();
    clean = path.join(work, "snap");
    await runExport({ client: client(emu), out: clean, exportedAt: "2026-01-01T00:00:00Z" });
  });
  afterAll(() => emu.close());

  it("a complete export passes, having looked at every kind", () => {
    const v = checkInvariant(primary, clean);
    expect(v.losses).toEqual([]);
    expect(v.checked).toBeGreaterThan(80);
    // The sample's JOB/SQL/PIPELINE clusters and its LIBRARY object are skipped with a reason.
    expect(v.explained).toBeGreaterThanOrEqual(3);
  });

  it("a notebook missing from the snapshot is a silent loss; with a skip entry it is not", () => {
    const dir = copy();
    const drop = (items: Item[]) => items.filter((i) => i.id !== "/Shared/etl/bronze_to_silver");
    editSnapshot(dir, "notebook", drop);
    expect(losses(dir)).toEqual([
      { kind: "notebook", id: "/Shared/etl/bronze_to_silver", what: "neither in the snapshot nor skipped" },
    ]);
    editSnapshot(
      dir,
      "notebook",
      (i) => i,
      (m) => {
        (m.skipped as unknown[]).push({
          kind: "notebook",
          id: "/Shared/etl/bronze_to_silver",
          reason: "test",
        });
      },
    );
    expect(losses(dir)).toEqual([]);
  });

  it("a notebook whose bytes differ from the SOURCE export is caught, in the file or in the descriptor", () => {
    const dir = copy();
    const nb = JSON.parse(fs.readFileSync(path.join(dir, "descriptors/notebook.json"), "utf8")).items[0];
    fs.appendFileSync(path.join(dir, nb.content.file), "\n");
    // As a lossy exporter would have sealed them: the wrong bytes listed in the manifest.
    resealSnapshot(dir);
    editSnapshot(dir, "notebook", (items) =>
      items.map((i) => {
        const bytes = fs.readFileSync(path.join(dir, nb.content.file));
        const content = { ...nb.content, sha256: sha256(bytes), size: bytes.length };
        return i.id === nb.id ? { ...i, content } : i;
      }),
    );
    expect(losses(dir)).toEqual([
      {
        kind: "notebook",
        id: nb.id,
        what: expect.stringMatching(/does not hold the primary's bytes|content differs from the primary's/),
      },
    ]);
    const dir2 = copy();
    editSnapshot(dir2, "notebook", (items) =>
      items.map((i) =>
        i.id === nb.id ? { ...i, content: { ...nb.content, size: nb.content.size - 1 } } : i,
      ),
    );
    // The descriptor no longer matches the file the manifest seals: the whole snapshot is refused.
    expect(losses(dir2)[0]).toMatchObject({
      kind: "snapshot",
      what: expect.stringMatching(/field content\.sha256/),
    });
  });

  it("details lost inside objects: a group member, a job task, a grant, a secret key to supply", () => {
    const dir = copy();
    let member = "";
    editSnapshot(dir, "group", (items) =>
      items.map((g) => {
        const members = g.members as { kind: string; id: string }[];
        if (!member && members.length) {
          member = `${g.id}: ${members[0].kind} ${members[0].id}`;
          return { ...g, members: members.slice(1) };
        }
        return g;
      }),
    );
    const job = String(SAMPLE_IDS.jobs.nightlyEtl);
    editSnapshot(dir, "job", (items) =>
      items.map((j) => {
        const settings = j.settings as { tasks: unknown[] };
        return j.id === job ? { ...j, settings: { ...settings, tasks: settings.tasks.slice(1) } } : j;
      }),
    );
    editSnapshot(dir, "permissions", (items) =>
      items.map((p) => (p.id === `jobs:${job}` ? { ...p, acl: (p.acl as unknown[]).slice(1) } : p)),
    );
    editSnapshot(
      dir,
      "secret-scope",
      (s) => s,
      (m) => {
        m.secretsNeeded = (m.secretsNeeded as unknown[]).slice(1);
      },
    );
    const what = losses(dir).map((l) => `${l.kind} ${l.what}`);
    expect(what).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^group member .* lost$/),
        expect.stringMatching(/^job tasks lost: /),
        expect.stringMatching(/^permissions grant .* lost$/),
        expect.stringMatching(/^secret-scope key .* missing from manifest secretsNeeded$/),
        // The configuration check sees the dropped task too.
        expect.stringMatching(/^job differs from the primary: settings\.tasks: 2 entries/),
      ]),
    );
    expect(what).toHaveLength(5);
    expect(member).not.toBe("");
  });

  it("jobs, clusters, DBFS files and init scripts missing are losses too", () => {
    const dir = copy();
    for (const kind of ["job", "cluster", "dbfs-file", "global-init-script", "sql-warehouse", "user"])
      editSnapshot(dir, kind, (items) => items.slice(1));
    expect(new Set(losses(dir).map((l) => l.kind))).toEqual(
      new Set(["job", "cluster", "dbfs-file", "global-init-script", "sql-warehouse", "user"]),
    );
  });

  it("an object deleted mid-run may be absent only if no intact listing ever showed it", () => {
    const dir = copy();
    const gone = "/Shared/etl/bronze_to_silver";
    const node = primary.nodes.find((n) => n.path === gone)!;
    editSnapshot(dir, "notebook", (items) => items.filter((i) => i.id !== gone));
    editSnapshot(dir, "permissions", (items) => items.filter((i) => i.id !== `notebooks:${gone}`));
    const journal = newJournal();
    journal.mutations.push({
      op: "delete-notebook",
      seq: 5,
      target: gone,
      nodes: [{ objectId: node.objectId, type: "NOTEBOOK", from: gone }],
      jobIds: [],
      userNames: [],
    });
    expect(checkInvariant(primary, dir, journal)).toMatchObject({ losses: [], unseen: 1 });
    journal.revealed.paths.add(gone); // listed, then dropped without a word: a loss
    expect(losses(dir, journal)).toEqual([
      { kind: "notebook", id: gone, what: "changed mid-run, listed, then neither exported nor skipped" },
    ]);
  });

  it("'removed' in the manifest excuses only objects that were in fact deleted", () => {
    const dir = copy();
    const gone = "/Shared/etl/bronze_to_silver";
    const node = primary.nodes.find((n) => n.path === gone)!;
    editSnapshot(
      dir,
      "notebook",
      (items) => items.filter((i) => i.id !== gone),
      (m) => (m.changes = { notebook: { added: [], changed: [], removed: [gone] } }),
    );
    editSnapshot(dir, "permissions", (items) => items.filter((i) => i.id !== `notebooks:${gone}`));
    expect(losses(dir)).toEqual([
      { kind: "notebook", id: gone, what: "recorded as removed, but the primary still holds it" },
    ]);
    const journal = newJournal();
    journal.revealed.paths.add(gone);
    journal.mutations.push({
      op: "delete-notebook",
      seq: 5,
      target: gone,
      nodes: [{ objectId: node.objectId, type: "NOTEBOOK", from: gone }],
      jobIds: [],
      userNames: [],
    });
    expect(losses(dir, journal)).toEqual([]);
  });

  it("a renamed folder's objects count under their new name", () => {
    const dir = copy();
    const from = "/Shared/etl/bronze_to_silver";
    const to = "/Shared/etl-renamed/bronze_to_silver";
    const node = primary.nodes.find((n) => n.path === from)!;
    editSnapshot(dir, "notebook", (items) =>
      items.map((i) => (i.id === from ? { ...i, id: to, path: to } : i)),
    );
    editSnapshot(dir, "permissions", (items) =>
      items.map((p) => (p.id === `notebooks:${from}` ? { ...p, id: `notebooks:${to}`, objectId: to } : p)),
    );
    const journal = newJournal();
    journal.mutations.push({
      op: "rename-folder",
      seq: 1,
      target: "/Shared/etl",
      nodes: [{ objectId: node.objectId, type: "NOTEBOOK", from, to }],
      jobIds: [],
      userNames: [],
    });
    expect(losses(dir, journal)).toEqual([]);
    expect(losses(dir)).toEqual([
      { kind: "notebook", id: from, what: "neither in the snapshot nor skipped" },
    ]);
  });

  it("an object deleted before the run must be gone from the new snapshot", () => {
    const job = String(SAMPLE_IDS.jobs.maintenance);
    expect(checkInvariant(primary, clean, undefined, [`job ${job}`]).stale).toEqual([
      `job ${job}: deleted before the run, still exported`,
    ]);
    const dir = copy();
    editSnapshot(dir, "job", (items) => items.filter((j) => j.id !== job));
    expect(checkInvariant(primary, dir, undefined, [`job ${job}`]).stale).toEqual([]);
  });

  it("an unreadable snapshot is a loss of everything", () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, "descriptors/job.json"), "{");
    expect(losses(dir)).toEqual([{ kind: "snapshot", id: dir, what: expect.stringMatching(/unreadable/) }]);
  });
});

describe("the leak search", () => {
  const planted = [
    { label: "token", value: TOKEN },
    { label: "secret etl/db-password", value: SAMPLE_SECRET_VALUES[0] },
  ];

  it("finds planted values in any file under the root (hidden ones too), raw or base64, and in log lines", () => {
    const root = tmpDir();
    fs.mkdirSync(path.join(root, ".snap.tmp-1/content"), { recursive: true });
    fs.writeFileSync(path.join(root, ".snap.tmp-1/content/a.py"), `x = "${SAMPLE_SECRET_VALUES[0]}"`);
    fs.writeFileSync(path.join(root, "b.json"), JSON.stringify({ v: Buffer.from(TOKEN).toString("base64") }));
    fs.writeFileSync(path.join(root, "clean.txt"), "nothing to see");
    const leaks = findLeaks([root], ["GET /x: retry", `Authorization: Bearer ${TOKEN}`], planted);
    expect(leaks).toEqual(
      expect.arrayContaining([
        { where: ".snap.tmp-1/content/a.py", secret: "secret etl/db-password (raw)" },
        { where: "b.json", secret: "token (base64)" },
        { where: "log line 2", secret: "token (raw)" },
      ]),
    );
    expect(leaks).toHaveLength(3);
  });

  it("finds nothing in a clean export of the sample and its redacted logs", async () => {
    const emu = await startEmulator({ workspace: "sample", rateLimits: false, token: TOKEN });
    const logs: string[] = [];
    const out = path.join(tmpDir(), "snap");
    await runExport({ client: client(emu, (l) => logs.push(l)), out, log: (l) => logs.push(l) });
    await emu.close();
    expect(logs.length).toBeGreaterThan(0);
    expect(findLeaks([path.dirname(out)], logs, planted)).toEqual([]);
  });
});
