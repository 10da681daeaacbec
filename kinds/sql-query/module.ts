import { defineModule } from "../define-module";
import { sqlQueryKind } from "./index";
import { sqlQueryExporter } from "./exporter";
import { SQL_QUERY_PROVISIONER } from "./provisioner";

export const sqlQueryModule = defineModule(sqlQueryKind, {
  exporter: sqlQueryExporter,
  provisioner: SQL_QUERY_PROVISIONER,
});
