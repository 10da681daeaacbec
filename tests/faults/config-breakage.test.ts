/**
 * The fault suite sees configuration: each exporter breakage the issue lists (every one gave 0 losses over
 * 40 seeds before) is injected into a real export under faults, and the invariant must report it, by
 * comparing the snapshot with the emulator's own state. Seed 14 is the sample workspace with a previous
 * snapshot (incremental path) and no mutation or persistent failure to excuse a loss; seed 3 is the small
 * generated workspace.
 */
import { ExportOptions, runExport } from "../../exporters/run";
import { planFromSeed } from "../../emulator/faults";
import { runSeed, WorkspaceKind } from "../../fault-suite/run-seed";
import { editSnapshot, removeTmpDirs, tmpDir } from "./helpers";

type Item = Record<string, unknown> & { id: string };
type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

afterAll(() => removeTmpDirs());

/** Every task of a job's settings, for_each inner tasks included. */
const tasksOf = (s: Obj): Obj[] =>
  arr(s.tasks).flatMap((t) => {
    const inner = (t.for_each_task as Obj | undefined)?.task as Obj | undefined;
    return inner ? [t, inner] : [t];
  });

/** Clusters specs anywhere in a job: job clusters and tasks' new clusters. */
const jobClusterSpecs = (s: Obj): Obj[] => [
  ...arr(s.job_clusters).map((c) => c.new_cluster as Obj),
  ...tasksOf(s).flatMap((t) => (t.new_cluster ? [t.new_cluster as Obj] : [])),
];

interface Breakage {
  name: string;
  kind: string;
  /** Edits the items in place; returns how many objects it changed (must be > 0: the breakage happened). */
  edit: (items: Item[]) => number;
  /** What the invariant must say, for at least one object. */
  expect: RegExp;
}

const BREAKAGES: Breakage[] = [
  {
    name: "every job schedule, continuous and trigger deleted",
    kind: "job",
    edit: (items) =>
      items.filter((j) => {
        const s = j.settings as Obj;
        const had = ["schedule", "continuous", "trigger"].some((k) => k in s);
        for (const k of ["schedule", "continuous", "trigger"]) delete s[k];
        return had;
      }).length,
    expect: /^job .* differs from the primary: settings\.(schedule|continuous|trigger): missing/,
  },
  {
    name: "task libraries removed",
    kind: "job",
    edit: (items) =>
      items.filter((j) => {
        const with_ = tasksOf(j.settings as Obj).filter((t) => t.libraries);
        for (const t of with_) delete t.libraries;
        return with_.length > 0;
      }).length,
    expect: /^job .* differs from the primary: settings\.tasks\[\d+\]\.libraries: missing/,
  },
  {
    name: "notebook_path rewritten",
    kind: "job",
    edit: (items) =>
      items.filter((j) => {
        const nb = tasksOf(j.settings as Obj).filter((t) => t.notebook_task);
        for (const t of nb) (t.notebook_task as Obj).notebook_path = "/Shared/somewhere-else";
        return nb.length > 0;
      }).length,
    expect:
      /^job .* differs from the primary: settings\.tasks\[\d+\]\.notebook_task\.notebook_path: "\/Shared\/somewhere-else"/,
  },
  {
    name: "cluster spark_conf and init_scripts removed",
    kind: "cluster",
    edit: (items) =>
      items.filter((c) => {
        const spec = c.spec as Obj;
        const had = "spark_conf" in spec || "init_scripts" in spec;
        delete spec.spark_conf;
        delete spec.init_scripts;
        return had;
      }).length,
    expect: /^cluster .* differs from the primary: spec\.(init_scripts|spark_conf): missing/,
  },
  {
    name: "num_workers set to 0 (clusters)",
    kind: "cluster",
    edit: (items) =>
      items.filter((c) => {
        const spec = c.spec as Obj;
        if (typeof spec.num_workers !== "number" || spec.num_workers === 0) return false;
        spec.num_workers = 0;
        return true;
      }).length,
    expect: /^cluster .* differs from the primary: spec\.num_workers: 0, the primary has [1-9]/,
  },
  {
    name: "num_workers set to 0 (job clusters)",
    kind: "job",
    edit: (items) =>
      items.filter((j) => {
        const specs = jobClusterSpecs(j.settings as Obj).filter(
          (c) => typeof c.num_workers === "number" && c.num_workers !== 0,
        );
        for (const c of specs) c.num_workers = 0;
        return specs.length > 0;
      }).length,
    expect: /^job .* differs from the primary: settings\..*num_workers: 0/,
  },
  {
    name: "an extra CAN_MANAGE grant added",
    kind: "permissions",
    edit: (items) => {
      const p = items.find((i) => String(i.id).startsWith("jobs:")) ?? items[0];
      (p.acl as Obj[]).push({ principal: { kind: "user", id: "mallory@example.com" }, level: "CAN_MANAGE" });
      return 1;
    },
    expect: /^permissions .* grant CAN_MANAGE to user mallory@example\.com not in the primary$/,
  },
  {
    name: "a notebook's language changed",
    kind: "notebook",
    edit: (items) => {
      const nb = items.find((n) => n.language === "PYTHON");
      if (nb) nb.language = "SCALA";
      return nb ? 1 : 0;
    },
    expect: /^notebook .* language SCALA, the primary's is PYTHON$/,
  },
  {
    name: "a repo's branch changed",
    kind: "repo",
    edit: (items) => {
      for (const r of items) r.branch = "some-other-branch";
      return items.length;
    },
    expect: /^repo .* differs from the primary: branch: "some-other-branch"/,
  },
  {
    name: "entitlements removed from the users",
    kind: "user",
    edit: (items) =>
      items.filter((u) => {
        const had = (u.entitlements as string[]).length > 0;
        u.entitlements = [];
        return had;
      }).length,
    expect: /^user .* differs from the primary: entitlements: 0 entries/,
  },
  {
    name: "a member added to a group",
    kind: "group",
    edit: (items) => {
      const g = items.find((x) => x.id !== "admins") ?? items[0];
      (g.members as Obj[]).push({ kind: "user", id: "mallory@example.com" });
      return 1;
    },
    expect: /^group .* member user mallory@example\.com not in the primary$/,
  },
];

