import { defineModule } from "../define-module";
import { sqlWarehouseKind } from "./index";
import { sqlWarehouseExporter } from "./exporter";
import { SQL_WAREHOUSE_PROVISIONER } from "./provisioner";

export const sqlWarehouseModule = defineModule(sqlWarehouseKind, {
  exporter: sqlWarehouseExporter,
  provisioner: SQL_WAREHOUSE_PROVISIONER,
});
