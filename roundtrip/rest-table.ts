/**
 * THE one place where a Databricks resource of the stack becomes REST calls, the way the Pulumi databricks
 * provider makes them: a table from the resource type token to its create (and update) call. Bodies come
 * from the inputs through one conversion along the provider's declarations (roundtrip/api-body.ts); an entry only says where the
 * provider's schema and the API part ways (provider-only inputs, renamed fields, a second call).
 */
import * as fs from "node:fs";
import type { DatabricksClient } from "../client";
import { apiBody, blockBody, Inputs } from "./api-body";
import { applyPermissions, awaitClusterStart, checkoutRepo } from "./provider-behaviour";
import { checkResourceInputs, formatFinding } from "./provider-shape";
import { UC_TABLE } from "./rest-uc";
import { putSqlPermissions, SQL_TABLE } from "./rest-sql";
import { DASHBOARD_PERMISSION_TARGETS, DASHBOARD_TABLE } from "./rest-dashboards";
import { SERVING_PERMISSION_TARGETS, SERVING_TABLE } from "./rest-serving";
import { MLFLOW_PERMISSION_TARGETS, MLFLOW_TABLE } from "./rest-mlflow";

/** What the workspace assigned: the resource's id and outputs the provider reads back. */
export interface Applied {
  id: string;
  outputs?: Inputs;
  /** Part of the inputs the provider could not apply (the resource itself was written), with the reason. */
  notApplied?: string;
}

export interface RestMapping {
  /** The REST call, for people (`POST /api/2.1/jobs/create`). */
  call: string;
  create(c: DatabricksClient, inputs: Inputs): Promise<Applied>;
  /** `pulumi up` on a resource that exists (inputs changed). Default: create again (the call is a put). */
  update?(c: DatabricksClient, id: string, inputs: Inputs, old: Inputs): Promise<Applied>;
}

const SCIM = "/api/2.0/preview/scim/v2";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** The provider's boolean entitlement arguments -> SCIM entitlement values. */
const ENTITLEMENTS: Record<string, string> = {
  allowClusterCreate: "allow-cluster-create",
  allowInstancePoolCreate: "allow-instance-pool-create",
  databricksSqlAccess: "databricks-sql-access",
  workspaceAccess: "workspace-access",
  workspaceConsume: "workspace-consume",
};

/**
 * A SCIM principal: created, or with `force` adopted when it exists already (409), then set to the inputs.
 * SCIM speaks camelCase itself: only the entitlement flags differ from the provider's schema.
 */
