import { defineModule } from "../define-module";
import { sqlQueryKind } from "./index";
import { sqlQueryExporter } from "./exporter";
import { SQL_QUERY_PROVISIONER } from "./provisioner";
import { SQL_QUERY_VERIFY } from "./verify";

export const sqlQueryModule = defineModule(sqlQueryKind, {
  exporter: sqlQueryExporter,
  provisioner: SQL_QUERY_PROVISIONER,
  verify: SQL_QUERY_VERIFY,
});
