/**
 * Builds valid snapshot directories programmatically for tests: descriptors checked against the registry's
 * schemas as they are added, content files with real sha256, a manifest whose counts match and whose seal
 * lists every file written (so `readSnapshot` accepts it). `sampleWorkspace()` gives a small workspace with
 * every kind and the references between them.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { KIND_NAMES, KindName, Ref, SCHEMA_VERSION } from "../../kinds/common";
import { AnyDescriptor, Descriptor, KINDS } from "../../kinds/registry";
import { PERMISSION_OBJECT_TYPES, PermissionObjectType, permissionsId } from "../../kinds/permissions";
import { canonicalJson } from "../../snapshot/canonical-json";
import { descriptorFile, MANIFEST_FILE, NOTEBOOK_EXTENSIONS } from "../../snapshot/layout";
import { Manifest } from "../../snapshot/manifest";
import { sealOf } from "../../snapshot/seal";
import { setAt } from "../../verify/paths";

export interface BuilderOptions {
  host?: string;
  exportedAt?: string;
  toolVersion?: string;
}

const written: string[] = [];

/** A fresh temporary directory, removed by `removeWrittenSnapshots()`. */
export function tmpDir(prefix = "dr-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  written.push(dir);
  return dir;
}

/** Removes every directory `tmpDir` / `write()` created (call it in afterAll). */
export function removeWrittenSnapshots(): void {
  for (const d of written.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

export class SnapshotBuilder {
  private items = new Map<KindName, Map<string, AnyDescriptor>>();
  private files = new Map<string, Buffer>();
  private skippedList: Manifest["skipped"] = [];
  private secrets: Manifest["secretsNeeded"] = [];
  private manifestPatch: Partial<Manifest> = {};

  constructor(private opts: BuilderOptions = {}) {}

  /** Adds (or replaces, by id) descriptors; each is validated now, so a bad fixture fails where it is made. */
  add<K extends KindName>(kind: K, ...items: Descriptor<K>[]): this {
    const byId = this.items.get(kind) ?? new Map<string, AnyDescriptor>();
    for (const item of items) {
      const parsed = (KINDS[kind].schema as z.ZodType).safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `snapshot-builder: ${kind} ${JSON.stringify((item as { id?: unknown }).id)}: ` +
            `${issue.path.join(".")}: ${issue.message}`,
        );
      }
      byId.set((parsed.data as AnyDescriptor).id, parsed.data as AnyDescriptor);
    }
    this.items.set(kind, byId);
    return this;
  }

  get<K extends KindName>(kind: K, id: string): Descriptor<K> | undefined {
    return this.items.get(kind)?.get(id) as Descriptor<K> | undefined;
  }

  list<K extends KindName>(kind: K): Descriptor<K>[] {
    return [...(this.items.get(kind)?.values() ?? [])] as Descriptor<K>[];
  }

  /** Changes one descriptor: `fn` edits the copy it is given in place or returns a replacement. */
  update<K extends KindName>(kind: K, id: string, fn: (d: Descriptor<K>) => Descriptor<K> | void): this {
    const cur = this.get(kind, id);
    if (!cur) throw new Error(`snapshot-builder: no ${kind} ${JSON.stringify(id)} to update`);
    const copy = structuredClone(cur);
    const next = fn(copy) ?? copy;
    if (next.id !== id) this.remove(kind, id);
    return this.add(kind, next);
  }

  remove(kind: KindName, id: string): this {
    this.items.get(kind)?.delete(id);
    return this;
  }

  /** A notebook and its SOURCE content file (`content/workspace/<path>.<ext>`). */
  notebook(p: string, source: string, language: keyof typeof NOTEBOOK_EXTENSIONS = "PYTHON"): this {
    const content = this.content(`content/workspace${p}${NOTEBOOK_EXTENSIONS[language]}`, source);
    return this.add("notebook", { id: p, path: p, language, content });
  }

  workspaceFile(p: string, bytes: string | Buffer): this {
    return this.add("workspace-file", {
      id: p,
      path: p,
      content: this.content(`content/workspace${p}`, bytes),
    });
  }

  /** A DBFS file by its `dbfs:/` id, as init scripts and libraries name it. */
  dbfsFile(id: string, bytes: string | Buffer): this {
    const p = id.replace(/^dbfs:/, "");
    return this.add("dbfs-file", { id, path: p, content: this.content(`content/dbfs${p}`, bytes) });
  }

  globalInitScript(name: string, script: string, opts: { enabled?: boolean; position?: number } = {}): this {
    const content = this.content(`content/global-init-scripts/${name}.sh`, script);
    return this.add("global-init-script", {
      id: name,
      name,
      enabled: opts.enabled ?? true,
      position: opts.position ?? 0,
      content,
    });
  }

  /** Records a content file and returns its ContentRef. */
  content(file: string, bytes: string | Buffer): { file: string; sha256: string; size: number } {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "utf8");
    this.files.set(file, buf);
    return { file, sha256: sha256(buf), size: buf.length };
  }

  skip(kind: KindName, id: string, reason: string): this {
    this.skippedList.push({ kind, id, reason });
    return this;
  }

  secretNeeded(scope: string, key: string): this {
    this.secrets.push({ scope, key });
    return this;
  }

  /** Overrides manifest fields (host, exportedAt, filters, changes...). */
  manifest(patch: Partial<Manifest>): this {
    const { skipped, secretsNeeded, ...rest } = patch;
    // The lists stay open to skip() and secretNeeded() after a patch.
    if (skipped) this.skippedList = structuredClone(skipped);
    if (secretsNeeded) this.secrets = structuredClone(secretsNeeded);
    this.manifestPatch = { ...this.manifestPatch, ...rest };
    return this;
  }

  clone(): SnapshotBuilder {
    const b = new SnapshotBuilder({ ...this.opts });
    for (const [k, m] of this.items)
      b.items.set(k, new Map([...m].map(([id, d]) => [id, structuredClone(d)])));
    b.files = new Map(this.files);
    b.skippedList = structuredClone(this.skippedList);
    b.secrets = structuredClone(this.secrets);
    b.manifestPatch = structuredClone(this.manifestPatch);
    return b;
  }

  /** Writes the snapshot into `dir` (a new temporary directory by default) and returns it. */
  write(dir: string = tmpDir("snap-")): string {
    fs.mkdirSync(path.join(dir, "descriptors"), { recursive: true });
    const counts: Manifest["counts"] = {};
    for (const kind of KIND_NAMES) {
      const m = this.items.get(kind);
      if (!m) continue;
      const items = [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const text = canonicalJson({ kind, schemaVersion: SCHEMA_VERSION, items });
      fs.writeFileSync(path.join(dir, descriptorFile(kind)), text);
      counts[kind] = items.length;
    }
    for (const [file, buf] of this.files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), buf);
    }
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: "databricks-dr", version: this.opts.toolVersion ?? "0.1.0" },
      source: { host: this.opts.host ?? "https://adb-1111111111111111.11.azuredatabricks.net" },
      exportedAt: this.opts.exportedAt ?? "2026-11-25T06:00:00.000Z",
      counts,
      skipped: this.skippedList,
      secretsNeeded: this.secrets,
      filters: {},
      // Every file written above, as the exporter seals them: a reader refuses anything else.
      files: sealOf(dir),
      ...this.manifestPatch,
    };
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), canonicalJson(manifest));
    return dir;
  }
}

