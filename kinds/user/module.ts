import { defineModule } from "../define-module";
import { userKind } from "./index";
import { userExporter } from "./exporter";
import { USER_PROVISIONER } from "./provisioner";

export const userModule = defineModule(userKind, {
  exporter: userExporter,
  provisioner: USER_PROVISIONER,
});
