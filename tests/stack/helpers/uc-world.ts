/**
 * The sample world (the emulator's `sample` seed as the exporter snapshots it) with its Unity Catalog
 * replaced by the hand-written ucDescriptors(): the UC stack tests need cases the seed does not hold (an
 * unmapped and a "keep" storage account, an ISOLATED catalog with bindings, the system catalog, sizes).
 */
import { KIND_NAMES, KindName } from "../../../kinds/common";
import { Descriptor } from "../../../kinds/registry";
import { sampleWorld } from "../../helpers/sample-world";
import { SnapshotBuilder } from "../../helpers/snapshot-builder";
import { ucDescriptors } from "./uc-descriptors";

export type UcDescriptors = ReturnType<typeof ucDescriptors>;

/** Writes the world with `ucDescriptors()` (edited first) as its only Unity Catalog objects; returns the dir. */
export function writeUcWorld(
  edit?: (d: UcDescriptors) => void,
  world: SnapshotBuilder = sampleWorld(),
): string {
  const uc = ucDescriptors();
  edit?.(uc);
  for (const kind of KIND_NAMES)
    if (kind.startsWith("uc-")) for (const d of world.list(kind)) world.remove(kind, d.id);
  for (const [kind, items] of Object.entries(uc))
    world.add(kind as KindName, ...((items ?? []) as Descriptor<KindName>[]));
  return world.write();
}
