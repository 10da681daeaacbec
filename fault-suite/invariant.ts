import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { FaultJournal } from "../emulator/faults";
import { KindName } from "../kinds/common";
import { PermissionObjectType } from "../kinds/permission-types";
import { permissionsId } from "../kinds/permissions/schema";
import { resolveInside } from "../snapshot/layout";
import { readSnapshot, Snapshot } from "../snapshot/reader";
import { checkConfiguration } from "./config-check";
import { Fingerprint, Primary, PrimaryNode } from "./primary";
import { ucByName, ucDifferences } from "./truth-uc";
import { dashboardDifferences } from "./truth-dashboards";
import { mlflowDifferences } from "./truth-mlflow";
import { servingDifferences } from "./truth-serving";
import { ipListDifferences, pipelineDifferences } from "./truth-pipelines-ip";
import { ACL_BY_ID, aclDifferences, scopeDifferences } from "./truth-grants-secrets";
import type { Obj } from "../emulator/state/types";

/** One object of the primary that the snapshot neither holds (intact) nor explains. */
export interface Loss {
  kind: KindName | "snapshot";
  id: string;
  what: string;
}

export interface Verdict {
  losses: Loss[];
  /** Objects of the primary looked for. */
  checked: number;
  /** Absent, but in `skipped` with a reason (or under a skipped folder, or listed as removed). */
  explained: number;
  /** Deleted or renamed mid-run before any listing showed them: the export could not know of them. */
  unseen: number;
  /** Objects deleted before the run that the snapshot still holds, or whose removal it does not record. */
  stale: string[];
}

const NODE_KIND: Record<PrimaryNode["type"], KindName> = {
  DIRECTORY: "directory",
  NOTEBOOK: "notebook",
  FILE: "workspace-file",
  LIBRARY: "workspace-file",
};
const NODE_PERMISSION_TYPE: Record<string, PermissionObjectType> = {
  DIRECTORY: "directories",
  NOTEBOOK: "notebooks",
  FILE: "files",
};

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) out.push(path.slice(0, i));
  return out;
}

/**
 * The fault suite's invariant: every object the primary held when the export started is in the snapshot
 * (content byte-identical to what the API exports) or in `skipped` with a reason. Objects the fault plan
 * deleted or renamed mid-run may also be absent when no intact listing ever showed them to the client.
 * Details that would be lost inside an object (group members, job tasks, secret keys, grants, cluster
 * libraries, workspace settings) count as losses too, and so does any configuration that differs from the
 * primary's own state (fault-suite/config-check.ts): job settings, cluster, pool, policy, warehouse and repo
 * specs, notebook languages; grants and group members are compared as exact sets.
 */
