import type * as databricks from "@pulumi/databricks";
import { GroupDescriptor, ServicePrincipalDescriptor, UserDescriptor } from "../../kinds/identities";
import { Mapping } from "./refs";
import { SOURCE_TAG } from "./source-marker";

/** SCIM entitlement values -> the provider's boolean arguments. */
export const ENTITLEMENT_ARGS = {
  "allow-cluster-create": "allowClusterCreate",
  "allow-instance-pool-create": "allowInstancePoolCreate",
  "databricks-sql-access": "databricksSqlAccess",
  "workspace-access": "workspaceAccess",
  "workspace-consume": "workspaceConsume",
} as const;
export type EntitlementArg = (typeof ENTITLEMENT_ARGS)[keyof typeof ENTITLEMENT_ARGS];

/** Groups every workspace has: never created, looked up instead. */
export const BUILTIN_GROUPS: ReadonlySet<string> = new Set(["admins", "users"]);

export function entitlementArgs(entitlements: string[]): {
  args: Partial<Record<EntitlementArg, boolean>>;
  notes: string[];
} {
  const args: Partial<Record<EntitlementArg, boolean>> = {};
  const notes: string[] = [];
  for (const e of entitlements) {
    const arg = (ENTITLEMENT_ARGS as Record<string, EntitlementArg>)[e];
    if (arg) args[arg] = true;
    else notes.push(`entitlement ${e} is not known to the provider: grant it by hand`);
  }
  return { args, notes };
}

function roleNotes(roles: string[]): string[] {
  return roles.length
    ? [`roles ${roles.join(", ")} (instance profiles) do not exist on Azure and are not replicated`]
    : [];
}

export function userArgs(d: UserDescriptor): Mapping<databricks.UserArgs> {
  const ent = entitlementArgs(d.entitlements);
  const args: databricks.UserArgs = {
    userName: d.userName,
    active: d.active,
    // Adopts the user when it already exists (existing-workspace mode, SCIM provisioning).
    force: true,
    ...ent.args,
  };
  if (d.displayName !== undefined) args.displayName = d.displayName;
  if (d.externalId !== undefined) args.externalId = d.externalId;
  return { ok: true, args, notes: [...ent.notes, ...roleNotes(d.roles)] };
}

export function servicePrincipalArgs(
  d: ServicePrincipalDescriptor,
): Mapping<databricks.ServicePrincipalArgs> {
  const ent = entitlementArgs(d.entitlements);
  const args: databricks.ServicePrincipalArgs = {
    applicationId: d.applicationId,
    active: d.active,
    force: true,
    ...ent.args,
  };
  if (d.displayName !== undefined) args.displayName = d.displayName;
  return { ok: true, args, notes: [...ent.notes, ...roleNotes(d.roles)] };
}

/** What a secondary group's externalId holds when the primary's has none: the source id after this prefix. */
export const GROUP_MARKER_PREFIX = `${SOURCE_TAG}:`;

/**
 * The marker of the secondary group of `d` (its externalId): the primary's externalId when it has one (an
 * Entra ID group: its object id, the same in both workspaces), else `databricks-dr-source-id:<SCIM id in the
 * primary>`. The stack finds its group again by it, after a rename, a move between resources or a lost state.
 */
export function groupMarker(d: GroupDescriptor): string {
  return d.externalId ?? `${GROUP_MARKER_PREFIX}${d.id}`;
}

export function groupArgs(d: GroupDescriptor): Mapping<databricks.GroupArgs> {
  const ent = entitlementArgs(d.entitlements);
  // A rename is an update of displayName (the provider PUTs it; the SCIM id and members stay).
  const args: databricks.GroupArgs = {
    displayName: d.displayName,
    externalId: groupMarker(d),
    force: true,
    ...ent.args,
  };
  return { ok: true, args, notes: [...ent.notes, ...roleNotes(d.roles)] };
}
