import { z } from "zod";
import type { Ref } from "../common";
import { securableBase, storageUrl } from "./grants";
import { inSchema, schemaRef } from "./schema";

/**
 * A volume (`GET /api/2.1/unity-catalog/volumes?catalog_name=&schema_name=`). Id: `volume_id`. An EXTERNAL
 * volume is re-registered on its (storage-mapped) location; a MANAGED volume's files live in Unity Catalog's
 * managed storage and are data to copy (`dataToReplicate`), like a managed table's.
 */
export const ucVolumeSchema = z
  .object({
    id: z.string().min(1),
    ...inSchema,
    volumeType: z.enum(["MANAGED", "EXTERNAL"]),
    storageLocation: storageUrl.optional(),
    dataToReplicate: z.boolean(),
    ...securableBase,
  })
  .refine((d) => d.volumeType !== "EXTERNAL" || !!d.storageLocation, {
    message: "an EXTERNAL volume has a storageLocation",
    path: ["storageLocation"],
  })
  .refine((d) => d.dataToReplicate === (d.volumeType === "MANAGED"), {
    message: "dataToReplicate is true exactly for MANAGED volumes",
    path: ["dataToReplicate"],
  });
export type UcVolumeDescriptor = z.infer<typeof ucVolumeSchema>;

export const ucVolumeReferences = (d: UcVolumeDescriptor): Ref[] => schemaRef(d);
