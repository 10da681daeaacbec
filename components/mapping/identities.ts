/** What the principal kinds (kinds/user/, kinds/group/, kinds/service-principal/) map alike. */
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

export function roleNotes(roles: string[]): string[] {
  return roles.length
    ? [`roles ${roles.join(", ")} (instance profiles) do not exist on Azure and are not replicated`]
    : [];
}
