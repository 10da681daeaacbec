import type { KIND_NAMES } from "./common";
import type { NamesOf, Same } from "./define";
import {
  clusterKind,
  clusterPolicyKind,
  dbfsFileKind,
  directoryKind,
  globalInitScriptKind,
  groupKind,
  instancePoolKind,
  jobKind,
  notebookKind,
  permissionsKind,
  repoKind,
  secretScopeKind,
  servicePrincipalKind,
  sqlWarehouseKind,
  userKind,
  workspaceConfKind,
  workspaceFileKind,
} from "./legacy-contracts";
import { pipelineKind } from "./pipeline";
import { ipAccessListKind } from "./ip-access-list";
import { mlflowExperimentKind } from "./mlflow-experiment";
import { mlflowModelKind } from "./mlflow-model";
import { sqlQueryKind } from "./sql-query";
import { sqlAlertKind } from "./sql-alert";
import { sqlDashboardKind } from "./sql-dashboard";
import { dashboardKind } from "./dashboard";
import { UC_CONTRACTS } from "./unity-catalog";

/**
 * Every kind's contract, in provision order (KIND_NAMES, kinds/common.ts): one of the two lists that name
 * every kind (the other: kinds/modules.ts). KINDS, the permission targets, the permissions provider
 * arguments, the hard references, the job-task references and the RTO rates are derived from it.
 */
export const KIND_CONTRACTS = [
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
  permissionsKind,
  ...UC_CONTRACTS,
] as const;

export type KindContracts = typeof KIND_CONTRACTS;

/** Compile-time check: the contracts are KIND_NAMES, in the same order, each once. */
const ORDER_MATCHES: Same<NamesOf<KindContracts>, [...typeof KIND_NAMES]> = true;
void ORDER_MATCHES;
