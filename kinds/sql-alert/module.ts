import { defineModule } from "../define-module";
import { sqlAlertKind } from "./index";
import { sqlAlertExporter } from "./exporter";
import { SQL_ALERT_PROVISIONER } from "./provisioner";

export const sqlAlertModule = defineModule(sqlAlertKind, {
  exporter: sqlAlertExporter,
  provisioner: SQL_ALERT_PROVISIONER,
});