/** Kinds whose ids the workspace assigns: a replica gets new ones. */
export const ASSIGNED_ID_KINDS: readonly KindName[] = [
  "cluster-policy",
  "instance-pool",
  "cluster",
  "job",
  "sql-warehouse",
];

/**
 * Gives objects of `kinds` new ids, as another workspace would, and rewrites every reference to them
 * (found through the registry's `references()`), permissions ids included. Returns the old → new map.
 */
export function reassignIds(
  b: SnapshotBuilder,
  newId: (kind: KindName, oldId: string) => string,
  kinds: readonly KindName[] = ASSIGNED_ID_KINDS,
): Map<string, string> {
  const map = new Map<string, string>();
  const key = (k: KindName, id: string) => `${k}\u0000${id}`;
  for (const k of kinds) for (const d of b.list(k)) map.set(key(k, d.id), newId(k, d.id));
  for (const kind of KIND_NAMES) {
    for (const d of b.list(kind)) {
      const copy = structuredClone(d) as AnyDescriptor & Record<string, unknown>;
      const refs = (KINDS[kind].references as (x: AnyDescriptor) => Ref[])(d);
      for (const r of refs) {
        const to = map.get(key(r.kind, r.id));
        if (to !== undefined) setAt(copy, r.field, to);
      }
      if (kind === "permissions") {
        const p = copy as Descriptor<"permissions">;
        p.id = permissionsId(p.objectType, p.objectId);
      } else copy.id = map.get(key(kind, d.id)) ?? d.id;
      b.remove(kind, d.id).add(kind, copy as Descriptor<typeof kind>);
    }
  }
  return new Map([...map].map(([k, v]) => [k.split("\u0000")[1], v]));
}

