import type { Ref } from "../common";
import { defineKind } from "../define";
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

const none = (): Ref[] => [];

/*
 * The Unity Catalog kinds' contracts, in UC_KIND_NAMES order (kinds/contracts.ts spreads UC_CONTRACTS).
 * RTO: as the round trip sends it (roundtrip/rest-uc.ts, measured on `sample`): the metastore assigned
 * (PUT), the access connector's storage credential (POST); each securable created then PATCHed for
 * owner/isolation; a new catalog's `default` schema dropped. External tables and views only (managed
 * tables' data is replicated, not written); functions and connections are not written by the stack
 * (manual actions). Grants, bindings and the default namespace: report/rto-rates.ts.
 */
export const ucMetastoreKind = defineKind({
  name: "uc-metastore",
  title: "Unity Catalog metastores",
  schema: ucMetastoreSchema,
  references: ucMetastoreReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 2 } },
});
export const ucStorageCredentialKind = defineKind({
  name: "uc-storage-credential",
  title: "Unity Catalog storage credentials",
  schema: ucStorageCredentialSchema,
  references: none,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 2 } },
});
export const ucExternalLocationKind = defineKind({
  name: "uc-external-location",
  title: "Unity Catalog external locations",
  schema: ucExternalLocationSchema,
  references: ucExternalLocationReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 2 } },
});
export const ucConnectionKind = defineKind({
  name: "uc-connection",
  title: "Unity Catalog connections",
  schema: ucConnectionSchema,
  references: none,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: {} },
});
export const ucCatalogKind = defineKind({
  name: "uc-catalog",
  title: "Unity Catalog catalogs",
  schema: ucCatalogSchema,
  references: ucCatalogReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 3 } },
});
export const ucSchemaKind = defineKind({
  name: "uc-schema",
  title: "Unity Catalog schemas",
  schema: ucSchemaSchema,
  references: ucSchemaReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 2 } },
});
export const ucVolumeKind = defineKind({
  name: "uc-volume",
  title: "Unity Catalog volumes",
  schema: ucVolumeSchema,
  references: ucVolumeReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 2 } },
});
export const ucTableKind = defineKind({
  name: "uc-table",
  title: "Unity Catalog tables and views",
  schema: ucTableSchema,
  references: ucTableReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: { "unity-catalog-write": 1 } },
});
export const ucFunctionKind = defineKind({
  name: "uc-function",
  title: "Unity Catalog functions",
  schema: ucFunctionSchema,
  references: ucFunctionReferences,
  hasContent: false,
  rto: { stage: "Unity Catalog", perObject: {} },
});

export const UC_CONTRACTS = [
  ucMetastoreKind,
  ucStorageCredentialKind,
  ucExternalLocationKind,
  ucConnectionKind,
  ucCatalogKind,
  ucSchemaKind,
  ucVolumeKind,
  ucTableKind,
  ucFunctionKind,
] as const;
