import type * as databricks from "@pulumi/databricks";
import { Mapping } from "../../components/mapping/refs";
import { entitlementArgs, roleNotes } from "../../components/mapping/identities";
import { UserDescriptor } from "./schema";

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
