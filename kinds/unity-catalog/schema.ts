import { z } from "zod";
import type { Ref } from "../common";
import { securableBase, storageUrl, stringMap } from "./grants";

/**
 * A schema (`GET /api/2.1/unity-catalog/schemas?catalog_name=`). Id: `schema_id`. It references its
 * catalog by the catalog descriptor's id (the catalog's name, the catalog having no id).
 */
export const ucSchemaSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  catalogName: z.string().min(1),
  fullName: z.string().min(1),
  /** The catalog descriptor's id. */
  catalogId: z.string().min(1),
  storageRoot: storageUrl.optional(),
  storageLocation: storageUrl.optional(),
  properties: stringMap,
  enablePredictiveOptimization: z.string().optional(),
  ...securableBase,
});
export type UcSchemaDescriptor = z.infer<typeof ucSchemaSchema>;

export function ucSchemaReferences(d: UcSchemaDescriptor): Ref[] {
  return [{ kind: "uc-catalog", id: d.catalogId, field: "catalogId" }];
}

/**
 * What tables, volumes and functions share: their place by name, and their schema by the schema's id
 * (`schema_id`, looked up at export: TableInfo, VolumeInfo and FunctionInfo do not carry it). `schemaId` is
 * absent when the schema itself was not exported (then only the names place it).
 */
export const inSchema = {
  name: z.string().min(1),
  catalogName: z.string().min(1),
  schemaName: z.string().min(1),
  fullName: z.string().min(1),
  schemaId: z.string().min(1).optional(),
};

export function schemaRef(d: { schemaId?: string }): Ref[] {
  return d.schemaId ? [{ kind: "uc-schema", id: d.schemaId, field: "schemaId" }] : [];
}
