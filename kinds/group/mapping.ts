import type * as databricks from "@pulumi/databricks";
import { Mapping } from "../../components/mapping/refs";
import { entitlementArgs, roleNotes } from "../../components/mapping/identities";
import { SOURCE_TAG } from "../../components/mapping/source-marker";
import { GroupDescriptor } from "./schema";

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
