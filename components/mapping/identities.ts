import type * as databricks from "@pulumi/databricks";
import { GroupDescriptor, ServicePrincipalDescriptor, UserDescriptor } from "../../kinds/identities";
import { Mapping } from "./refs";

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

export function groupArgs(d: GroupDescriptor): Mapping<databricks.GroupArgs> {
  const ent = entitlementArgs(d.entitlements);
  const args: databricks.GroupArgs = { displayName: d.displayName, force: true, ...ent.args };
  if (d.externalId !== undefined) args.externalId = d.externalId;
  return { ok: true, args, notes: [...ent.notes, ...roleNotes(d.roles)] };
}
