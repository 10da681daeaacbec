import { userKind } from "./user";
import { groupKind } from "./group";
import { servicePrincipalKind } from "./service-principal";
import { instancePoolKind } from "./instance-pool";
import { clusterPolicyKind } from "./cluster-policy";
import { clusterKind } from "./cluster";
import { jobKind } from "./job";
import { sqlWarehouseKind } from "./sql-warehouse";
import { directoryKind } from "./directory";
import { notebookKind } from "./notebook";
import { workspaceFileKind } from "./workspace-file";
import { repoKind } from "./repo";
import { dbfsFileKind } from "./dbfs-file";
import { globalInitScriptKind } from "./global-init-script";
import { secretScopeKind } from "./secret-scope";
import { workspaceConfKind } from "./workspace-conf";
import { pipelineKind } from "./pipeline";
import { ipAccessListKind } from "./ip-access-list";
import { mlflowExperimentKind } from "./mlflow-experiment";
import { mlflowModelKind } from "./mlflow-model";
import { servingEndpointKind } from "./serving-endpoint";
import { sqlQueryKind } from "./sql-query";
import { sqlAlertKind } from "./sql-alert";
import { sqlDashboardKind } from "./sql-dashboard";
import { dashboardKind } from "./dashboard";
import { UC_CONTRACTS } from "./unity-catalog";

/**
 * Every kind's contract but `permissions` (built from these: kinds/permissions/index.ts), in provision order
 * (KIND_NAMES, kinds/common.ts; the Unity Catalog kinds follow `permissions`). With kinds/modules.ts, one of
 * the two lists that name every kind: KIND_CONTRACTS and KINDS (kinds/registry.ts), the permission targets
 * (kinds/permission-types.ts), the hard references, the job-task references and the RTO rates derive from it.
 */
export const WORKSPACE_CONTRACTS = [
  userKind,
  groupKind,
  servicePrincipalKind,
  directoryKind,
  notebookKind,
  workspaceFileKind,
  repoKind,
  dbfsFileKind,
  instancePoolKind,
  clusterPolicyKind,
  clusterKind,
  pipelineKind,
  sqlQueryKind,
  sqlAlertKind,
  sqlDashboardKind,
  dashboardKind,
  jobKind,
  globalInitScriptKind,
  secretScopeKind,
  sqlWarehouseKind,
  workspaceConfKind,
  ipAccessListKind,
  mlflowExperimentKind,
  mlflowModelKind,
  servingEndpointKind,
] as const;

/** Every object kind: those of the workspace, then the Unity Catalog securables. */
export const OBJECT_CONTRACTS = [...WORKSPACE_CONTRACTS, ...UC_CONTRACTS] as const;
export { UC_CONTRACTS };
