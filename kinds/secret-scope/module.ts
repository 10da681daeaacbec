import { defineModule } from "../define-module";
import { secretScopeKind } from "./index";
import { secretScopeExporter } from "./exporter";
import { SECRET_SCOPE_PROVISIONER } from "./provisioner";

export const secretScopeModule = defineModule(secretScopeKind, {
  exporter: secretScopeExporter,
  provisioner: SECRET_SCOPE_PROVISIONER,
});