export function user(userName: string, over: Partial<Descriptor<"user">> = {}): Descriptor<"user"> {
  return { id: userName, userName, active: true, entitlements: [], roles: [], ...over };
}

export function group(
  displayName: string,
  members: Descriptor<"group">["members"] = [],
  over: Partial<Descriptor<"group">> = {},
): Descriptor<"group"> {
  return { id: displayName, displayName, members, entitlements: [], roles: [], ...over };
}

export function servicePrincipal(
  applicationId: string,
  over: Partial<Descriptor<"service-principal">> = {},
): Descriptor<"service-principal"> {
  return { id: applicationId, applicationId, active: true, entitlements: [], roles: [], ...over };
}

export function directory(p: string): Descriptor<"directory"> {
  return { id: p, path: p };
}

export function cluster(
  id: string,
  name: string,
  spec: Record<string, unknown> = {},
  over: Partial<Descriptor<"cluster">> = {},
): Descriptor<"cluster"> {
  return {
    id,
    name,
    source: "UI",
    pinned: false,
    // `undefined` in `spec` removes a default (a pool-backed cluster has no node_type_id).
    spec: Object.fromEntries(
      Object.entries({
        cluster_name: name,
        spark_version: "15.4.x-scala2.12",
        node_type_id: "Standard_DS3_v2",
        num_workers: 2,
        autotermination_minutes: 60,
        ...spec,
      }).filter(([, v]) => v !== undefined),
    ),
    libraries: [],
    ...over,
  };
}

export function job(
  id: string | number,
  name: string,
  settings: Record<string, unknown> = {},
  over: Partial<Descriptor<"job">> = {},
): Descriptor<"job"> {
  const s: Record<string, unknown> = { name, tasks: [], ...settings };
  const originalPause: Descriptor<"job">["originalPause"] = {};
  for (const t of ["schedule", "continuous", "trigger"] as const) {
    const v = s[t] as { pause_status?: string } | undefined;
    if (v) originalPause[t] = v.pause_status === "PAUSED" ? "PAUSED" : "UNPAUSED";
  }
  return { id: String(id), name, settings: s, originalPause, ...over };
}

export function permissions(
  objectType: PermissionObjectType,
  objectId: string,
  acl: Descriptor<"permissions">["acl"],
): Descriptor<"permissions"> {
  return { id: permissionsId(objectType, objectId), objectType, objectId, acl };
}

export const grant = (
  kind: "user" | "group" | "service-principal",
  id: string,
  level: string,
): Descriptor<"permissions">["acl"][number] => ({ principal: { kind, id }, level });

export { PERMISSION_OBJECT_TYPES };

export const SP_APP_ID = "9f0c6a52-5b1e-4c55-a3f1-2b7de1c0a001";

/**
 * A small workspace with every kind, references among them (policy and pool behind clusters, jobs on an
 * existing cluster, a warehouse, a notebook, another job), paused and unpaused triggers, two jobs sharing a
 * name, secrets whose values are needed, skipped objects.
 */
