import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulator } from "../../emulator";
import { SAMPLE_SECRET_VALUES } from "../../emulator/seeds/sample";
import { KIND_NAMES } from "../../kinds/common";
import { REPLICATED_CLUSTER_SOURCES } from "../../kinds/cluster/schema";
import { readSnapshot } from "../../snapshot/reader";
import { ExportSummary } from "../../exporters/run";
import { clientFor, descriptors, emulator, exportOnce, manifest, readTree, TOKEN, tmpDir } from "./helpers";
import { runExport } from "../../exporters/run";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("export of the sample workspace", () => {
  let emu: RunningEmulator;
  let out: string;
  let summary: ExportSummary;
  let logs: string[];

  beforeAll(async () => {
    emu = await emulator();
    out = path.join(tmpDir(), "snap");
    logs = [];
    summary = await exportOnce(emu, out, { log: (l) => logs.push(l) });
  });
  afterAll(() => emu.close());

  it("exports every kind and reads back valid", () => {
    const snap = readSnapshot(out);
    for (const k of KIND_NAMES) expect([k, snap.manifest.counts[k]]).toEqual([k, expect.any(Number)]);
    for (const k of KIND_NAMES) expect([k, snap.descriptors[k].length > 0]).toEqual([k, true]);
    expect(snap.manifest.source.host).toBe(emu.url);
    expect(snap.manifest.exportedAt).toBe("2026-01-01T00:00:00.000Z");
  });

  it("identities: every user, group (by its SCIM id) and service principal, members by source id", () => {
    const { state } = emu;
    expect(
      descriptors(out, "user")
        .map((u) => u.id)
        .sort(),
    ).toEqual([...state.users.values()].map((u) => u.userName).sort());
    expect(
      descriptors(out, "group")
        .map((g) => g.id)
        .sort(),
    ).toEqual([...state.groups.values()].map((g) => String(g.id)).sort());
    expect(
      descriptors(out, "service-principal")
        .map((s) => s.id)
        .sort(),
    ).toEqual([...state.servicePrincipals.values()].map((s) => s.applicationId).sort());
    for (const g of descriptors(out, "group")) {
      const raw = state.groups.get(g.id)!;
      expect(g.displayName).toBe(raw.displayName);
      expect(g.members).toHaveLength((raw.members ?? []).length);
    }
  });

  it("workspace tree: every folder, notebook (SOURCE bytes) and file outside repos", () => {
    const { state } = emu;
    const repoPaths = [...state.repos.values()].map((r) => r.path as string);
    const inRepo = (p: string) => repoPaths.some((r) => p === r || p.startsWith(r + "/"));
    const nodes = [...state.tree.walk("/")].filter((n) => !inRepo(n.path));
    const dirs = nodes
      .filter((n) => n.object_type === "DIRECTORY")
      .map((n) => n.path)
      .sort();
    expect(descriptors(out, "directory").map((d) => d.id)).toEqual(dirs);
    for (const type of ["NOTEBOOK", "FILE"] as const) {
      const kind = type === "NOTEBOOK" ? "notebook" : "workspace-file";
      const want = nodes.filter((n) => n.object_type === type);
      const got = descriptors(out, kind);
      expect(got.map((d) => d.id)).toEqual(want.map((n) => n.path).sort());
      for (const d of got) {
        const bytes = fs.readFileSync(path.join(out, d.content.file));
        expect(d.content).toMatchObject({ sha256: sha(bytes), size: bytes.length });
        // The emulator holds a notebook as its SOURCE export, so both kinds compare byte for byte.
        expect([d.id, bytes.equals(state.contentOf(state.tree.get(d.id)!))]).toEqual([d.id, true]);
      }
    }
    expect(descriptors(out, "repo").map((r) => r.id)).toEqual(repoPaths.sort());
  });

  it("compute: replicated clusters with libraries, others skipped with cluster_source; policies, pools, warehouses", () => {
    const { state } = emu;
    const all = [...state.clusters.values()];
    const replicated = all.filter((c) =>
      (REPLICATED_CLUSTER_SOURCES as readonly string[]).includes(c.cluster_source),
    );
    expect(descriptors(out, "cluster").map((c) => c.id)).toEqual(replicated.map((c) => c.cluster_id).sort());
    const others = all.filter((c) => !replicated.includes(c));
    expect(others.length).toBeGreaterThan(0);
    for (const c of others)
      expect(summary.skipped).toContainEqual({
        kind: "cluster",
        id: c.cluster_id,
        reason: expect.stringContaining(`cluster_source ${c.cluster_source}`),
      });
    for (const c of descriptors(out, "cluster"))
      for (const f of [
        "state",
        "driver",
        "executors",
        "default_tags",
        "cluster_source",
        "spark_context_id",
        "start_time",
      ])
        expect(c.spec).not.toHaveProperty(f);
    expect(descriptors(out, "cluster").some((c) => c.libraries.length > 0)).toBe(true);
    expect(descriptors(out, "cluster-policy")).toHaveLength(state.policies.size);
    expect(descriptors(out, "instance-pool")).toHaveLength(state.pools.size);
    expect(descriptors(out, "sql-warehouse")).toHaveLength(state.warehouses.size);
    for (const w of descriptors(out, "sql-warehouse"))
      for (const f of ["state", "health", "jdbc_url", "odbc_params"]) expect(w.spec).not.toHaveProperty(f);
  });

  it("jobs keep settings and each trigger's original pause; DBFS files they and clusters need are copied", () => {
    const { state } = emu;
    const jobs = descriptors(out, "job");
    expect(jobs.map((j) => j.id).sort()).toEqual([...state.jobs.keys()].map(String).sort());
    for (const j of jobs) {
      const raw = state.jobs.get(Number(j.id))!;
      for (const t of ["schedule", "continuous", "trigger"]) {
        if (!raw.settings[t]) expect(j.originalPause[t]).toBeUndefined();
        else
          expect(j.originalPause[t]).toBe(raw.settings[t].pause_status === "PAUSED" ? "PAUSED" : "UNPAUSED");
      }
      expect(j.settings.tasks).toEqual(raw.settings.tasks);
    }
    const pauses = jobs.flatMap((j) => Object.values(j.originalPause));
    expect(pauses).toEqual(expect.arrayContaining(["PAUSED", "UNPAUSED"]));
    for (const f of descriptors(out, "dbfs-file")) {
      const bytes = fs.readFileSync(path.join(out, f.content.file));
      expect(bytes.equals(state.dbfs.get(f.path)!.data!)).toBe(true);
    }
    expect(descriptors(out, "dbfs-file").map((f) => f.id)).toContain(
      "dbfs:/databricks/init/legacy-global.sh",
    );
  });

  it("init scripts, secret scopes, permissions: content copied, values never, inherited grants dropped", () => {
    const { state } = emu;
    for (const g of descriptors(out, "global-init-script")) {
      const raw = [...state.globalInitScripts.values()].find((s) => s.name === g.id)!;
      expect(fs.readFileSync(path.join(out, g.content.file)).toString("base64")).toBe(raw.script);
    }
    const scopes = descriptors(out, "secret-scope");
    expect(scopes.map((s) => s.backend).sort()).toEqual(["AZURE_KEYVAULT", "DATABRICKS"]);
    const dbScopes = scopes.filter((s) => s.backend === "DATABRICKS");
    expect(manifest(out).secretsNeeded).toEqual(
      dbScopes.flatMap((s) => s.keys.map((key: string) => ({ scope: s.name, key }))),
    );
    const perms = descriptors(out, "permissions");
    expect(new Set(perms.map((p) => p.objectType)).size).toBeGreaterThanOrEqual(8);
    const raw = JSON.stringify(perms);
    expect(raw).not.toContain("inherited");
  });

  it("never writes a secret value or the token into the snapshot or the logs", () => {
    expect(SAMPLE_SECRET_VALUES.length).toBeGreaterThan(0);
    const everything =
      [...readTree(out).values()].map((b) => b.toString("latin1")).join("\n") + logs.join("\n");
    for (const secret of [...SAMPLE_SECRET_VALUES, TOKEN]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(Buffer.from(secret).toString("base64"));
    }
  });

  it("is deterministic: a second export is byte-identical, and only exportedAt changes otherwise", async () => {
    const again = path.join(tmpDir(), "snap");
    await exportOnce(emu, again);
    expect(readTree(again)).toEqual(readTree(out));
    const third = path.join(tmpDir(), "snap");
    await runExport({ client: clientFor(emu), out: third });
    const a = readTree(out);
    const b = readTree(third);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [f, bytes] of a)
      if (f !== "manifest.json") expect([f, b.get(f)!.equals(bytes)]).toEqual([f, true]);
    // The manifest dates the run that read the ACLs (acl.readAt): that is exportedAt too.
    const undated = (m: ReturnType<typeof manifest>) => ({
      ...m,
      exportedAt: "x",
      acl: { ...m.acl, oldestReadAt: "x", readAt: "x" },
    });
    expect(undated(manifest(third))).toEqual(undated(manifest(out)));
  });
});

