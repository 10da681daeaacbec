import { defineModule } from "../define-module";
import { sqlDashboardKind } from "./index";
import { sqlDashboardExporter } from "./exporter";
import { SQL_DASHBOARD_PROVISIONER } from "./provisioner";

export const sqlDashboardModule = defineModule(sqlDashboardKind, {
  exporter: sqlDashboardExporter,
  provisioner: SQL_DASHBOARD_PROVISIONER,
});
