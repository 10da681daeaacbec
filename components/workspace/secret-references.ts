import type { Snapshot } from "../../snapshot/reader";
import { missingSecretReferences, REFERRING_FIELDS, ReferringKind } from "../mapping/secret-refs";
import type { KeptDescriptors } from "./context";
import type { ReplicaReport } from "./report";

/**
 * Every `{{secrets/scope/key}}` in what the stack creates, checked against the scopes and keys the snapshot
 * exported: each one they cannot satisfy is a manual action naming the object, the field and the reference.
 */
export function reportSecretReferences(
  kept: KeptDescriptors,
  snapshot: Snapshot,
  report: ReplicaReport,
): void {
  // A kind the export covered is counted in the manifest (0 included); absent: secret scopes were not exported.
  const scopes =
    snapshot.manifest.counts["secret-scope"] !== undefined ? snapshot.descriptors["secret-scope"] : undefined;
  for (const kind of Object.keys(REFERRING_FIELDS) as ReferringKind[])
    for (const d of kept[kind]) report.notes(kind, d.id, missingSecretReferences(kind, d, scopes));
}
