import { defineModule } from "../define-module";
import { repoKind } from "./index";
import { repoExporter } from "./exporter";
import { REPO_PROVISIONER } from "./provisioner";

export const repoModule = defineModule(repoKind, {
  exporter: repoExporter,
  provisioner: REPO_PROVISIONER,
});
