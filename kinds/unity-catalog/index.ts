import { z } from "zod";
import type { Ref } from "../common";
import type { UcKindName } from "./names";
import { ucMetastoreReferences, ucMetastoreSchema } from "./metastore";
import { ucStorageCredentialSchema } from "./storage-credential";
import { ucExternalLocationReferences, ucExternalLocationSchema } from "./external-location";
import { ucConnectionSchema } from "./connection";
import { ucCatalogReferences, ucCatalogSchema } from "./catalog";
import { ucSchemaReferences, ucSchemaSchema } from "./schema";
import { ucVolumeReferences, ucVolumeSchema } from "./volume";
import { ucTableReferences, ucTableSchema } from "./table";
import { ucFunctionReferences, ucFunctionSchema } from "./function";

export * from "./names";
export * from "./grants";
export * from "./metastore";
export * from "./storage-credential";
export * from "./external-location";
export * from "./connection";
export * from "./catalog";
export * from "./schema";
export * from "./volume";
export * from "./table";
export * from "./function";

/** The shape kinds/registry.ts's KindSpec has, for the Unity Catalog kinds (spread into KINDS there). */
interface UcKindSpec<K extends UcKindName, S extends z.ZodType> {
  name: K;
  title: string;
  schema: S;
  references(d: z.infer<S>): Ref[];
  hasContent: false;
}
function uc<const K extends UcKindName, S extends z.ZodType>(s: UcKindSpec<K, S>): UcKindSpec<K, S> {
  return s;
}
const none = (): Ref[] => [];

export const UC_KINDS = {
  "uc-metastore": uc({
    name: "uc-metastore",
    title: "Unity Catalog metastores",
    schema: ucMetastoreSchema,
    references: ucMetastoreReferences,
    hasContent: false,
  }),
  "uc-storage-credential": uc({
    name: "uc-storage-credential",
    title: "Unity Catalog storage credentials",
    schema: ucStorageCredentialSchema,
    references: none,
    hasContent: false,
  }),
  "uc-external-location": uc({
    name: "uc-external-location",
    title: "Unity Catalog external locations",
    schema: ucExternalLocationSchema,
    references: ucExternalLocationReferences,
    hasContent: false,
  }),
  "uc-connection": uc({
    name: "uc-connection",
    title: "Unity Catalog connections",
    schema: ucConnectionSchema,
    references: none,
    hasContent: false,
  }),
  "uc-catalog": uc({
    name: "uc-catalog",
    title: "Unity Catalog catalogs",
    schema: ucCatalogSchema,
    references: ucCatalogReferences,
    hasContent: false,
  }),
  "uc-schema": uc({
    name: "uc-schema",
    title: "Unity Catalog schemas",
    schema: ucSchemaSchema,
    references: ucSchemaReferences,
    hasContent: false,
  }),
  "uc-volume": uc({
    name: "uc-volume",
    title: "Unity Catalog volumes",
    schema: ucVolumeSchema,
    references: ucVolumeReferences,
    hasContent: false,
  }),
  "uc-table": uc({
    name: "uc-table",
    title: "Unity Catalog tables and views",
    schema: ucTableSchema,
    references: ucTableReferences,
    hasContent: false,
  }),
  "uc-function": uc({
    name: "uc-function",
    title: "Unity Catalog functions",
    schema: ucFunctionSchema,
    references: ucFunctionReferences,
    hasContent: false,
  }),
} satisfies { [K in UcKindName]: UcKindSpec<K, z.ZodType> };
