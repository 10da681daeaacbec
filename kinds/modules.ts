import type { KindName } from "./common";
import type { KindModule } from "./define-module";
import type { Same } from "./define";
import type { KindExporter } from "../exporters/types";
import type { Provisioner } from "../components/workspace/provisioner";
import { directoryModule } from "./directory/module";
import { notebookModule } from "./notebook/module";
import { workspaceFileModule } from "./workspace-file/module";
import { repoModule } from "./repo/module";
import { dbfsFileModule } from "./dbfs-file/module";
import { globalInitScriptModule } from "./global-init-script/module";
import { secretScopeModule } from "./secret-scope/module";
import { workspaceConfModule } from "./workspace-conf/module";
import { userModule } from "./user/module";
import { groupModule } from "./group/module";
import { servicePrincipalModule } from "./service-principal/module";
import { pipelineModule } from "./pipeline/module";
import { UC_MODULES } from "./unity-catalog/module";
import { sqlQueryModule } from "./sql-query/module";
import { sqlAlertModule } from "./sql-alert/module";
import { sqlDashboardModule } from "./sql-dashboard/module";
import { dashboardModule } from "./dashboard/module";
import { ipAccessListModule } from "./ip-access-list/module";
import { mlflowExperimentModule } from "./mlflow-experiment/module";
import { mlflowModelModule } from "./mlflow-model/module";
import { servingEndpointModule } from "./serving-endpoint/module";
import { instancePoolModule } from "./instance-pool/module";
import { clusterPolicyModule } from "./cluster-policy/module";
import { clusterModule } from "./cluster/module";
import { sqlWarehouseModule } from "./sql-warehouse/module";
import { jobModule } from "./job/module";
import { permissionsModule } from "./permissions/module";

/**
 * Every kind's module (kinds/define-module.ts): the second of the two lists naming every kind (the first:
 * kinds/contracts.ts). EXPORTERS (exporters/registry.ts) and PROVISIONERS (components/workspace/provisioners.ts)
 * are derived from it (verify/kinds.ts lists the kinds' verify rules apart: kinds/define-module.ts).
 */
export const KIND_MODULES = [
  userModule,
  groupModule,
  servicePrincipalModule,
  directoryModule,
  notebookModule,
  workspaceFileModule,
  repoModule,
  dbfsFileModule,
  globalInitScriptModule,
  secretScopeModule,
  workspaceConfModule,
  pipelineModule,
  sqlQueryModule,
  sqlAlertModule,
  ipAccessListModule,
  sqlDashboardModule,
  dashboardModule,
  mlflowExperimentModule,
  mlflowModelModule,
  servingEndpointModule,
  instancePoolModule,
  clusterPolicyModule,
  clusterModule,
  sqlWarehouseModule,
  jobModule,
  permissionsModule,
  ...UC_MODULES,
] as const;

/** The kinds that have a module. */
export type ModuleKind = (typeof KIND_MODULES)[number]["kind"];
/** Compile-time check: every kind has a module (the derived tables are typed over KindName as well). */
const EVERY_KIND: Same<ModuleKind, KindName> = true;
void EVERY_KIND;

function part<P extends "exporter" | "provisioner">(p: P): Record<string, KindModule[P]> {
  const out: Record<string, KindModule[P]> = {};
  for (const m of KIND_MODULES as readonly KindModule[]) {
    if (out[m.kind]) throw new Error(`kinds/modules.ts lists kind ${m.kind} twice`);
    out[m.kind] = m[p];
  }
  return out;
}

export const MODULE_EXPORTERS = part("exporter") as unknown as { [K in ModuleKind]: KindExporter<K> };
export const MODULE_PROVISIONERS = part("provisioner") as unknown as { [K in ModuleKind]: Provisioner<K> };