export function checkInvariant(
  primary: Primary,
  snapshotDir: string,
  journal?: FaultJournal,
  /** `kind id` of objects deleted since the previous snapshot: they must be gone, and listed as removed. */
  deletedBefore: string[] = [],
): Verdict {
  const verdict: Verdict = { losses: [], checked: 0, explained: 0, unseen: 0, stale: [] };
  let snap: Snapshot;
  try {
    snap = readSnapshot(snapshotDir);
  } catch (e) {
    verdict.losses.push({ kind: "snapshot", id: snapshotDir, what: `unreadable: ${(e as Error).message}` });
    return verdict;
  }
  const lose = (kind: KindName, id: string, what: string) => verdict.losses.push({ kind, id, what });

  // What the manifest explains: skips per kind (ids as written, JSON-escaped for odd names) and removals.
  const skipped = new Map<string, Set<string>>();
  for (const s of snap.manifest.skipped) {
    let set = skipped.get(s.kind);
    if (!set) skipped.set(s.kind, (set = new Set()));
    set.add(s.id);
  }
  const isSkipped = (kind: KindName, id: string) => {
    const set = skipped.get(kind);
    return !!set && (set.has("*") || set.has(id) || set.has(JSON.stringify(id).slice(1, -1)));
  };
  const isRemoved = (kind: KindName, id: string) => !!snap.manifest.changes?.[kind]?.removed.includes(id);
  const explained = (kind: KindName, ids: string[], workspace = false) =>
    ids.some(
      (id) => isSkipped(kind, id) || (workspace && ancestors(id).some((a) => isSkipped("directory", a))),
    );
  // "Removed" explains an absence only when the object was in fact deleted or renamed: an object that still
  // exists and is recorded as removed is a loss dressed up as a deletion.
  const removed = (kind: KindName, ids: string[], workspace = false) =>
    ids.some(
      (id) => isRemoved(kind, id) || (workspace && ancestors(id).some((a) => isRemoved("directory", a))),
    );
  const byId = <K extends KindName>(kind: K) => {
    const m = new Map<string, (typeof snap.descriptors)[K][number]>();
    for (const d of snap.descriptors[kind]) m.set(d.id, d);
    return m;
  };

  const contentOk = (
    kind: KindName,
    id: string,
    ref: { file: string; sha256: string; size: number },
    want?: Fingerprint,
  ) => {
    if (!want) return;
    if (ref.sha256 !== want.sha256 || ref.size !== want.size) {
      lose(kind, id, `content differs from the primary's (${ref.size} bytes, want ${want.size})`);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(resolveInside(snapshotDir, ref.file));
    } catch (e) {
      lose(kind, id, `content file ${ref.file} cannot be read (${(e as NodeJS.ErrnoException).code})`);
      return;
    }
    if (bytes.length !== want.size || createHash("sha256").update(bytes).digest("hex") !== want.sha256)
      lose(kind, id, `content file ${ref.file} does not hold the primary's bytes`);
  };

  /** Present → checked by `inspect`; absent → explained, unseen (mutated, never listed) or lost. */
  const expect = <T>(
    kind: KindName,
    ids: string[],
    found: Map<string, T>,
    opts: {
      workspace?: boolean;
      mutated?: boolean;
      revealed?: boolean;
      inspect?: (d: T, id: string) => void;
    } = {},
  ): T | undefined => {
    verdict.checked++;
    for (const id of ids) {
      const d = found.get(id);
      if (d !== undefined) {
        opts.inspect?.(d, id);
        return d;
      }
    }
    if (explained(kind, ids, opts.workspace)) verdict.explained++;
    else if (opts.mutated && removed(kind, ids, opts.workspace)) verdict.explained++;
    else if (opts.mutated && !opts.revealed) verdict.unseen++;
    else
      lose(
        kind,
        ids.join(" | "),
        opts.mutated
          ? "changed mid-run, listed, then neither exported nor skipped"
          : removed(kind, ids, opts.workspace)
            ? "recorded as removed, but the primary still holds it"
            : "neither in the snapshot nor skipped",
      );
    return undefined;
  };

  // Mutations: every name an object had during the run; which objects and jobs were touched.
  const names = new Map<number, string[]>();
  const touched = new Set<number>();
  const deletedJobs = new Set<string>();
  const deletedUsers = new Set<string>();
  for (const m of journal?.mutations ?? []) {
    for (const n of m.nodes) {
      touched.add(n.objectId);
      if (n.to) names.set(n.objectId, [...(names.get(n.objectId) ?? []), n.to]);
    }
    for (const j of m.jobIds) deletedJobs.add(j);
    for (const u of m.userNames) deletedUsers.add(u);
  }
  const revealedPath = (p: string) => !journal || journal.revealed.paths.has(p);

  // Identities.
  const users = byId("user");
  for (const u of primary.users)
    expect("user", [u], users, {
      mutated: deletedUsers.has(u),
      revealed: !journal || journal.revealed.userNames.has(u),
    });
  const sps = byId("service-principal");
  for (const s of primary.servicePrincipals) expect("service-principal", [s], sps);
  const groups = byId("group");
  for (const g of primary.groups)
    expect("group", [g.id], groups, {
      inspect: (d) => {
        const have = new Set(d.members.map((m) => `${m.kind}:${m.id}`));
        for (const m of g.members)
          if (
            !have.has(`${m.kind}:${m.id}`) &&
            !isSkipped("group", `${g.id}#member:${m.scimId}`) &&
            !(m.kind === "user" && deletedUsers.has(m.id)) // left the workspace (and the group) mid-run
          )
            lose("group", g.id, `member ${m.kind} ${m.id} lost`);
        const want = new Set(g.members.map((m) => `${m.kind}:${m.id}`));
        for (const m of d.members)
          if (!want.has(`${m.kind}:${m.id}`))
            lose("group", g.id, `member ${m.kind} ${m.id} not in the primary`);
        for (const id of g.unresolved)
          if (!isSkipped("group", `${g.id}#member:${id}`))
            lose("group", g.id, `unknown member ${id} dropped silently`);
      },
    });

  // Workspace tree (by object id: a renamed object may be under any of its names).
  const wsFound: Record<
    string,
    Map<string, { id: string; language?: string; content?: { file: string; sha256: string; size: number } }>
  > = {
    directory: byId("directory"),
    notebook: byId("notebook"),
    "workspace-file": byId("workspace-file"),
  };
  const exportedPathOf = new Map<number, string>();
  for (const n of primary.nodes) {
    const kind = NODE_KIND[n.type];
    const paths = [n.path, ...(names.get(n.objectId) ?? [])];
    const mutated = touched.has(n.objectId);
    const d = expect(kind, paths, wsFound[kind], {
      workspace: true,
      mutated,
      revealed: paths.some(revealedPath),
      inspect: (d, id) => {
        if (d.content) contentOk(kind, id, d.content, n.content);
        else if (n.content) lose(kind, id, "exported without content");
        const language = primary.config.languages.get(n.objectId);
        if (kind === "notebook" && d.language !== language)
          lose(kind, id, `language ${String(d.language)}, the primary's is ${String(language)}`);
      },
    });
    if (d) exportedPathOf.set(n.objectId, d.id);
  }
  const repos = byId("repo");
  for (const r of primary.repos) if (expect("repo", [r.path], repos)) exportedPathOf.set(r.objectId, r.path);

  // Compute.
  const clusters = byId("cluster");
  for (const c of primary.clusters)
    expect("cluster", [c.id], clusters, {
      inspect: (d) => {
        if (d.libraries.length < c.libraries)
          lose("cluster", c.id, `${c.libraries - d.libraries.length} libraries lost`);
      },
    });
  const policies = byId("cluster-policy");
  for (const p of primary.policies) expect("cluster-policy", [p], policies);
  const pools = byId("instance-pool");
  for (const p of primary.pools) expect("instance-pool", [p], pools);
  const warehouses = byId("sql-warehouse");
  for (const w of primary.warehouses) expect("sql-warehouse", [w], warehouses);
  const sqlQueries = byId("sql-query");
  for (const q of primary.sqlQueries) expect("sql-query", [q], sqlQueries);
  const sqlAlerts = byId("sql-alert");
  for (const a of primary.sqlAlerts) expect("sql-alert", [a], sqlAlerts);
  // DLT pipelines (name, libraries, clusters) and IP access lists (type, label, addresses, enabled), each by
  // id (fault-suite/truth-pipelines-ip.ts).
  const pipelines = byId("pipeline") as Map<string, Obj>;
  for (const p of primary.pipelines)
    expect("pipeline", [p.id], pipelines, {
      inspect: (d) => pipelineDifferences(p, d).forEach((w) => lose("pipeline", p.id, w)),
    });
  const ipLists = byId("ip-access-list") as Map<string, Obj>;
  for (const l of primary.ipAccessLists)
    expect("ip-access-list", [l.id], ipLists, {
      inspect: (d) => ipListDifferences(l, d).forEach((w) => lose("ip-access-list", l.id, w)),
    });
  const jobs = byId("job");
  for (const j of primary.jobs)
    expect("job", [j.id], jobs, {
      mutated: deletedJobs.has(j.id),
      revealed: !journal || journal.revealed.jobIds.has(j.id),
      inspect: (d) => {
        const keys = (xs: unknown, k: string) =>
          new Set((Array.isArray(xs) ? (xs as Record<string, unknown>[]) : []).map((x) => String(x[k])));
        const tasks = keys(d.settings.tasks, "task_key");
        const jcs = keys(d.settings.job_clusters, "job_cluster_key");
        const lostTasks = j.taskKeys.filter((t) => !tasks.has(t));
        const lostJcs = j.jobClusterKeys.filter((t) => !jcs.has(t));
        if (lostTasks.length) lose("job", j.id, `tasks lost: ${lostTasks.join(", ")}`);
        if (lostJcs.length) lose("job", j.id, `job clusters lost: ${lostJcs.join(", ")}`);
      },
    });
  const scripts = byId("global-init-script");
  for (const s of primary.globalInitScripts)
    expect("global-init-script", [s.name], scripts, {
      inspect: (d, id) => contentOk("global-init-script", id, d.content, s.content),
    });

  // Secrets: scopes, their key names and ACLs, and the keys whose values the secondary will need.
  const scopes = byId("secret-scope");
  const needed = new Set(snap.manifest.secretsNeeded.map((s) => `${s.scope}\u0000${s.key}`));
  for (const s of primary.scopes)
    expect("secret-scope", [s.name], scopes, {
      inspect: (d) =>
        scopeDifferences(s, d, {
          keysExplained: isSkipped("secret-scope", `${s.name}#keys`),
          aclsExplained: isSkipped("secret-scope", `${s.name}#acls`),
          needed,
        }).forEach((w) => lose("secret-scope", s.name, w)),
    });

  // Workspace settings: one object holding the values.
  if (Object.keys(primary.workspaceConf).length)
    expect("workspace-conf", ["workspace-conf"], byId("workspace-conf"), {
      inspect: (d) => {
        for (const [k, v] of Object.entries(primary.workspaceConf))
          if (d.values[k] !== v)
            lose("workspace-conf", "workspace-conf", `${k} lost (want ${v}, got ${d.values[k]})`);
      },
    });

  checkConfiguration(primary.config, snap, lose);

  // Unity Catalog: every securable of the primary's metastore, its fields and grants (fault-suite/truth-uc.ts).
  const ucFound = new Map<KindName, Map<string, Obj>>();
  for (const t of primary.uc) {
    if (!ucFound.has(t.kind)) ucFound.set(t.kind, ucByName(t.kind, snap.descriptors[t.kind] as Obj[]));
    const found = ucFound.get(t.kind)!;
    const name = t.name;
    if (!found.has(name) && t.skipIds.some((id) => isSkipped(t.kind, id))) verdict.explained++;
    else
      expect(t.kind, [name], found, {
        inspect: (d) => ucDifferences(t, d).forEach((w) => lose(t.kind, name, w)),
      });
  }

  // MLflow: every active experiment and registered model, its fields and counts (fault-suite/truth-mlflow.ts).
  for (const t of primary.mlflow) {
    const found = byId(t.kind) as Map<string, Obj>;
    if (!found.has(t.id) && t.skipIds.some((id) => isSkipped(t.kind, id))) verdict.explained++;
    else
      expect(t.kind, [t.id], found, {
        inspect: (d) => mlflowDifferences(t, d).forEach((w) => lose(t.kind, t.id, w)),
      });
  }

  // Model serving endpoints: each by id, its served entities, routes and tags (fault-suite/truth-serving.ts);
  // the platform's pay-per-token endpoints must be in `skipped`.
  const endpoints = byId("serving-endpoint") as Map<string, Obj>;
  for (const t of primary.serving) {
    if (t.platform) {
      verdict.checked++;
      if (isSkipped("serving-endpoint", t.id)) verdict.explained++;
      else lose("serving-endpoint", t.id, `${t.name}: the platform's endpoint neither skipped nor explained`);
      continue;
    }
    expect("serving-endpoint", [t.id], endpoints, {
      inspect: (d) => servingDifferences(t, d).forEach((w) => lose("serving-endpoint", t.id, w)),
    });
  }

  // Dashboards: every live legacy and AI/BI dashboard, its widgets or definition (fault-suite/truth-dashboards.ts).
  for (const t of primary.dashboards)
    expect(t.kind, [t.id], byId(t.kind) as Map<string, Obj>, {
      inspect: (d) => dashboardDifferences(t, d).forEach((w) => lose(t.kind, t.id, w)),
    });

  // DBFS files the exported clusters, jobs and policies need, as the PRIMARY's configuration of those objects
  // names them (a reference the export dropped still needs its file), plus legacy global init scripts.
  const dbfsIds = new Set<string>();
  for (const kind of ["cluster", "job", "cluster-policy"] as const)
    for (const d of snap.descriptors[kind])
      for (const id of primary.config.dbfsNamed.get(`${kind} ${d.id}`) ?? []) dbfsIds.add(id);
  for (const path of primary.dbfs.keys())
    if (path.startsWith("/databricks/init/")) dbfsIds.add(`dbfs:${path}`);
  const dbfs = byId("dbfs-file");
  for (const id of [...dbfsIds].sort()) {
    const want = primary.dbfs.get(id.slice("dbfs:".length));
    expect("dbfs-file", [id], dbfs, {
      inspect: (d) =>
        want
          ? contentOk("dbfs-file", id, d.content, want)
          : lose("dbfs-file", id, "exported but absent from the primary"),
    });
  }

  // Grants: for every exported object that had its own grants, they are all there (or skipped).
  const perms = byId("permissions");
  const wantAcl = (type: PermissionObjectType, objectId: string, key: string, mutated = false) => {
    const acl = primary.acls.get(key);
    if (!acl) return;
    expect("permissions", [permissionsId(type, objectId)], perms, {
      mutated,
      revealed: false,
      inspect: (d, id) => aclDifferences(acl, d.acl).forEach((w) => lose("permissions", id, w)),
    });
  };
  for (const n of primary.nodes) {
    const p = exportedPathOf.get(n.objectId);
    const type = NODE_PERMISSION_TYPE[n.type];
    if (p && type) wantAcl(type, p, `${type}/${n.objectId}`, touched.has(n.objectId));
  }
  for (const r of primary.repos)
    if (exportedPathOf.has(r.objectId)) wantAcl("repos", r.path, `repos/${r.objectId}`);
  for (const [kind, type] of ACL_BY_ID)
    for (const d of snap.descriptors[kind])
      wantAcl(type, d.id, `${type}/${d.id}`, kind === "job" && deletedJobs.has(d.id));
  // Legacy dashboards: their grants are read through the legacy SQL permissions API.
  for (const d of snap.descriptors["sql-dashboard"])
    wantAcl("sql-dashboards", d.id, `sql-dashboards/${d.id}`);
  for (const entry of deletedBefore) {
    const [kind, id] = [entry.slice(0, entry.indexOf(" ")) as KindName, entry.slice(entry.indexOf(" ") + 1)];
    if (snap.descriptors[kind].some((d) => d.id === id))
      verdict.stale.push(`${entry}: deleted before the run, still exported`);
    else if (snap.manifest.changes && !isRemoved(kind, id))
      verdict.stale.push(`${entry}: deletion not in manifest changes`);
  }
  wantAcl("authorization/tokens", "tokens", "authorization/tokens");
  wantAcl("authorization/passwords", "passwords", "authorization/passwords");
  return verdict;
}
