/**
 * Stack build benchmark: builds the secondary stack for a generated snapshot of the emulator's `large` size
 * (10,000 notebooks in 1,000 folders, 2,000 jobs, 300 clusters, 5,000 users, 500 groups) under Pulumi's
 * runtime mocks, and prints seconds and peak RSS.
 *
 *   npx tsx bench/stack-build.ts [--notebooks N --folders N --jobs N --clusters N --users N --groups N] [--json]
 *
 * The build runs in a child process so its peak RSS (process.resourceUsage().maxRSS) is its own:
 * `benchStackBuild()` is what `npm run bench` calls.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KindName, SCHEMA_VERSION } from "../kinds/common";
import { Descriptor } from "../kinds/registry";
import { canonicalJson } from "../snapshot/canonical-json";
import { descriptorFile, MANIFEST_FILE } from "../snapshot/layout";
import { resealSnapshot } from "../snapshot/seal";
import { LARGE_DEFAULTS, LargeSizes } from "../emulator/seeds/large";

// The same sizes the emulator's `large` workspace has: one table, in the emulator's seed.
export type { LargeSizes };
export const LARGE: LargeSizes = LARGE_DEFAULTS;

export type SnapshotDescriptors = Partial<{ [K in KindName]: Descriptor<K>[] }>;

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

/** Writes a valid snapshot directory (manifest sealing every file, descriptors sorted by id, content files). */
export function writeSnapshotDir(
  dir: string,
  descriptors: SnapshotDescriptors,
  contents: Record<string, string> = {},
): string {
  fs.mkdirSync(path.join(dir, "descriptors"), { recursive: true });
  const counts: Record<string, number> = {};
  for (const [kind, items] of Object.entries(descriptors) as [KindName, { id: string }[]][]) {
    const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const text = canonicalJson({ kind, schemaVersion: SCHEMA_VERSION, items: sorted });
    fs.writeFileSync(path.join(dir, descriptorFile(kind)), text);
    counts[kind] = items.length;
  }
  for (const [rel, text] of Object.entries(contents)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.writeFileSync(
    path.join(dir, MANIFEST_FILE),
    canonicalJson({
      schemaVersion: SCHEMA_VERSION,
      tool: { name: "databricks-dr", version: "bench" },
      source: { host: "https://adb-1111111111111111.11.azuredatabricks.net" },
      exportedAt: "2026-11-25T00:00:00.000Z",
      counts,
      skipped: [],
      secretsNeeded: [],
      filters: {},
      files: {},
    }),
  );
  // The manifest lists every file written above (sha256 and size): a reader refuses anything else.
  resealSnapshot(dir);
  return dir;
}

/** A content file and its reference, as the exporter writes them. */
export function content(contents: Record<string, string>, file: string, text: string) {
  contents[file] = text;
  return { file, sha256: sha256(text), size: Buffer.byteLength(text) };
}

/**
 * A workspace of the given size, shaped like the emulator's `large`: user home folders and shared project
 * folders holding notebooks, jobs of several tasks on job clusters and existing clusters, ACLs on jobs,
 * clusters, folders and some notebooks, groups with members.
 */
export function generateLargeSnapshot(dir: string, sizes: LargeSizes = LARGE): string {
  const contents: Record<string, string> = {};
  const d: SnapshotDescriptors = {};
  const user = (i: number) => `user${i}@example.com`;
  d.user = Array.from({ length: sizes.users }, (_, i) => ({
    id: user(i),
    userName: user(i),
    displayName: `User ${i}`,
    active: true,
    entitlements: i % 10 === 0 ? ["allow-cluster-create"] : [],
    roles: [],
  }));
  d["service-principal"] = Array.from({ length: 20 }, (_, i) => {
    const appId = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    return {
      id: appId,
      applicationId: appId,
      displayName: `sp-${i}`,
      active: true,
      entitlements: [],
      roles: [],
    };
  });
  d.group = Array.from({ length: sizes.groups }, (_, g) => ({
    id: `group-${g}`,
    displayName: `group-${g}`,
    members: [
      ...Array.from({ length: Math.max(1, Math.floor(sizes.users / sizes.groups)) }, (_, k) => ({
        kind: "user" as const,
        id: user((g * 7 + k) % sizes.users),
      })),
      ...(g > 0 && g % 10 === 0 ? [{ kind: "group" as const, id: `group-${g - 1}` }] : []),
    ],
    entitlements: g % 5 === 0 ? ["workspace-access", "databricks-sql-access"] : [],
    roles: [],
  }));

  const folder = (f: number) =>
    f % 4 === 0 ? `/Shared/project-${Math.floor(f / 4)}` : `/Users/${user(f % sizes.users)}/folder-${f}`;
  d.directory = Array.from({ length: sizes.folders }, (_, f) => ({ id: folder(f), path: folder(f) }));
  const langs = ["PYTHON", "SCALA", "SQL", "R"] as const;
  const ext = { PYTHON: ".py", SCALA: ".scala", SQL: ".sql", R: ".r" } as const;
  const nbPath = (n: number) => `${folder(n % sizes.folders)}/notebook-${n}`;
  d.notebook = Array.from({ length: sizes.notebooks }, (_, n) => {
    const language = langs[n % 4];
    const p = nbPath(n);
    return {
      id: p,
      path: p,
      language,
      content: content(contents, `content/workspace${p}${ext[language]}`, `// notebook ${n}\nprint(${n})\n`),
    };
  });
  d["workspace-file"] = [
    {
      id: "/Shared/queries/report.sql",
      path: "/Shared/queries/report.sql",
      content: content(contents, "content/workspace/Shared/queries/report.sql", "SELECT 1;\n"),
    },
  ];
  d["dbfs-file"] = Array.from({ length: 5 }, (_, i) => ({
    id: `dbfs:/databricks/init/script-${i}.sh`,
    path: `/databricks/init/script-${i}.sh`,
    content: content(contents, `content/dbfs/databricks/init/script-${i}.sh`, `#!/bin/bash\necho ${i}\n`),
  }));
  d["cluster-policy"] = Array.from({ length: 10 }, (_, i) => ({
    id: `POLICY${i}`,
    name: `policy-${i}`,
    definition: JSON.stringify({ spark_version: { type: "unlimited" } }),
  }));
  d["instance-pool"] = Array.from({ length: 5 }, (_, i) => ({
    id: `0101-pool-${i}`,
    name: `pool-${i}`,
    spec: {
      node_type_id: "Standard_DS3_v2",
      min_idle_instances: 2,
      idle_instance_autotermination_minutes: 30,
    },
  }));
  const clusterId = (c: number) => `0101-000000-clus${String(c).padStart(4, "0")}`;
  d.cluster = Array.from({ length: sizes.clusters }, (_, c) => ({
    id: clusterId(c),
    name: `cluster-${c}`,
    source: c % 3 === 0 ? ("API" as const) : ("UI" as const),
    pinned: c % 5 === 0,
    spec: {
      spark_version: "15.4.x-scala2.12",
      node_type_id: "Standard_DS3_v2",
      autoscale: { min_workers: 1, max_workers: 4 },
      autotermination_minutes: 120,
      spark_conf: { "spark.databricks.delta.preview.enabled": "true" },
      custom_tags: { team: `team-${c % 7}` },
      policy_id: `POLICY${c % 10}`,
      ...(c % 4 === 0 ? { instance_pool_id: `0101-pool-${c % 5}` } : {}),
      init_scripts: [{ dbfs: { destination: `dbfs:/databricks/init/script-${c % 5}.sh` } }],
    },
    libraries: [{ pypi: { package: "requests==2.32.0" } }, { maven: { coordinates: "com.example:lib:1.0" } }],
  }));
  d["sql-warehouse"] = Array.from({ length: 5 }, (_, i) => ({
    id: `wh${i}abcdef`,
    name: `warehouse-${i}`,
    spec: { cluster_size: "Small", min_num_clusters: 1, max_num_clusters: 2, auto_stop_mins: 60 },
  }));
  d.job = Array.from({ length: sizes.jobs }, (_, j) => {
    const paused = j % 3 === 0 ? "PAUSED" : "UNPAUSED";
    const settings: Record<string, unknown> = {
      name: `job-${j}`,
      max_concurrent_runs: 1,
      job_clusters: [
        {
          job_cluster_key: "main",
          new_cluster: {
            spark_version: "15.4.x-scala2.12",
            node_type_id: "Standard_DS3_v2",
            num_workers: 2,
            policy_id: `POLICY${j % 10}`,
          },
        },
      ],
      tasks: [
        {
          task_key: "ingest",
          job_cluster_key: "main",
          notebook_task: {
            notebook_path: nbPath(j * 5),
            base_parameters: { day: "{{job.start_time.iso_date}}" },
          },
        },
        {
          task_key: "transform",
          depends_on: [{ task_key: "ingest" }],
          existing_cluster_id: clusterId(j % sizes.clusters),
          notebook_task: { notebook_path: nbPath(j * 5 + 1) },
          libraries: [{ jar: `dbfs:/databricks/init/script-${j % 5}.sh` }],
        },
        {
          task_key: "report",
          depends_on: [{ task_key: "transform" }],
          sql_task: {
            warehouse_id: `wh${j % 5}abcdef`,
            file: { path: "/Shared/queries/report.sql", source: "WORKSPACE" },
          },
        },
      ],
      schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: paused },
      email_notifications: { on_failure: ["oncall@example.com"] },
    };
    return { id: String(j + 1), name: `job-${j}`, settings, originalPause: { schedule: paused } };
  });
  d["global-init-script"] = [
    {
      id: "monitoring",
      name: "monitoring",
      enabled: true,
      position: 0,
      content: content(contents, "content/global-init-scripts/monitoring.sh", "#!/bin/bash\n"),
    },
  ];
  d["secret-scope"] = Array.from({ length: 10 }, (_, i) => ({
    id: `scope-${i}`,
    name: `scope-${i}`,
    backend: "DATABRICKS" as const,
    keys: ["key-a", "key-b"],
    acls: [{ principal: `group-${i}`, permission: "READ" as const }],
  }));
  d["workspace-conf"] = [{ id: "workspace-conf", values: { enableIpAccessLists: "false" } }];
  const acl = (i: number) => [
    { principal: { kind: "group" as const, id: `group-${i % sizes.groups}` }, level: "CAN_MANAGE_RUN" },
    { principal: { kind: "user" as const, id: user(i % sizes.users) }, level: "IS_OWNER" },
  ];
  d.permissions = [
    ...d.job.map((j, i) => ({
      id: `jobs:${j.id}`,
      objectType: "jobs" as const,
      objectId: j.id,
      acl: acl(i),
    })),
    ...d.cluster.map((c, i) => ({
      id: `clusters:${c.id}`,
      objectType: "clusters" as const,
      objectId: c.id,
      acl: [{ principal: { kind: "group" as const, id: `group-${i % sizes.groups}` }, level: "CAN_RESTART" }],
    })),
    ...d.directory.map((f, i) => ({
      id: `directories:${f.id}`,
      objectType: "directories" as const,
      objectId: f.id,
      acl: [{ principal: { kind: "group" as const, id: `group-${i % sizes.groups}` }, level: "CAN_EDIT" }],
    })),
    ...d.notebook
      .filter((_, i) => i % 10 === 0)
      .map((n, i) => ({
        id: `notebooks:${n.id}`,
        objectType: "notebooks" as const,
        objectId: n.id,
        acl: [{ principal: { kind: "user" as const, id: user(i % sizes.users) }, level: "CAN_RUN" }],
      })),
  ];
  return writeSnapshotDir(dir, d, contents);
}

