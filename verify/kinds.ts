import { KindName } from "../kinds/common";
import { USER_VERIFY } from "../kinds/user/verify";
import { GROUP_VERIFY } from "../kinds/group/verify";
import { SERVICE_PRINCIPAL_VERIFY } from "../kinds/service-principal/verify";
import { UC_VERIFY_KINDS } from "../kinds/unity-catalog/verify";
import { CLUSTER_POLICY_VERIFY } from "../kinds/cluster-policy/verify";
import { CLUSTER_VERIFY } from "../kinds/cluster/verify";
import { DASHBOARD_VERIFY } from "../kinds/dashboard/verify";
import { DBFS_FILE_VERIFY } from "../kinds/dbfs-file/verify";
import { DIRECTORY_VERIFY } from "../kinds/directory/verify";
import { GLOBAL_INIT_SCRIPT_VERIFY } from "../kinds/global-init-script/verify";
import { INSTANCE_POOL_VERIFY } from "../kinds/instance-pool/verify";
import { IP_ACCESS_LIST_VERIFY } from "../kinds/ip-access-list/verify";
import { JOB_VERIFY } from "../kinds/job/verify";
import { MLFLOW_EXPERIMENT_VERIFY } from "../kinds/mlflow-experiment/verify";
import { MLFLOW_MODEL_VERIFY } from "../kinds/mlflow-model/verify";
import { NOTEBOOK_VERIFY } from "../kinds/notebook/verify";
import { PERMISSIONS_VERIFY } from "../kinds/permissions/verify";
import { PIPELINE_VERIFY } from "../kinds/pipeline/verify";
import { REPO_VERIFY } from "../kinds/repo/verify";
import { SECRET_SCOPE_VERIFY } from "../kinds/secret-scope/verify";
import { SERVING_ENDPOINT_VERIFY } from "../kinds/serving-endpoint/verify";
import { SQL_ALERT_VERIFY } from "../kinds/sql-alert/verify";
import { SQL_DASHBOARD_VERIFY } from "../kinds/sql-dashboard/verify";
import { SQL_QUERY_VERIFY } from "../kinds/sql-query/verify";
import { SQL_WAREHOUSE_VERIFY } from "../kinds/sql-warehouse/verify";
import { WORKSPACE_CONF_VERIFY } from "../kinds/workspace-conf/verify";
import { WORKSPACE_FILE_VERIFY } from "../kinds/workspace-file/verify";

export type { KeyLookup, KindVerifySpec } from "./spec";
import type { KindVerifySpec } from "./spec";

/**
 * How verify judges each kind: its rules are in the kind's folder (kinds/<kind>/verify.ts), listed here and
 * not in kinds/modules.ts, because verify must not reach the exporter or the stack that module ties in
 * (tests/verify/import-rule.test.ts). Typed over KindName: a kind missing here fails to compile.
 */
export const VERIFY_KINDS: { [K in KindName]: KindVerifySpec<K> } = {
  user: USER_VERIFY,
  group: GROUP_VERIFY,
  "service-principal": SERVICE_PRINCIPAL_VERIFY,
  ...UC_VERIFY_KINDS,
  "cluster-policy": CLUSTER_POLICY_VERIFY,
  cluster: CLUSTER_VERIFY,
  dashboard: DASHBOARD_VERIFY,
  "dbfs-file": DBFS_FILE_VERIFY,
  directory: DIRECTORY_VERIFY,
  "global-init-script": GLOBAL_INIT_SCRIPT_VERIFY,
  "instance-pool": INSTANCE_POOL_VERIFY,
  "ip-access-list": IP_ACCESS_LIST_VERIFY,
  job: JOB_VERIFY,
  "mlflow-experiment": MLFLOW_EXPERIMENT_VERIFY,
  "mlflow-model": MLFLOW_MODEL_VERIFY,
  notebook: NOTEBOOK_VERIFY,
  permissions: PERMISSIONS_VERIFY,
  pipeline: PIPELINE_VERIFY,
  repo: REPO_VERIFY,
  "secret-scope": SECRET_SCOPE_VERIFY,
  "serving-endpoint": SERVING_ENDPOINT_VERIFY,
  "sql-alert": SQL_ALERT_VERIFY,
  "sql-dashboard": SQL_DASHBOARD_VERIFY,
  "sql-query": SQL_QUERY_VERIFY,
  "sql-warehouse": SQL_WAREHOUSE_VERIFY,
  "workspace-conf": WORKSPACE_CONF_VERIFY,
  "workspace-file": WORKSPACE_FILE_VERIFY,
};

export function verifySpec<K extends KindName>(kind: K): KindVerifySpec<K> {
  return VERIFY_KINDS[kind];
}
