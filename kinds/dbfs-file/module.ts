import { defineModule } from "../define-module";
import { dbfsFileKind } from "./index";
import { dbfsFileExporter } from "./exporter";
import { DBFS_FILE_PROVISIONER } from "./provisioner";

export const dbfsFileModule = defineModule(dbfsFileKind, {
  exporter: dbfsFileExporter,
  provisioner: DBFS_FILE_PROVISIONER,
});