export interface StackBuildResult {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  resources: number;
  sizes: LargeSizes;
}

/** In this process: mocks, then the program for the snapshot, until every registration has settled. */
export async function buildStackUnderMocks(
  snapshotDir: string,
): Promise<{ buildSeconds: number; resources: number }> {
  const pulumi = await import("@pulumi/pulumi");
  let resources = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        resources++;
        const state: Record<string, unknown> = { ...a.inputs };
        if (a.type === "azure-native:databricks:Workspace")
          state.workspaceUrl = "adb-2.2.azuredatabricks.net";
        if (a.type.endsWith(":UserBatch") || a.type.endsWith(":GroupBatch"))
          state.ids = Object.fromEntries(
            Object.keys((a.inputs.principals ?? {}) as object).map((u, i) => [u, `p${i}`]),
          );
        if (a.type.endsWith(":JobBatch"))
          state.ids = Object.fromEntries(
            Object.keys((a.inputs.jobs ?? {}) as object).map((j, i) => [j, String(i + 1)]),
          );
        return { id: `${a.name}-id`, state };
      },
      call: (a) => {
        if (a.token === "azuread:index/getUsers:getUsers")
          return {
            users: ((a.inputs.userPrincipalNames ?? []) as string[]).map((u) => ({
              userPrincipalName: u,
              mail: u,
            })),
          };
        if (a.token === "azuread:index/getServicePrincipals:getServicePrincipals")
          return {
            servicePrincipals: ((a.inputs.clientIds ?? []) as string[]).map((clientId) => ({ clientId })),
          };
        return { ...a.inputs, id: "builtin" };
      },
    },
    "databricks-dr",
    "secondary",
    false,
  );
  const { parseStackConfig } = await import("../components/config/parse");
  const { runProgram } = await import("../components/program");
  const t0 = process.hrtime.bigint();
  const config = parseStackConfig({
    project: "databricks-dr",
    stack: "secondary",
    values: { role: "secondary", location: "westus", snapshotPath: snapshotDir },
  });
  await runProgram(config);
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { buildSeconds: Number(process.hrtime.bigint() - t0) / 1e9, resources };
}

