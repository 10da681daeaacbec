import * as pulumi from "@pulumi/pulumi";
import { KindName } from "../../kinds/common";
import { ReplicaContext } from "./context";
import type { ComponentGroup, Provisioner } from "./provisioner";
import { provisionGroups, provisionServicePrincipals, provisionUsers } from "./identities";
import { finishWorkspaceTree } from "./workspace-tree";
import { provisionClusterPolicies } from "../../kinds/cluster-policy/provisioner";
import { provisionClusters } from "../../kinds/cluster/provisioner";
import { provisionInstancePools } from "../../kinds/instance-pool/provisioner";
import { provisionSqlWarehouses } from "../../kinds/sql-warehouse/provisioner";
import { provisionJobs } from "../../kinds/job/provisioner";
import { provisionMounts } from "./mounts";
import { provisionPermissions } from "../../kinds/permissions/provisioner";
import { UC_PROVISIONERS } from "./unity-catalog-provisioners";
import { finishUnityCatalog } from "./unity-catalog-data";
import { MODULE_PROVISIONERS, UnmovedKind } from "../../kinds/modules";
import { DIRECTORY_PROVISIONER } from "../../kinds/directory/provisioner";
import { NOTEBOOK_PROVISIONER } from "../../kinds/notebook/provisioner";
import { WORKSPACE_FILE_PROVISIONER } from "../../kinds/workspace-file/provisioner";
import { REPO_PROVISIONER } from "../../kinds/repo/provisioner";
import { DBFS_FILE_PROVISIONER } from "../../kinds/dbfs-file/provisioner";
import { GLOBAL_INIT_SCRIPT_PROVISIONER } from "../../kinds/global-init-script/provisioner";
import { SECRET_SCOPE_PROVISIONER } from "../../kinds/secret-scope/provisioner";
import { WORKSPACE_CONF_PROVISIONER } from "../../kinds/workspace-conf/provisioner";

export { COMPONENT_GROUPS } from "./provisioner";
export type { ComponentGroup, Provisioner } from "./provisioner";

/**
 * Every kind of the registry and how the stack replicates it. Typed over KindName: a kind added to
 * kinds/registry.ts does not compile until it has an entry here.
 */
const UNMOVED_PROVISIONERS: { [K in UnmovedKind]: Provisioner<K> } = {
  user: { group: "identities", order: 1, provision: provisionUsers },
  "service-principal": { group: "identities", order: 2, provision: provisionServicePrincipals },
  group: { group: "identities", order: 3, provision: provisionGroups },
  directory: DIRECTORY_PROVISIONER,
  notebook: NOTEBOOK_PROVISIONER,
  "workspace-file": WORKSPACE_FILE_PROVISIONER,
  repo: REPO_PROVISIONER,
  "dbfs-file": DBFS_FILE_PROVISIONER,
  "global-init-script": GLOBAL_INIT_SCRIPT_PROVISIONER,
  "instance-pool": { group: "compute", order: 1, provision: provisionInstancePools },
  "cluster-policy": { group: "compute", order: 2, provision: provisionClusterPolicies },
  cluster: { group: "compute", order: 3, provision: provisionClusters },
  "sql-warehouse": { group: "sqlWarehouses", order: 1, provision: provisionSqlWarehouses },
  job: { group: "jobs", order: 1, provision: provisionJobs },
  "secret-scope": SECRET_SCOPE_PROVISIONER,
  "workspace-conf": WORKSPACE_CONF_PROVISIONER,
  permissions: { group: "permissions", order: 1, provision: provisionPermissions },
  ...UC_PROVISIONERS,
};

export const PROVISIONERS: { [K in KindName]: Provisioner<K> } = {
  ...UNMOVED_PROVISIONERS,
  ...MODULE_PROVISIONERS,
};

/** Work a group does once its kinds are provisioned. */
export const GROUP_FINISHERS: Partial<
  Record<ComponentGroup, (ctx: ReplicaContext, parent: pulumi.Resource) => void>
> = {
  workspaceTree: finishWorkspaceTree,
  mounts: provisionMounts,
  unityCatalog: finishUnityCatalog,
};

export function kindsOf(group: ComponentGroup): KindName[] {
  return (Object.keys(PROVISIONERS) as KindName[])
    .filter((k) => PROVISIONERS[k].group === group)
    .sort((a, b) => PROVISIONERS[a].order - PROVISIONERS[b].order);
}
