import type * as databricks from "@pulumi/databricks";
import { Mapping } from "../../components/mapping/refs";
import { entitlementArgs, roleNotes } from "../../components/mapping/identities";
import { ServicePrincipalDescriptor } from "./schema";

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
