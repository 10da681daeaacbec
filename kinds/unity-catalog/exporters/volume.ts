import { UcVolumeDescriptor } from "../index";
import { Obj, str } from "../../../exporters/normalize";
import { KindExporter, SkipError } from "../../../exporters/types";
import { ChildItem, listChildren, placeOf } from "./children";
import { defined, ucGrants, ucRefreshDue, ucSignature } from "./shared";

type Base = Omit<UcVolumeDescriptor, "grants">;

export function normalizeVolume(v: Obj, schemaId?: string): Base {
  const id = str(v.volume_id);
  const place = placeOf(v);
  const volumeType = str(v.volume_type);
  if (!id || !place) throw new SkipError("volume without volume_id, name, catalog_name or schema_name");
  if (volumeType !== "MANAGED" && volumeType !== "EXTERNAL")
    throw new SkipError(`volume_type ${volumeType ?? "(none)"}: neither MANAGED nor EXTERNAL`);
  return defined({
    id,
    ...place,
    schemaId,
    volumeType,
    storageLocation: str(v.storage_location),
    dataToReplicate: volumeType === "MANAGED",
    owner: str(v.owner),
    comment: str(v.comment),
  });
}

export const ucVolumeExporter: KindExporter<"uc-volume", ChildItem<Base>> = {
  kind: "uc-volume",
  list: (ctx) => listChildren(ctx, "uc-volume", "volumes", "volumes", normalizeVolume),
  signature: (ctx, item) => ucSignature(ctx, item.id, item.base),
  refresh: (ctx, item) => ucRefreshDue(ctx, item.id),
  async read(ctx, item) {
    return { ...item.base, grants: await ucGrants(ctx, "uc-volume", item.id, "volume", item.fullName) };
  },
};