const SEEDS: [number, WorkspaceKind][] = [
  [14, "sample"],
  [3, "small"],
];

describe.each(SEEDS)("seed %i (%s workspace)", (seed, workspace) => {
  const workDir = tmpDir("fault-config-");
  beforeAll(() => {
    const plan = planFromSeed(seed, { horizon: workspace === "small" ? 160 : 100 });
    expect([plan.mutations.length, plan.persistent.length]).toEqual([0, 0]);
  });

  it("a faithful export passes the configuration checks", async () => {
    const r = await runSeed(seed, { workDir, workspace });
    expect(r.losses).toEqual([]);
  }, 60000);

  // The small generated workspace has no task libraries, spark_conf, init scripts or repos to change.
  const applicable =
    workspace === "sample" ? BREAKAGES : BREAKAGES.filter((b) => !/libraries|spark_conf|repo/.test(b.name));
  it.each(applicable.map((b) => [b.name, b] as const))(
    "%s is a loss",
    async (_n, b) => {
      let changed = 0;
      const broken = async (o: ExportOptions) => {
        const s = await runExport(o);
        editSnapshot(o.out, b.kind, (items) => {
          changed = b.edit(items);
          return items;
        });
        return s;
      };
      const r = await runSeed(seed, { workDir, workspace, exporter: broken });
      expect(changed).toBeGreaterThan(0); // the breakage did happen
      expect(r.outcome).toBe("failed");
      expect(r.losses.map((l) => `${l.kind} ${l.id} ${l.what}`)).toContainEqual(
        expect.stringMatching(b.expect),
      );
    },
    60000,
  );
});

it("a library reference the export dropped still needs its DBFS file", async () => {
  const workDir = tmpDir("fault-config-dbfs-");
  const lossy = async (o: ExportOptions) => {
    const s = await runExport(o);
    let jar = "";
    editSnapshot(o.out, "job", (items) => {
      for (const j of items)
        for (const t of tasksOf(j.settings as Obj)) {
          const libs = arr(t.libraries);
          const i = libs.findIndex((l) => typeof l.jar === "string" && String(l.jar).startsWith("dbfs:/"));
          if (i >= 0 && !jar) {
            jar = String(libs[i].jar);
            libs.splice(i, 1);
          }
        }
      return items;
    });
    expect(jar).not.toBe("");
    editSnapshot(o.out, "dbfs-file", (items) => items.filter((f) => f.id !== jar));
    return s;
  };
  const r = await runSeed(14, { workDir, workspace: "sample", exporter: lossy });
  expect(r.losses).toContainEqual({
    kind: "dbfs-file",
    id: "dbfs:/FileStore/jars/etl-udfs-1.2.0.jar",
    what: "neither in the snapshot nor skipped",
  });
}, 60000);