export function sampleWorkspace(opts: BuilderOptions = {}): SnapshotBuilder {
  const alice = "alice@contoso.com";
  const bob = "bob@contoso.com";
  const b = new SnapshotBuilder(opts)
    .add(
      "user",
      user(alice, { displayName: "Alice Ng", externalId: "a1", entitlements: ["allow-cluster-create"] }),
      user(bob, { displayName: "Bob Stone", externalId: "b2" }),
      user("carol@fabrikam.com", { displayName: "Carol (guest)" }),
    )
    .add(
      "group",
      group("admins", [{ kind: "user", id: alice }]),
      group("data-eng", [
        { kind: "user", id: alice },
        { kind: "user", id: bob },
        { kind: "service-principal", id: SP_APP_ID },
      ]),
    )
    .add("service-principal", servicePrincipal(SP_APP_ID, { displayName: "etl-runner" }))
    .add("directory", directory("/Shared"), directory("/Shared/etl"), directory(`/Users/${alice}`))
    .notebook("/Shared/etl/ingest", "# Databricks notebook source\nspark.range(10).count()\n")
    .notebook("/Shared/etl/report", "-- Databricks notebook source\nSELECT 1\n", "SQL")
    .notebook(`/Users/${alice}/explore`, "// Databricks notebook source\nval x = 1\n", "SCALA")
    .workspaceFile("/Shared/etl/config.yaml", "tables: [sales]\n")
    .add("repo", {
      id: `/Repos/${alice}/pipelines`,
      path: `/Repos/${alice}/pipelines`,
      url: "https://github.com/contoso/pipelines.git",
      provider: "gitHub",
      branch: "main",
    })
    .dbfsFile("dbfs:/databricks/init/install-deps.sh", "#!/bin/bash\npip install contoso-utils\n")
    .dbfsFile("dbfs:/FileStore/jars/udfs.jar", Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))
    .add("cluster-policy", {
      id: "E0631F5C0D000001",
      name: "Shared compute",
      definition: JSON.stringify({
        "spark_conf.spark.databricks.cluster.profile": { type: "fixed", value: "serverless" },
        autotermination_minutes: { type: "range", maxValue: 120 },
      }),
      maxClustersPerUser: 2,
    })
    .add("instance-pool", {
      id: "1101-120000-pool-warm",
      name: "warm-pool",
      spec: {
        instance_pool_name: "warm-pool",
        node_type_id: "Standard_DS4_v2",
        min_idle_instances: 2,
        idle_instance_autotermination_minutes: 30,
        preloaded_spark_versions: ["15.4.x-scala2.12"],
      },
    })
    .add(
      "cluster",
      cluster(
        "0923-164208-shared01",
        "shared-analytics",
        {
          policy_id: "E0631F5C0D000001",
          autoscale: { min_workers: 2, max_workers: 8 },
          num_workers: undefined,
          autotermination_minutes: 120,
          init_scripts: [{ dbfs: { destination: "dbfs:/databricks/init/install-deps.sh" } }],
        },
        {
          pinned: true,
          libraries: [
            { pypi: { package: "great-expectations==0.18.0" } },
            { jar: "dbfs:/FileStore/jars/udfs.jar" },
          ],
        },
      ),
      cluster("1101-000000-pooled01", "pooled-etl", {
        instance_pool_id: "1101-120000-pool-warm",
        node_type_id: undefined,
        num_workers: 4,
        autotermination_minutes: 0,
      }),
      cluster(
        "1102-000000-single01",
        "alice-single-node",
        { node_type_id: "Standard_D8s_v3", num_workers: 0, single_user_name: alice },
        { source: "API" },
      ),
    )
    .add("sql-warehouse", {
      id: "a1b2c3d4e5f60718",
      name: "reporting",
      spec: { name: "reporting", cluster_size: "Small", auto_stop_mins: 15, max_num_clusters: 2 },
    })
    .add(
      "job",
      job(101, "nightly-ingest", {
        schedule: { quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC", pause_status: "UNPAUSED" },
        tasks: [
          {
            task_key: "ingest",
            existing_cluster_id: "0923-164208-shared01",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
          {
            task_key: "report",
            depends_on: [{ task_key: "ingest" }],
            sql_task: { warehouse_id: "a1b2c3d4e5f60718", query: { query_id: "q-1" } },
          },
        ],
      }),
      job(102, "hourly-report", {
        schedule: { quartz_cron_expression: "0 0 * * * ?", timezone_id: "UTC", pause_status: "PAUSED" },
        tasks: [
          {
            task_key: "main",
            existing_cluster_id: "0923-164208-shared01",
            notebook_task: { notebook_path: "/Shared/etl/report" },
          },
        ],
      }),
      job(103, "on-file-arrival", {
        trigger: { file_arrival: { url: "abfss://landing@contosodr.dfs.core.windows.net/in/" } },
        job_clusters: [
          {
            job_cluster_key: "etl",
            new_cluster: {
              spark_version: "15.4.x-scala2.12",
              policy_id: "E0631F5C0D000001",
              instance_pool_id: "1101-120000-pool-warm",
              num_workers: 2,
            },
          },
        ],
        tasks: [
          {
            task_key: "load",
            job_cluster_key: "etl",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
        ],
      }),
      job(104, "nightly-ingest", {
        continuous: { pause_status: "UNPAUSED" },
        tasks: [
          {
            task_key: "stream",
            existing_cluster_id: "1101-000000-pooled01",
            notebook_task: { notebook_path: "/Shared/etl/ingest" },
          },
        ],
      }),
      job(105, "orchestrator", {
        tasks: [{ task_key: "run-ingest", run_job_task: { job_id: 101 } }],
      }),
    )
    .globalInitScript("datadog-agent", "#!/bin/bash\necho install agent\n")
    .add(
      "secret-scope",
      {
        id: "etl",
        name: "etl",
        backend: "DATABRICKS",
        keys: ["api-key", "db-password"],
        acls: [{ principal: "data-eng", permission: "READ" }],
      },
      {
        id: "kv-prod",
        name: "kv-prod",
        backend: "AZURE_KEYVAULT",
        keyVault: {
          resourceId: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod",
          dnsName: "https://kv-prod.vault.azure.net/",
        },
        keys: [],
        acls: [],
      },
    )
    .secretNeeded("etl", "api-key")
    .secretNeeded("etl", "db-password")
    .add("workspace-conf", {
      id: "workspace-conf",
      values: { enableIpAccessLists: "false", maxTokenLifetimeDays: "90" },
    })
    .add(
      "permissions",
      permissions("jobs", "101", [
        grant("user", alice, "IS_OWNER"),
        grant("group", "data-eng", "CAN_MANAGE_RUN"),
      ]),
      permissions("jobs", "104", [grant("user", bob, "IS_OWNER")]),
      permissions("clusters", "0923-164208-shared01", [grant("group", "data-eng", "CAN_RESTART")]),
      permissions("cluster-policies", "E0631F5C0D000001", [grant("group", "data-eng", "CAN_USE")]),
      permissions("instance-pools", "1101-120000-pool-warm", [grant("group", "data-eng", "CAN_ATTACH_TO")]),
      permissions("notebooks", "/Shared/etl/ingest", [grant("service-principal", SP_APP_ID, "CAN_RUN")]),
      permissions("directories", "/Shared/etl", [grant("group", "data-eng", "CAN_EDIT")]),
      permissions("sql/warehouses", "a1b2c3d4e5f60718", [grant("group", "data-eng", "CAN_USE")]),
      permissions("authorization/tokens", "tokens", [grant("group", "data-eng", "CAN_USE")]),
    )
    .skip("cluster", "0101-020000-jobclus1", "cluster_source JOB: created by a job run, recreated by its job")
    .skip("notebook", "/Users/bob@contoso.com/huge-model", "MAX_NOTEBOOK_SIZE_EXCEEDED: export over 10 MB");
  return b;
}
