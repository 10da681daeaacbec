import { defineModule } from "../define-module";
import {
  ucMetastoreKind,
  ucStorageCredentialKind,
  ucExternalLocationKind,
  ucConnectionKind,
  ucCatalogKind,
  ucSchemaKind,
  ucVolumeKind,
  ucTableKind,
  ucFunctionKind,
} from "./index";
import { ucMetastoreExporter } from "./exporters/metastore";
import { ucExternalLocationExporter, ucStorageCredentialExporter } from "./exporters/storage";
import { ucConnectionExporter } from "./exporters/connection";
import { ucCatalogExporter } from "./exporters/catalog";
import { ucSchemaExporter } from "./exporters/schema";
import { ucVolumeExporter } from "./exporters/volume";
import { ucTableExporter } from "./exporters/table";
import { ucFunctionExporter } from "./exporters/function";
import { UC_PROVISIONERS } from "./provisioners";

/** The Unity Catalog kinds' modules, in UC_KIND_NAMES order (kinds/modules.ts spreads UC_MODULES). */
export const UC_MODULES = [
  defineModule(ucMetastoreKind, {
    exporter: ucMetastoreExporter,
    provisioner: UC_PROVISIONERS["uc-metastore"],
  }),
  defineModule(ucStorageCredentialKind, {
    exporter: ucStorageCredentialExporter,
    provisioner: UC_PROVISIONERS["uc-storage-credential"],
  }),
  defineModule(ucExternalLocationKind, {
    exporter: ucExternalLocationExporter,
    provisioner: UC_PROVISIONERS["uc-external-location"],
  }),
  defineModule(ucConnectionKind, {
    exporter: ucConnectionExporter,
    provisioner: UC_PROVISIONERS["uc-connection"],
  }),
  defineModule(ucCatalogKind, { exporter: ucCatalogExporter, provisioner: UC_PROVISIONERS["uc-catalog"] }),
  defineModule(ucSchemaKind, { exporter: ucSchemaExporter, provisioner: UC_PROVISIONERS["uc-schema"] }),
  defineModule(ucVolumeKind, { exporter: ucVolumeExporter, provisioner: UC_PROVISIONERS["uc-volume"] }),
  defineModule(ucTableKind, { exporter: ucTableExporter, provisioner: UC_PROVISIONERS["uc-table"] }),
  defineModule(ucFunctionKind, { exporter: ucFunctionExporter, provisioner: UC_PROVISIONERS["uc-function"] }),
] as const;
