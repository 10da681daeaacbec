import { defineModule } from "../define-module";
import { dashboardKind } from "./index";
import { dashboardExporter } from "./exporter";
import { DASHBOARD_PROVISIONER } from "./provisioner";
import { DASHBOARD_VERIFY } from "./verify";

export const dashboardModule = defineModule(dashboardKind, {
  exporter: dashboardExporter,
  provisioner: DASHBOARD_PROVISIONER,
  verify: DASHBOARD_VERIFY,
});
