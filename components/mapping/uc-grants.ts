import type * as pulumi from "@pulumi/pulumi";
import type { GrantsArgs } from "@pulumi/databricks";
import type { UcGrant } from "../../kinds/unity-catalog/grants";

/** The Grants argument naming each securable type (the provider's GrantsArgs keys). */
export const GRANTS_KEY = {
  "uc-storage-credential": "storageCredential",
  "uc-external-location": "externalLocation",
  "uc-catalog": "catalog",
  "uc-schema": "schema",
  "uc-volume": "volume",
  "uc-table": "table",
  "uc-function": "function",
} as const satisfies Record<string, keyof GrantsArgs>;
export type GrantedKind = keyof typeof GRANTS_KEY;

/**
 * The direct grants of one securable, authoritative: the secondary's securable ends up with exactly the
 * primary's direct grants (a privilege granted by hand in the secondary is revoked). No grants, no resource:
 * the provider needs at least one, and an object created by the stack has none to revoke.
 */
export function grantsArgs(
  kind: GrantedKind,
  securable: pulumi.Input<string>,
  grants: UcGrant[],
): GrantsArgs | undefined {
  if (!grants.length) return undefined;
  return {
    [GRANTS_KEY[kind]]: securable,
    grants: grants.map((g) => ({ principal: g.principal, privileges: [...g.privileges] })),
  } as GrantsArgs;
}
