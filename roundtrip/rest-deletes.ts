/**
 * What `pulumi up` does to the workspace when a Databricks resource leaves the program (and has no
 * retainOnDelete): the provider's Delete, as REST calls, per resource type token. An object already gone
 * is no error (the provider treats 404 as deleted).
 */
import type { DatabricksClient } from "../client";
import type { Inputs } from "./api-body";
import { UC_DELETES } from "./rest-uc-deletes";
import { SQL_DELETES } from "./rest-sql";
import { DASHBOARD_DELETES } from "./rest-dashboards";
import { SERVING_DELETES } from "./rest-serving";
import { MLFLOW_DELETES } from "./rest-mlflow";

export type RestDelete = (c: DatabricksClient, id: string, inputs: Inputs) => Promise<unknown>;

const SCIM = "/api/2.0/preview/scim/v2";
const scimDelete =
  (resource: string): RestDelete =>
  (c, id) =>
    c.delete(`${SCIM}/${resource}/${id}`);
const pathDelete: RestDelete = (c, _id, inputs) =>
  c.post("/api/2.0/workspace/delete", { path: inputs.path, recursive: false });

/** Permissions: the provider's Delete puts back what the object has without grants of its own. */
async function resetPermissions(c: DatabricksClient, id: string, inputs: Inputs): Promise<void> {
  const target = id.replace(/^\//, "");
  if (
    !/^(clusters|cluster-policies|instance-pools|jobs|sql\/warehouses|notebooks|directories|files|repos|experiments|registered-models|dashboards|serving-endpoints)\//.test(
      target,
    )
  )
    return void inputs;
  await c.put(`/api/2.0/permissions/${target}`, { access_control_list: [] });
}

export const REST_DELETES: Readonly<Record<string, RestDelete>> = {
  "databricks:index/user:User": scimDelete("Users"),
  "databricks:index/group:Group": scimDelete("Groups"),
  "databricks:index/servicePrincipal:ServicePrincipal": scimDelete("ServicePrincipals"),
  "databricks:index/directory:Directory": pathDelete,
  "databricks:index/notebook:Notebook": pathDelete,
  "databricks:index/workspaceFile:WorkspaceFile": pathDelete,
  "databricks:index/repo:Repo": (c, id) => c.delete(`/api/2.0/repos/${id}`),
  "databricks:index/dbfsFile:DbfsFile": (c, id) => c.post("/api/2.0/dbfs/delete", { path: id }),
  "databricks:index/globalInitScript:GlobalInitScript": (c, id) =>
    c.delete(`/api/2.0/global-init-scripts/${id}`),
  "databricks:index/clusterPolicy:ClusterPolicy": (c, id) =>
    c.post("/api/2.0/policies/clusters/delete", { policy_id: id }),
  "databricks:index/instancePool:InstancePool": (c, id) =>
    c.post("/api/2.0/instance-pools/delete", { instance_pool_id: id }),
  "databricks:index/cluster:Cluster": (c, id) =>
    c.post("/api/2.1/clusters/permanent-delete", { cluster_id: id }),
  "databricks:index/sqlEndpoint:SqlEndpoint": (c, id) => c.delete(`/api/2.0/sql/warehouses/${id}`),
  "databricks:index/pipeline:Pipeline": (c, id) => c.delete(`/api/2.0/pipelines/${id}`),
  "databricks:index/job:Job": (c, id) => c.post("/api/2.1/jobs/delete", { job_id: Number(id) }),
  "databricks:index/secretScope:SecretScope": (c, id) =>
    c.post("/api/2.0/secrets/scopes/delete", { scope: id }),
  "databricks:index/secret:Secret": (c, _id, i) =>
    c.post("/api/2.0/secrets/delete", { scope: i.scope, key: i.key }),
  "databricks:index/secretAcl:SecretAcl": (c, _id, i) =>
    c.post("/api/2.0/secrets/acls/delete", { scope: i.scope, principal: i.principal }),
  "databricks:index/permissions:Permissions": resetPermissions,
  // Workspace settings stay what they were set to (the provider's Delete leaves them).
  "databricks:index/workspaceConf:WorkspaceConf": async () => {},
  "databricks:index/ipAccessList:IpAccessList": (c, id) => c.delete(`/api/2.0/ip-access-lists/${id}`),
  // Unity Catalog (roundtrip/rest-uc-deletes.ts).
  ...UC_DELETES,
  // Databricks SQL (roundtrip/rest-sql.ts).
  ...SQL_DELETES,
  // Dashboards (roundtrip/rest-dashboards.ts).
  ...DASHBOARD_DELETES,
  // Model serving endpoints (roundtrip/rest-serving.ts).
  ...SERVING_DELETES,
  // MLflow (roundtrip/rest-mlflow.ts).
  ...MLFLOW_DELETES,
};
