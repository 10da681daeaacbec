import type * as pulumi from "@pulumi/pulumi";
import type { KindName } from "../../kinds/common";
import type { Descriptor } from "../../kinds/registry";
import type { ReplicaContext } from "./context";

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

/** How the stack builds one kind (a kind's provisioner.ts; apart from provisioners.ts so it imports no kind). */
export interface Provisioner<K extends KindName> {
  group: ComponentGroup;
  /** Order inside the group. */
  order: number;
  provision(items: Descriptor<K>[], ctx: ReplicaContext, parent: pulumi.Resource): void | Promise<void>;
}