/** Generates the snapshot, builds it in a child process, and returns its figures. */
export function benchStackBuild(sizes: LargeSizes = LARGE): StackBuildResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbdr-stack-bench-"));
  try {
    generateLargeSnapshot(dir, sizes);
    const child = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", dir], {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    if (child.status !== 0) throw new Error(`stack build failed:\n${child.stderr}`);
    const line = child.stdout.trim().split("\n").pop()!;
    const r = JSON.parse(line) as Omit<StackBuildResult, "sizes">;
    return { ...r, sizes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function parseSizes(argv: string[]): LargeSizes {
  const sizes = { ...LARGE };
  for (const k of Object.keys(sizes) as (keyof LargeSizes)[]) {
    const i = argv.indexOf(`--${k}`);
    if (i >= 0) sizes[k] = Number(argv[i + 1]);
  }
  return sizes;
}

async function main(argv: string[]): Promise<void> {
  const childAt = argv.indexOf("--child");
  if (childAt >= 0) {
    const t0 = process.hrtime.bigint();
    const { resources } = await buildStackUnderMocks(argv[childAt + 1]);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage();
    // Seconds include loading the Pulumi SDKs and providers: what `pulumi preview` pays too. CPU seconds
    // tell the cost apart from waiting for a shared machine's cores.
    console.log(
      JSON.stringify({
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        resources,
      }),
    );
    return;
  }
  const r = benchStackBuild(parseSizes(argv));
  if (argv.includes("--json")) {
    console.log(
      JSON.stringify({ metric: "stack_build_seconds", value: Number(r.seconds.toFixed(2)), ...r.sizes }),
    );
    console.log(
      JSON.stringify({ metric: "stack_build_cpu_seconds", value: Number(r.cpuSeconds.toFixed(2)) }),
    );
    console.log(JSON.stringify({ metric: "stack_build_peak_rss_mb", value: Math.round(r.peakRssMb) }));
    console.log(JSON.stringify({ metric: "stack_build_resources", value: r.resources }));
  } else {
    console.log(
      `stack build (${Object.entries(r.sizes)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}): ` +
        `${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} s CPU), peak RSS ${Math.round(r.peakRssMb)} MB, ` +
        `${r.resources} resources`,
    );
  }
}

if (require.main === module)
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
