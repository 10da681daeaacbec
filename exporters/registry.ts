import { KindName } from "../kinds/common";
import { KindExporter } from "./types";
import { userExporter } from "./kinds/user";
import { groupExporter } from "./kinds/group";
import { servicePrincipalExporter } from "./kinds/service-principal";
import { ucMetastoreExporter } from "./kinds/uc-metastore";
import { ucExternalLocationExporter, ucStorageCredentialExporter } from "./kinds/uc-storage";
import { ucConnectionExporter } from "./kinds/uc-connection";
import { ucCatalogExporter } from "./kinds/uc-catalog";
import { ucSchemaExporter } from "./kinds/uc-schema";
import { ucVolumeExporter } from "./kinds/uc-volume";
import { ucTableExporter } from "./kinds/uc-table";
import { ucFunctionExporter } from "./kinds/uc-function";
import { MODULE_EXPORTERS, UnmovedKind } from "../kinds/modules";

/** One exporter per kind: adding a kind to kinds/registry.ts fails to compile until it has one here. */
/** Kinds not moved into a kinds/<kind>/ folder yet (each then comes from kinds/modules.ts instead). */
const UNMOVED_EXPORTERS: { [K in UnmovedKind]: KindExporter<K> } = {
  user: userExporter,
  group: groupExporter,
  "service-principal": servicePrincipalExporter,
  "uc-metastore": ucMetastoreExporter,
  "uc-storage-credential": ucStorageCredentialExporter,
  "uc-external-location": ucExternalLocationExporter,
  "uc-connection": ucConnectionExporter,
  "uc-catalog": ucCatalogExporter,
  "uc-schema": ucSchemaExporter,
  "uc-volume": ucVolumeExporter,
  "uc-table": ucTableExporter,
  "uc-function": ucFunctionExporter,
};

/** One exporter per kind (typed over KindName: a kind without one fails to compile). */
export const EXPORTERS: { [K in KindName]: KindExporter<K> } = { ...UNMOVED_EXPORTERS, ...MODULE_EXPORTERS };
