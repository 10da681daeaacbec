/**
 * What the Pulumi databricks provider does beyond one REST call, where it matters for DR, as its own
 * documentation describes it (node_modules/@pulumi/databricks/permissions.d.ts, repo.d.ts, cluster.d.ts):
 *
 * - Permissions are authoritative: the object ends with exactly the declared grants, except that the
 *   `admins` group's grants are left to Databricks ("It is not possible to lower permissions for admins, so
 *   the provider removes those accessControl blocks automatically"), and a job or pipeline without a
 *   declared owner gets the authenticated principal as IS_OWNER ("If a resource is changed and no owner is
 *   specified, the currently authenticated principal would become the new owner").
 * - A repo is cloned, then checked out at `branch` or `tag`; `commitHash` is the head the provider READS
 *   ("Hash of the HEAD commit at time of the last executed operation"): it cannot pin a commit, so a repo
 *   exported on a detached head comes back on its default branch, reported as not applied.
 * - A cluster is created running: the provider waits until it is RUNNING unless `noWait`; it then stops by
 *   itself after its auto-termination (the start policy's short one while passive): `idle` lets that time
 *   pass on the secondary, as the service would.
 */
import type { DatabricksClient } from "../client";
import type { Inputs } from "./api-body";

type Entry = Record<string, unknown>;

/**
 * Permission types whose objects must have exactly one owner. The provider's text names warehouses too, but
 * the recorded warehouse ACL (../shared/fixtures/databricks-api/get-sql-endpoint-permissions.json) holds no
 * IS_OWNER entry: the service does not report one there, so none is added.
 */
const OWNED = /^(jobs|pipelines)\//;

const isAdmins = (e: Entry) => e.group_name === "admins";

/** The grants each principal holds on its own (not inherited), as REST entries. */
function ownEntries(body: { access_control_list?: Entry[] }): Entry[] {
  const out: Entry[] = [];
  for (const a of body.access_control_list ?? []) {
    const who = ["user_name", "group_name", "service_principal_name"].find((k) => typeof a[k] === "string");
    if (!who) continue;
    const perms = Array.isArray(a.all_permissions) ? (a.all_permissions as Entry[]) : [a];
    for (const p of perms)
      if (p.inherited !== true && typeof p.permission_level === "string")
        out.push({ [who]: a[who], permission_level: p.permission_level });
  }
  return out;
}

/** PUT the declared grants the way the provider does: admins' grants untouched, an owner kept. */
export async function applyPermissions(
  c: DatabricksClient,
  target: string,
  declared: Entry[],
): Promise<void> {
  const path = `/api/2.0/permissions/${target}`;
  const current = ownEntries(await c.get<{ access_control_list?: Entry[] }>(path));
  const acl = [...declared.filter((e) => !isAdmins(e)), ...current.filter(isAdmins)];
  if (OWNED.test(target) && !acl.some((e) => e.permission_level === "IS_OWNER")) {
    const me = await c.get<{ userName: string }>("/api/2.0/preview/scim/v2/Me");
    acl.push({ user_name: me.userName, permission_level: "IS_OWNER" });
  }
  await c.put(path, { access_control_list: acl });
}

/** After repos/create: check out the declared branch or tag; a commit cannot be, and is reported. */
export async function checkoutRepo(
  c: DatabricksClient,
  id: string,
  inputs: Inputs,
): Promise<{ commitHash?: string; notApplied?: string }> {
  if (inputs.branch) await c.patch(`/api/2.0/repos/${id}`, { branch: inputs.branch });
  else if (inputs.tag) await c.patch(`/api/2.0/repos/${id}`, { tag: inputs.tag });
  const head = (await c.get<{ head_commit_id?: string }>(`/api/2.0/repos/${id}`)).head_commit_id;
  const wanted = inputs.branch || inputs.tag ? undefined : (inputs.commitHash as string | undefined);
  return {
    commitHash: head,
    notApplied:
      wanted && wanted !== head
        ? `commit ${wanted}: the provider checks out a branch or tag, never a commit (the repo is at ${head ?? "its default branch"})`
        : undefined,
  };
}

/** Clusters start when created; without noWait the provider returns only once the cluster is RUNNING. */
export async function awaitClusterStart(c: DatabricksClient, id: string, inputs: Inputs): Promise<string> {
  for (let i = 0; ; i++) {
    const { state } = await c.get<{ state: string }>("/api/2.1/clusters/get", { cluster_id: id });
    if (inputs.noWait === true || state === "RUNNING") return state;
    if (state === "TERMINATED" || state === "ERROR" || i >= 600)
      throw new Error(`cluster ${id} did not start (state ${state})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Time passing on the secondary with nothing running: the service stops each cluster idle for its
 * auto-termination (0 = never). Returns the clusters still running after `minutes` idle: with the passive
 * start policy, none may be (the secondary costs nothing while it waits).
 */
export async function idle(c: DatabricksClient, minutes: number): Promise<string[]> {
  const { clusters = [] } = await c.get<{ clusters?: Record<string, unknown>[] }>("/api/2.1/clusters/list");
  const running: string[] = [];
  for (const cl of clusters) {
    if (!["PENDING", "RUNNING", "RESIZING"].includes(String(cl.state))) continue;
    const auto = Number(cl.autotermination_minutes ?? 0);
    if (auto > 0 && auto <= minutes) await c.post("/api/2.1/clusters/delete", { cluster_id: cl.cluster_id });
    else running.push(String(cl.cluster_name ?? cl.cluster_id));
  }
  return running;
}