function scim(resource: "Users" | "Groups" | "ServicePrincipals", key: string, schema: string): RestMapping {
  const attrs = (inputs: Inputs) => {
    const body: Inputs = {};
    for (const k of ["userName", "applicationId", "displayName", "active", "externalId"])
      if (inputs[k] !== undefined) body[k] = inputs[k];
    body.entitlements = Object.entries(ENTITLEMENTS)
      .filter(([arg]) => inputs[arg] === true)
      .map(([, value]) => ({ value }));
    return body;
  };
  const put = async (c: DatabricksClient, id: string, inputs: Inputs) => {
    const { entitlements, ...rest } = attrs(inputs);
    // A group's displayName is no key of the provider's: its update PUTs it (a rename keeps the SCIM id).
    if (resource !== "Groups") delete rest[key];
    await c.patch(`${SCIM}/${resource}/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        ...(Object.keys(rest).length ? [{ op: "replace", value: rest }] : []),
        { op: "replace", path: "entitlements", value: entitlements },
      ],
    });
    return { id };
  };
  return {
    call: `POST ${SCIM}/${resource}`,
    async create(c, inputs) {
      try {
        const r = await c.post<{ id: string }>(`${SCIM}/${resource}`, {
          schemas: [schema],
          ...attrs(inputs),
        });
        return { id: r.id };
      } catch (e) {
        if ((e as { status?: number }).status !== 409 || !inputs.force) throw e;
      }
      const found = await c.get<{ Resources?: { id: string }[] }>(`${SCIM}/${resource}`, {
        filter: `${key} eq "${String(inputs[key])}"`,
      });
      const id = found.Resources?.[0]?.id;
      if (!id) throw new Error(`${key} ${String(inputs[key])} exists (409) but cannot be found`);
      return put(c, id, inputs);
    },
    update: (c, id, inputs) => put(c, id, inputs),
  };
}

/** The contents the provider uploads: the file named by `source`, base64. */
const contentOf = (inputs: Inputs) => fs.readFileSync(String(inputs.source)).toString("base64");

async function objectIdOf(c: DatabricksClient, path: string): Promise<number> {
  return (await c.get<{ object_id: number }>("/api/2.0/workspace/get-status", { path })).object_id;
}

/** Cluster states in which clusters/edit is accepted: the provider waits for one before editing. */
async function settledCluster(c: DatabricksClient, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const s = await c.get<{ state: string }>("/api/2.1/clusters/get", { cluster_id: id });
    if (s.state === "RUNNING" || s.state === "TERMINATED") return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`cluster ${id} did not settle`);
}

const CLUSTER_PROVIDER_ONLY = ["noWait", "isPinned", "libraries"];
const CLUSTER = "databricks:index/cluster:Cluster";
const POOL = "databricks:index/instancePool:InstancePool";
const POLICY = "databricks:index/clusterPolicy:ClusterPolicy";
const WAREHOUSE = "databricks:index/sqlEndpoint:SqlEndpoint";
const JOB = "databricks:index/job:Job";
const PIPELINE = "databricks:index/pipeline:Pipeline";
const INIT_SCRIPT = "databricks:index/globalInitScript:GlobalInitScript";
const IP_LIST = "databricks:index/ipAccessList:IpAccessList";
const ipListNotApplied = (inputs: Inputs) =>
  inputs.enabled === false ? { notApplied: "enabled: false (the provider creates lists enabled)" } : {};

/** What clusters/create does not take: libraries (installed after) and pinning (its own call). */
async function clusterExtras(c: DatabricksClient, id: string, inputs: Inputs, old?: Inputs): Promise<void> {
  const libraries = ((inputs.libraries as Inputs[] | undefined) ?? []).map((l) =>
    blockBody("ClusterLibrary", l),
  );
  if (libraries?.length) await c.post("/api/2.0/libraries/install", { cluster_id: id, libraries });
  if (!!inputs.isPinned !== !!old?.isPinned)
    await c.post(`/api/2.1/clusters/${inputs.isPinned ? "pin" : "unpin"}`, { cluster_id: id });
}

/** Permissions: which argument names the object, and the permissions API path it becomes. */
const PERMISSION_TARGETS: Record<string, (c: DatabricksClient, v: string) => Promise<string>> = {
  clusterId: async (_c, v) => `clusters/${v}`,
  clusterPolicyId: async (_c, v) => `cluster-policies/${v}`,
  instancePoolId: async (_c, v) => `instance-pools/${v}`,
  jobId: async (_c, v) => `jobs/${v}`,
  sqlEndpointId: async (_c, v) => `sql/warehouses/${v}`,
  pipelineId: async (_c, v) => `pipelines/${v}`,
  authorization: async (_c, v) => `authorization/${v}`,
  notebookPath: async (c, v) => `notebooks/${await objectIdOf(c, v)}`,
  directoryPath: async (c, v) => `directories/${await objectIdOf(c, v)}`,
  workspaceFilePath: async (c, v) => `files/${await objectIdOf(c, v)}`,
  repoPath: async (c, v) => `repos/${await objectIdOf(c, v)}`,
  ...DASHBOARD_PERMISSION_TARGETS,
  ...SERVING_PERMISSION_TARGETS,
  ...MLFLOW_PERMISSION_TARGETS,
};

async function putPermissions(c: DatabricksClient, inputs: Inputs): Promise<Applied> {
  const sql = await putSqlPermissions(c, inputs);
  if (sql) return sql;
  const arg = Object.keys(PERMISSION_TARGETS).find((k) => typeof inputs[k] === "string");
  if (!arg) throw new Error(`Permissions without a target (${Object.keys(inputs).join(", ")})`);
  const target = await PERMISSION_TARGETS[arg](c, String(inputs[arg]));
  const body = apiBody("databricks:index/permissions:Permissions", inputs);
  await applyPermissions(c, target, (body.access_control_list as Inputs[] | undefined) ?? []);
  return { id: `/${target}` };
}

const put = (type: string, path: string) => ({
  call: `POST ${path}`,
  async create(c: DatabricksClient, inputs: Inputs) {
    await c.post(path, apiBody(type, inputs));
    return { id: `${String(inputs.scope)}|${String(inputs.key ?? inputs.principal)}` };
  },
});

const TABLE: Readonly<Record<string, RestMapping>> = {
  "databricks:index/user:User": scim("Users", "userName", "urn:ietf:params:scim:schemas:core:2.0:User"),
  "databricks:index/group:Group": scim(
    "Groups",
    "displayName",
    "urn:ietf:params:scim:schemas:core:2.0:Group",
  ),
  "databricks:index/servicePrincipal:ServicePrincipal": scim(
    "ServicePrincipals",
    "applicationId",
    "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal",
  ),

  "databricks:index/directory:Directory": {
    call: "POST /api/2.0/workspace/mkdirs",
    async create(c, inputs) {
      await c.post("/api/2.0/workspace/mkdirs", { path: inputs.path });
      return { id: String(inputs.path), outputs: { objectId: await objectIdOf(c, String(inputs.path)) } };
    },
  },
  "databricks:index/notebook:Notebook": {
    call: "POST /api/2.0/workspace/import",
    async create(c, inputs) {
      const path = String(inputs.path);
      await c.post("/api/2.0/workspace/mkdirs", { path: path.slice(0, path.lastIndexOf("/")) || "/" });
      await c.post("/api/2.0/workspace/import", {
        path,
        language: inputs.language,
        format: /\.ipynb$/i.test(String(inputs.source)) ? "JUPYTER" : "SOURCE",
        content: contentOf(inputs),
        overwrite: true,
      });
      return { id: path, outputs: { objectId: await objectIdOf(c, path) } };
    },
  },
  "databricks:index/workspaceFile:WorkspaceFile": {
    call: "POST /api/2.0/workspace/import (AUTO)",
    async create(c, inputs) {
      const path = String(inputs.path);
      await c.post("/api/2.0/workspace/mkdirs", { path: path.slice(0, path.lastIndexOf("/")) || "/" });
      await c.post("/api/2.0/workspace/import", {
        path,
        format: "AUTO",
        content: contentOf(inputs),
        overwrite: true,
      });
      return { id: path, outputs: { objectId: await objectIdOf(c, path) } };
    },
  },
  "databricks:index/repo:Repo": {
    call: "POST /api/2.0/repos",
    async create(c, inputs) {
      const body = apiBody("databricks:index/repo:Repo", inputs, { drop: ["branch", "commitHash", "tag"] });
      const r = await c.post<{ id: number }>("/api/2.0/repos", body);
      // repos/create checks out the default branch: the provider switches it afterwards.
      const { commitHash, notApplied } = await checkoutRepo(c, String(r.id), inputs);
      return { id: String(r.id), outputs: { commitHash }, notApplied };
    },
    async update(c, id, inputs) {
      const { commitHash, notApplied } = await checkoutRepo(c, id, inputs);
      return { id, outputs: { commitHash }, notApplied };
    },
  },
  "databricks:index/dbfsFile:DbfsFile": {
    call: "POST /api/2.0/dbfs/create + add-block + close",
    async create(c, inputs) {
      const path = String(inputs.path);
      const bytes = fs.readFileSync(String(inputs.source));
      const { handle } = await c.post<{ handle: number }>("/api/2.0/dbfs/create", { path, overwrite: true });
      for (let at = 0; at < bytes.length; at += 1 << 20)
        await c.post("/api/2.0/dbfs/add-block", {
          handle,
          data: bytes.subarray(at, at + (1 << 20)).toString("base64"),
        });
      await c.post("/api/2.0/dbfs/close", { handle });
      return { id: path, outputs: { dbfsPath: `dbfs:${path}` } };
    },
  },
  "databricks:index/globalInitScript:GlobalInitScript": {
    call: "POST /api/2.0/global-init-scripts",
    async create(c, inputs) {
      const body = { ...apiBody(INIT_SCRIPT, inputs, { drop: ["source"] }), script: contentOf(inputs) };
      const r = await c.post<{ script_id: string }>("/api/2.0/global-init-scripts", body);
      return { id: r.script_id };
    },
    async update(c, id, inputs) {
      const body = { ...apiBody(INIT_SCRIPT, inputs, { drop: ["source"] }), script: contentOf(inputs) };
      await c.patch(`/api/2.0/global-init-scripts/${id}`, body);
      return { id };
    },
  },
  "databricks:index/workspaceConf:WorkspaceConf": {
    call: "PATCH /api/2.0/workspace-conf",
    async create(c, inputs) {
      await c.patch("/api/2.0/workspace-conf", inputs.customConfig ?? {});
      return { id: "_" };
    },
  },
  // The provider's create sends no `enabled` (a new list is enabled) and its update leaves `false` out
  // (omitempty): a list meant to be disabled cannot be, recorded as not applied.
  "databricks:index/ipAccessList:IpAccessList": {
    call: "POST /api/2.0/ip-access-lists",
    async create(c, inputs) {
      const r = await c.post<{ ip_access_list: { list_id: string } }>(
        "/api/2.0/ip-access-lists",
        apiBody(IP_LIST, inputs, { drop: ["enabled"] }),
      );
      return { id: r.ip_access_list.list_id, ...ipListNotApplied(inputs) };
    },
    async update(c, id, inputs) {
      const body = apiBody(IP_LIST, inputs, { drop: inputs.enabled === false ? ["enabled"] : [] });
      await c.patch(`/api/2.0/ip-access-lists/${id}`, body);
      return { id, ...ipListNotApplied(inputs) };
    },
  },

  "databricks:index/clusterPolicy:ClusterPolicy": {
    call: "POST /api/2.0/policies/clusters/create",
    async create(c, inputs) {
      const r = await c.post<{ policy_id: string }>(
        "/api/2.0/policies/clusters/create",
        apiBody(POLICY, inputs),
      );
      return { id: r.policy_id, outputs: { policyId: r.policy_id } };
    },
    async update(c, id, inputs) {
      await c.post("/api/2.0/policies/clusters/edit", { policy_id: id, ...apiBody(POLICY, inputs) });
      return { id, outputs: { policyId: id } };
    },
  },
  "databricks:index/instancePool:InstancePool": {
    call: "POST /api/2.0/instance-pools/create",
    async create(c, inputs) {
      const r = await c.post<{ instance_pool_id: string }>(
        "/api/2.0/instance-pools/create",
        apiBody(POOL, inputs),
      );
      return { id: r.instance_pool_id };
    },
    async update(c, id, inputs) {
      await c.post("/api/2.0/instance-pools/edit", { instance_pool_id: id, ...apiBody(POOL, inputs) });
      return { id };
    },
  },
  "databricks:index/cluster:Cluster": {
    call: "POST /api/2.1/clusters/create (+ libraries/install, pin)",
    async create(c, inputs) {
      const body = apiBody(CLUSTER, inputs, { drop: CLUSTER_PROVIDER_ONLY });
      const r = await c.post<{ cluster_id: string }>("/api/2.1/clusters/create", body);
      const state = await awaitClusterStart(c, r.cluster_id, inputs);
      await clusterExtras(c, r.cluster_id, inputs);
      return { id: r.cluster_id, outputs: { clusterId: r.cluster_id, state } };
    },
    async update(c, id, inputs, old) {
      await settledCluster(c, id);
      const body = apiBody(CLUSTER, inputs, { drop: CLUSTER_PROVIDER_ONLY });
      await c.post("/api/2.1/clusters/edit", { cluster_id: id, ...body });
      await clusterExtras(c, id, inputs, old);
      return { id, outputs: { clusterId: id } };
    },
  },
  "databricks:index/sqlEndpoint:SqlEndpoint": {
    call: "POST /api/2.0/sql/warehouses",
    async create(c, inputs) {
      const r = await c.post<{ id: string }>(
        "/api/2.0/sql/warehouses",
        apiBody(WAREHOUSE, inputs, { drop: ["noWait"] }),
      );
      return { id: r.id };
    },
    async update(c, id, inputs) {
      await c.post(`/api/2.0/sql/warehouses/${id}/edit`, apiBody(WAREHOUSE, inputs, { drop: ["noWait"] }));
      return { id };
    },
  },
  "databricks:index/pipeline:Pipeline": {
    call: "POST /api/2.0/pipelines",
    async create(c, inputs) {
      const r = await c.post<{ pipeline_id: string }>("/api/2.0/pipelines", apiBody(PIPELINE, inputs));
      return { id: r.pipeline_id };
    },
    async update(c, id, inputs) {
      await c.put(`/api/2.0/pipelines/${id}`, apiBody(PIPELINE, inputs));
      return { id };
    },
  },
  "databricks:index/job:Job": {
    call: "POST /api/2.1/jobs/create",
    async create(c, inputs) {
      const r = await c.post<{ job_id: number }>("/api/2.1/jobs/create", apiBody(JOB, inputs));
      return { id: String(r.job_id) };
    },
    async update(c, id, inputs) {
      await c.post("/api/2.1/jobs/reset", { job_id: Number(id), new_settings: apiBody(JOB, inputs) });
      return { id };
    },
  },

  "databricks:index/secretScope:SecretScope": {
    call: "POST /api/2.0/secrets/scopes/create",
    async create(c, inputs) {
      const body = apiBody("databricks:index/secretScope:SecretScope", inputs);
      // The provider sets the backend type from the key vault block.
      if (body.backend_azure_keyvault) body.scope_backend_type = "AZURE_KEYVAULT";
      await c.post("/api/2.0/secrets/scopes/create", body);
      return { id: String(inputs.name) };
    },
    // A scope has nothing to update in place (the provider replaces it on a change of backend).
    update: async (_c, id) => ({ id }),
  },
  "databricks:index/secret:Secret": put("databricks:index/secret:Secret", "/api/2.0/secrets/put"),
  "databricks:index/secretAcl:SecretAcl": put(
    "databricks:index/secretAcl:SecretAcl",
    "/api/2.0/secrets/acls/put",
  ),
  "databricks:index/permissions:Permissions": {
    call: "PUT /api/2.0/permissions/{type}/{id}",
    create: putPermissions,
    update: (c, _id, inputs) => putPermissions(c, inputs),
  },
  // Unity Catalog (roundtrip/rest-uc.ts).
  ...UC_TABLE,
  // Databricks SQL (roundtrip/rest-sql.ts).
  ...SQL_TABLE,
  // Dashboards (roundtrip/rest-dashboards.ts).
  ...DASHBOARD_TABLE,
  // Model serving endpoints (roundtrip/rest-serving.ts).
  ...SERVING_TABLE,
  // MLflow experiments and registered models (roundtrip/rest-mlflow.ts).
  ...MLFLOW_TABLE,
};

/**
 * Inputs the provider would refuse (an undeclared property, a wrong scalar type, a missing required one,
 * checked against its own declarations) fail the resource before any call, as `pulumi up` would: every
 * round trip, lifecycle step and flip checks the stack's shapes too.
 */
function shapeChecked(type: string, m: RestMapping): RestMapping {
  const check = (inputs: Inputs) => {
    const found = checkResourceInputs(type, inputs);
    if (found.length) throw new Error(found.map(formatFinding).join("; "));
  };
  return {
    ...m,
    create: (c, inputs) => (check(inputs), m.create(c, inputs)),
    ...(m.update
      ? {
          update: (c: DatabricksClient, id: string, i: Inputs, old: Inputs) => (
            check(i),
            m.update!(c, id, i, old)
          ),
        }
      : {}),
  };
}

export const REST_TABLE: Readonly<Record<string, RestMapping>> = Object.fromEntries(
  Object.entries(TABLE).map(([type, m]) => [type, shapeChecked(type, m)]),
);

/** Types with no REST API to apply them through: recorded as not applied, with the reason. */
export const NOT_APPLIED: Readonly<Record<string, string>> = {
  "databricks:index/mount:Mount": "mounts are created by code running on a cluster, not through the REST API",
};
