import * as pulumi from "@pulumi/pulumi";
import { KindName } from "../../kinds/common";
import { Descriptor } from "../../kinds/registry";
import { ReplicaContext } from "./context";
import { provisionGroups, provisionServicePrincipals, provisionUsers } from "./identities";
import {
  finishWorkspaceTree,
  provisionDirectories,
  provisionNotebooks,
  provisionRepos,
  provisionWorkspaceFiles,
} from "./workspace-tree";
import {
  provisionClusterPolicies,
  provisionClusters,
  provisionDbfsFiles,
  provisionGlobalInitScripts,
  provisionInstancePools,
  provisionSqlWarehouses,
  provisionWorkspaceConf,
} from "./compute";
import { provisionJobs } from "./jobs";
import { provisionMounts, provisionSecretScopes } from "./secrets";
import { provisionPermissions } from "./permissions";
import { UC_PROVISIONERS } from "./unity-catalog-provisioners";
import { finishUnityCatalog } from "./unity-catalog-data";
import { PIPELINE_PROVISIONER } from "../../kinds/pipeline/provisioner";
import { SQL_QUERY_PROVISIONER } from "../../kinds/sql-query/provisioner";
import { SQL_ALERT_PROVISIONER } from "../../kinds/sql-alert/provisioner";

/**
 * The components of the replica, in the order they are built: each after what its objects reference
 * (principals first, permissions last).
 */
export const COMPONENT_GROUPS = [
  "identities",
  "workspaceTree",
  "initScripts",
  "compute",
  "sqlWarehouses",
  "unityCatalog",
  "jobs",
  "secrets",
  "mounts",
  "settings",
  "permissions",
] as const;
export type ComponentGroup = (typeof COMPONENT_GROUPS)[number];

export interface Provisioner<K extends KindName> {
  group: ComponentGroup;
  /** Order inside the group. */
  order: number;
  provision(items: Descriptor<K>[], ctx: ReplicaContext, parent: pulumi.Resource): void | Promise<void>;
}

/**
 * Every kind of the registry and how the stack replicates it. Typed over KindName: a kind added to
 * kinds/registry.ts does not compile until it has an entry here.
 */
export const PROVISIONERS: { [K in KindName]: Provisioner<K> } = {
  user: { group: "identities", order: 1, provision: provisionUsers },
  "service-principal": { group: "identities", order: 2, provision: provisionServicePrincipals },
  group: { group: "identities", order: 3, provision: provisionGroups },
  directory: { group: "workspaceTree", order: 1, provision: provisionDirectories },
  notebook: { group: "workspaceTree", order: 2, provision: provisionNotebooks },
  "workspace-file": { group: "workspaceTree", order: 3, provision: provisionWorkspaceFiles },
  repo: { group: "workspaceTree", order: 4, provision: provisionRepos },
  "dbfs-file": { group: "initScripts", order: 1, provision: provisionDbfsFiles },
  "global-init-script": { group: "initScripts", order: 2, provision: provisionGlobalInitScripts },
  "instance-pool": { group: "compute", order: 1, provision: provisionInstancePools },
  "cluster-policy": { group: "compute", order: 2, provision: provisionClusterPolicies },
  cluster: { group: "compute", order: 3, provision: provisionClusters },
  "sql-warehouse": { group: "sqlWarehouses", order: 1, provision: provisionSqlWarehouses },
  job: { group: "jobs", order: 1, provision: provisionJobs },
  "secret-scope": { group: "secrets", order: 1, provision: provisionSecretScopes },
  "workspace-conf": { group: "settings", order: 1, provision: provisionWorkspaceConf },
  permissions: { group: "permissions", order: 1, provision: provisionPermissions },
  ...UC_PROVISIONERS,
  pipeline: PIPELINE_PROVISIONER,
  "sql-query": SQL_QUERY_PROVISIONER,
  "sql-alert": SQL_ALERT_PROVISIONER,
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
