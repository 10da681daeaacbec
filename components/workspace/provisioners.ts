import * as pulumi from "@pulumi/pulumi";
import { KindName } from "../../kinds/common";
import { ReplicaContext } from "./context";
import type { ComponentGroup, Provisioner } from "./provisioner";
import { provisionGroups, provisionServicePrincipals, provisionUsers } from "./identities";
import { finishWorkspaceTree } from "./workspace-tree";
import { provisionMounts } from "./mounts";
import { UC_PROVISIONERS } from "./unity-catalog-provisioners";
import { finishUnityCatalog } from "./unity-catalog-data";
import { MODULE_PROVISIONERS, UnmovedKind } from "../../kinds/modules";

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