describe("filters", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  it("include/exclude kinds: only the chosen descriptor files are written", async () => {
    const out = path.join(tmpDir(), "snap");
    const s = await exportOnce(emu, out, {
      filters: { includeKinds: ["job", "cluster", "permissions"], excludeKinds: ["cluster"] },
    });
    expect(Object.keys(s.counts).sort()).toEqual(["job", "permissions"]);
    expect(fs.readdirSync(path.join(out, "descriptors")).sort()).toEqual(["job.json", "permissions.json"]);
    expect(
      descriptors(out, "permissions").every((p) =>
        ["jobs", "authorization/tokens", "authorization/passwords"].includes(p.objectType),
      ),
    ).toBe(true);
    expect(manifest(out).filters).toEqual({
      includeKinds: ["job", "cluster", "permissions"],
      excludeKinds: ["cluster"],
    });
  });

  it("include/exclude workspace paths apply to the tree, its content and its permissions", async () => {
    const out = path.join(tmpDir(), "snap");
    await exportOnce(emu, out, {
      filters: {
        includeKinds: ["directory", "notebook", "workspace-file", "repo", "permissions"],
        includePaths: ["/Shared"],
        excludePaths: ["/Shared/reports"],
      },
    });
    const ids = ["directory", "notebook", "workspace-file"].flatMap((k) =>
      descriptors(out, k).map((d) => d.id as string),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids)
      expect(id === "/Shared" || (id.startsWith("/Shared/") && !id.startsWith("/Shared/reports"))).toBe(true);
    expect(descriptors(out, "repo")).toEqual([]);
    for (const p of descriptors(out, "permissions"))
      if (!p.objectType.startsWith("authorization/")) expect(p.objectId.startsWith("/Shared")).toBe(true);
    for (const f of readTree(out).keys())
      if (f.startsWith("content/")) expect(f.startsWith("content/workspace/Shared/")).toBe(true);
  });
});
