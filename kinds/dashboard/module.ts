import { defineModule } from "../define-module";
import { dashboardKind } from "./index";
import { dashboardExporter } from "./exporter";
import { DASHBOARD_PROVISIONER } from "./provisioner";

export const dashboardModule = defineModule(dashboardKind, {
  exporter: dashboardExporter,
  provisioner: DASHBOARD_PROVISIONER,
});
