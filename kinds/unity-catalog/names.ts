/**
 * The Unity Catalog kinds, in the order they are provisioned (each after what it references). Kept apart
 * from the schemas so kinds/common.ts can list them without importing anything.
 */
export const UC_KIND_NAMES = [
  "uc-metastore",
  "uc-storage-credential",
  "uc-external-location",
  "uc-connection",
  "uc-catalog",
  "uc-schema",
  "uc-volume",
  "uc-table",
  "uc-function",
] as const;
export type UcKindName = (typeof UC_KIND_NAMES)[number];
