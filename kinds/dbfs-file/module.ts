import { defineModule } from "../define-module";
import { dbfsFileKind } from "./index";
import { dbfsFileExporter } from "./exporter";
import { DBFS_FILE_PROVISIONER } from "./provisioner";
import { DBFS_FILE_VERIFY } from "./verify";

export const dbfsFileModule = defineModule(dbfsFileKind, {
  exporter: dbfsFileExporter,
  provisioner: DBFS_FILE_PROVISIONER,
  verify: DBFS_FILE_VERIFY,
});
