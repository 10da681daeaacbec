/**
 * Changes to the PRIMARY workspace, made through its REST API the way people make them: renames, adds and
 * removes. Targets are picked from the last export of the primary (what the snapshot says exists).
 */
import type { DatabricksClient } from "../client";
import { Rng } from "../emulator/rng";
import type { Snapshot } from "../snapshot/reader";

const SCIM = "/api/2.0/preview/scim/v2";

export interface MutationContext {
  client: DatabricksClient;
  snap: Snapshot;
  rng: Rng;
  /** A counter for fresh names. */
  next(): number;
}

/** A primary change: undefined when nothing fits (no target), else what it did. */
export type Mutation = (m: MutationContext) => Promise<string | undefined>;

/** Job ids other jobs trigger (run_job): removing one would orphan its referrers. */
function triggeredJobs(snap: Snapshot): Set<string> {
  const text = JSON.stringify(snap.descriptors.job.map((j) => j.settings));
  return new Set([...text.matchAll(/"run_job_task":\{"job_id":(\d+)/g)].map((m) => m[1]));
}

/** Paths jobs run (notebook tasks): removing one would orphan its job. */
function usedPaths(snap: Snapshot): string {
  return JSON.stringify(snap.descriptors.job.map((j) => j.settings));
}

const pick = <T>(m: MutationContext, xs: T[]): T | undefined => (xs.length ? m.rng.pick(xs) : undefined);

async function scimRename(m: MutationContext, resource: string, id: string, displayName: string) {
  await m.client.patch(`${SCIM}/${resource}/${id}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "replace", value: { displayName } }],
  });
}

async function scimIdOf(m: MutationContext, resource: string, attr: string, value: string) {
  const r = await m.client.get<{ Resources?: { id: string }[] }>(`${SCIM}/${resource}`, {
    filter: `${attr} eq "${value}"`,
  });
  return r.Resources?.[0]?.id;
}

const BY_PATH = new Set(["notebooks", "directories", "files"]);
/** Objects whose grants live in the legacy SQL permissions API (POST replaces the list), by its `{type}`. */
const LEGACY_SQL: Record<string, string> = {
  queries: "queries",
  alerts: "alerts",
  "sql-dashboards": "dashboards",
};

/**
 * Databricks keeps a grant by its principal, so after a rename the permissions API names the group's new
 * name; the emulator's ACLs hold the name itself. The grants naming the renamed group are written again
 * with its new name (the same grants, as the primary then shows them).
 */
async function regrant(m: MutationContext, groupId: string, newName: string): Promise<void> {
  const names = new Map(m.snap.descriptors.group.map((g) => [g.id, g.displayName]));
  names.set(groupId, newName);
  const field = { user: "user_name", group: "group_name", "service-principal": "service_principal_name" };
  for (const p of m.snap.descriptors.permissions) {
    if (!p.acl.some((a) => a.principal.kind === "group" && a.principal.id === groupId)) continue;
    const target = p.objectType.startsWith("authorization/")
      ? ""
      : BY_PATH.has(p.objectType)
        ? `/${(await m.client.get<{ object_id: number }>("/api/2.0/workspace/get-status", { path: p.objectId })).object_id}`
        : `/${p.objectId}`;
    const access_control_list = p.acl.map((a) => ({
      [field[a.principal.kind]]: a.principal.kind === "group" ? names.get(a.principal.id) : a.principal.id,
      permission_level: a.level,
    }));
    const legacy = LEGACY_SQL[p.objectType];
    if (legacy)
      await m.client.post(`/api/2.0/preview/sql/permissions/${legacy}/${p.objectId}`, {
        access_control_list,
      });
    else await m.client.put(`/api/2.0/permissions/${p.objectType}${target}`, { access_control_list });
  }
}

const CLUSTER_FIELDS = [
  "cluster_name",
  "spark_version",
  "node_type_id",
  "driver_node_type_id",
  "num_workers",
  "autoscale",
  "autotermination_minutes",
  "policy_id",
  "spark_conf",
  "spark_env_vars",
  "init_scripts",
  "custom_tags",
  "data_security_mode",
  "single_user_name",
  "instance_pool_id",
  "driver_instance_pool_id",
  "cluster_log_conf",
  "azure_attributes",
];

async function copyNotebook(m: MutationContext, from: string, to: string, language: string) {
  const e = await m.client.get<{ content: string }>("/api/2.0/workspace/export", {
    path: from,
    format: "SOURCE",
  });
  await m.client.post("/api/2.0/workspace/import", {
    path: to,
    format: "SOURCE",
    language,
    content: e.content,
    overwrite: false,
  });
}

export const MUTATIONS: Record<string, Mutation> = {
  async renameJob(m) {
    const j = pick(m, m.snap.descriptors.job);
    if (!j) return undefined;
    const name = `${j.name.replace(/ r\d+$/, "")} r${m.next()}`;
    await m.client.post("/api/2.1/jobs/update", { job_id: Number(j.id), new_settings: { name } });
    return `job ${j.id} renamed ${name}`;
  },
  async renameCluster(m) {
    const c = pick(m, m.snap.descriptors.cluster);
    if (!c) return undefined;
    const cur = await m.client.get<Record<string, unknown>>("/api/2.1/clusters/get", { cluster_id: c.id });
    const body: Record<string, unknown> = { cluster_id: c.id };
    for (const f of CLUSTER_FIELDS) if (cur[f] !== undefined) body[f] = cur[f];
    body.cluster_name = `${String(cur.cluster_name).replace(/ r\d+$/, "")} r${m.next()}`;
    await m.client.post("/api/2.1/clusters/edit", body);
    return `cluster ${c.id} renamed ${String(body.cluster_name)}`;
  },
  async renamePool(m) {
    const p = pick(m, m.snap.descriptors["instance-pool"]);
    if (!p) return undefined;
    const cur = await m.client.get<Record<string, unknown>>("/api/2.0/instance-pools/get", {
      instance_pool_id: p.id,
    });
    const name = `${String(cur.instance_pool_name).replace(/ r\d+$/, "")} r${m.next()}`;
    const keep = [
      "node_type_id",
      "min_idle_instances",
      "max_capacity",
      "idle_instance_autotermination_minutes",
    ];
    const body: Record<string, unknown> = { instance_pool_id: p.id, instance_pool_name: name };
    for (const f of keep) if (cur[f] !== undefined) body[f] = cur[f];
    await m.client.post("/api/2.0/instance-pools/edit", body);
    return `pool ${p.id} renamed ${name}`;
  },
  async renameWarehouse(m) {
    const w = pick(m, m.snap.descriptors["sql-warehouse"]);
    if (!w) return undefined;
    const cur = await m.client.get<Record<string, unknown>>(`/api/2.0/sql/warehouses/${w.id}`);
    const name = `${String(cur.name).replace(/ r\d+$/, "")} r${m.next()}`;
    const keep = [
      "cluster_size",
      "auto_stop_mins",
      "min_num_clusters",
      "max_num_clusters",
      "enable_photon",
      "enable_serverless_compute",
      "warehouse_type",
      "spot_instance_policy",
      "channel",
      "tags",
    ];
    const body: Record<string, unknown> = { name };
    for (const f of keep) if (cur[f] !== undefined) body[f] = cur[f];
    await m.client.post(`/api/2.0/sql/warehouses/${w.id}/edit`, body);
    return `warehouse ${w.id} renamed ${name}`;
  },
  async renameNotebook(m) {
    const used = usedPaths(m.snap);
    const n = pick(
      m,
      m.snap.descriptors.notebook.filter(
        (x) => !used.includes(JSON.stringify(x.path).slice(1, -1)) && !x.path.startsWith("/Repos/"),
      ),
    );
    if (!n) return undefined;
    const to = `${n.path.replace(/_r\d+$/, "")}_r${m.next()}`;
    await copyNotebook(m, n.path, to, n.language);
    await m.client.post("/api/2.0/workspace/delete", { path: n.path, recursive: false });
    return `notebook ${n.path} renamed ${to}`;
  },
  async renameFolder(m) {
    // A folder holding only notebooks no job runs: its notebooks move to the renamed folder.
    const used = usedPaths(m.snap);
    const kids = (d: string) =>
      [
        ...m.snap.descriptors.directory,
        ...m.snap.descriptors["workspace-file"],
        ...m.snap.descriptors.repo,
      ].filter((x) => x.path.startsWith(d + "/"));
    const dir = pick(
      m,
      m.snap.descriptors.directory.filter(
        (d) =>
          d.path.split("/").length > 2 &&
          !d.path.startsWith("/Repos") &&
          !kids(d.path).length &&
          !m.snap.descriptors.notebook.some((n) => n.path.startsWith(d.path + "/") && used.includes(n.path)),
      ),
    );
    if (!dir) return undefined;
    const to = `${dir.path.replace(/_r\d+$/, "")}_r${m.next()}`;
    await m.client.post("/api/2.0/workspace/mkdirs", { path: to });
    for (const n of m.snap.descriptors.notebook.filter((x) => x.path.startsWith(dir.path + "/")))
      await copyNotebook(m, n.path, to + n.path.slice(dir.path.length), n.language);
    await m.client.post("/api/2.0/workspace/delete", { path: dir.path, recursive: true });
    return `folder ${dir.path} renamed ${to}`;
  },
  async renameUser(m) {
    const u = pick(m, m.snap.descriptors.user);
    if (!u) return undefined;
    const id = await scimIdOf(m, "Users", "userName", u.userName);
    if (!id) return undefined;
    const name = `${(u.displayName ?? u.userName).replace(/ r\d+$/, "")} r${m.next()}`;
    await scimRename(m, "Users", id, name);
    return `user ${u.userName} renamed ${name}`;
  },
  async renameGroup(m) {
    // Groups secret ACLs name keep their names (scope ACLs name a principal by name, and the emulator's do
    // not follow a rename), as do groups granted on a repo (its ACL is written by repo id).
    const scopes = JSON.stringify(m.snap.descriptors["secret-scope"]);
    const onRepos = JSON.stringify(m.snap.descriptors.permissions.filter((p) => p.objectType === "repos"));
    const g = pick(
      m,
      m.snap.descriptors.group.filter(
        (x) =>
          x.displayName !== "admins" &&
          x.displayName !== "users" &&
          !scopes.includes(JSON.stringify(x.displayName)) &&
          !onRepos.includes(`"id":"${x.id}"`),
      ),
    );
    if (!g) return undefined;
    const id = await scimIdOf(m, "Groups", "displayName", g.displayName);
    if (!id) return undefined;
    const name = `${g.displayName.replace(/-r\d+$/, "")}-r${m.next()}`;
    await scimRename(m, "Groups", id, name);
    await regrant(m, g.id, name);
    return `group ${g.displayName} renamed ${name}`;
  },
  async renameServicePrincipal(m) {
    const sp = pick(m, m.snap.descriptors["service-principal"]);
    if (!sp) return undefined;
    const id = await scimIdOf(m, "ServicePrincipals", "applicationId", sp.applicationId);
    if (!id) return undefined;
    const name = `${(sp.displayName ?? "sp").replace(/ r\d+$/, "")} r${m.next()}`;
    await scimRename(m, "ServicePrincipals", id, name);
    return `service principal ${sp.applicationId} renamed ${name}`;
  },
  async addJobs(m) {
    const k = 1 + m.rng.int(3);
    const out: string[] = [];
    for (let i = 0; i < k; i++) {
      const n = m.next();
      const schedule =
        m.rng.int(2) === 0
          ? {
              schedule: {
                quartz_cron_expression: "0 0 * * * ?",
                timezone_id: "UTC",
                pause_status: "UNPAUSED",
              },
            }
          : {};
      const r = await m.client.post<{ job_id: number }>("/api/2.1/jobs/create", {
        name: `lc job ${n}`,
        max_concurrent_runs: 1,
        ...schedule,
      });
      if (m.rng.int(2) === 0)
        await m.client.put(`/api/2.0/permissions/jobs/${r.job_id}`, {
          access_control_list: [{ group_name: "users", permission_level: "CAN_VIEW" }],
        });
      out.push(`lc job ${n}`);
    }
    return `added ${out.join(", ")}`;
  },
  async removeJob(m) {
    const triggered = triggeredJobs(m.snap);
    const j = pick(
      m,
      m.snap.descriptors.job.filter((x) => !triggered.has(x.id)),
    );
    if (!j) return undefined;
    await m.client.post("/api/2.1/jobs/delete", { job_id: Number(j.id) });
    return `removed job ${j.id} (${j.name})`;
  },
  async addUsers(m) {
    const k = 1 + m.rng.int(3);
    const out: string[] = [];
    for (let i = 0; i < k; i++) {
      const userName = `lc-user-${m.next()}@example.com`;
      await m.client.post(`${SCIM}/Users`, {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName,
        displayName: userName.split("@")[0],
      });
      out.push(userName);
    }
    return `added users ${out.join(", ")}`;
  },
  async removeUser(m) {
    const u = pick(
      m,
      m.snap.descriptors.user.filter((x) => x.userName.startsWith("lc-user-")),
    );
    if (!u) return undefined;
    const id = await scimIdOf(m, "Users", "userName", u.userName);
    if (!id) return undefined;
    await m.client.delete(`${SCIM}/Users/${id}`);
    return `removed user ${u.userName}`;
  },
  async addGroup(m) {
    const displayName = `lc-group-${m.next()}`;
    const u = pick(m, m.snap.descriptors.user);
    const uid = u ? await scimIdOf(m, "Users", "userName", u.userName) : undefined;
    await m.client.post(`${SCIM}/Groups`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName,
      ...(uid ? { members: [{ value: uid }] } : {}),
    });
    return `added group ${displayName}`;
  },
  async removeGroup(m) {
    const g = pick(
      m,
      m.snap.descriptors.group.filter((x) => x.displayName.startsWith("lc-group-")),
    );
    if (!g) return undefined;
    const id = await scimIdOf(m, "Groups", "displayName", g.displayName);
    if (!id) return undefined;
    await m.client.delete(`${SCIM}/Groups/${id}`);
    return `removed group ${g.displayName}`;
  },
  async addNotebooks(m) {
    const k = 1 + m.rng.int(6);
    await m.client.post("/api/2.0/workspace/mkdirs", { path: "/Shared/lc" });
    for (let i = 0; i < k; i++) {
      const n = m.next();
      await m.client.post("/api/2.0/workspace/import", {
        path: `/Shared/lc/nb${n}`,
        format: "SOURCE",
        language: "PYTHON",
        content: Buffer.from(`# Databricks notebook source\nprint(${n})\n`).toString("base64"),
      });
    }
    return `added ${k} notebooks`;
  },
  async removeAcl(m) {
    // All of an object's own grants removed: its permissions descriptor leaves the snapshot.
    const p = pick(
      m,
      m.snap.descriptors.permissions.filter((x) => ["notebooks", "directories"].includes(x.objectType)),
    );
    if (!p) return undefined;
    const st = await m.client.get<{ object_id: number }>("/api/2.0/workspace/get-status", {
      path: p.objectId,
    });
    await m.client.put(`/api/2.0/permissions/${p.objectType}/${st.object_id}`, { access_control_list: [] });
    return `removed the grants on ${p.objectId}`;
  },
  async removeNotebook(m) {
    const used = usedPaths(m.snap);
    const n = pick(
      m,
      m.snap.descriptors.notebook.filter((x) => !used.includes(x.path) && !x.path.startsWith("/Repos/")),
    );
    if (!n) return undefined;
    await m.client.post("/api/2.0/workspace/delete", { path: n.path, recursive: false });
    return `removed notebook ${n.path}`;
  },
};
