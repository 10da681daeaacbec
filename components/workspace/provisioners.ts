import * as pulumi from "@pulumi/pulumi";
import { KindName } from "../../kinds/common";
import { ReplicaContext } from "./context";
import type { ComponentGroup, Provisioner } from "./provisioner";
import { finishWorkspaceTree } from "./workspace-tree";
import { provisionMounts } from "./mounts";
import { finishUnityCatalog } from "./unity-catalog-data";
import { MODULE_PROVISIONERS } from "../../kinds/modules";

export { COMPONENT_GROUPS } from "./provisioner";
export type { ComponentGroup, Provisioner } from "./provisioner";

/**
 * Every kind of the registry and how the stack replicates it, from the kinds' modules (kinds/modules.ts).
 * Typed over KindName: a kind without a module fails to compile.
 */
export const PROVISIONERS: { [K in KindName]: Provisioner<K> } = MODULE_PROVISIONERS;

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
