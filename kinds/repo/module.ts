import { defineModule } from "../define-module";
import { repoKind } from "./index";
import { repoExporter } from "./exporter";
import { REPO_PROVISIONER } from "./provisioner";
import { REPO_VERIFY } from "./verify";

export const repoModule = defineModule(repoKind, {
  exporter: repoExporter,
  provisioner: REPO_PROVISIONER,
  verify: REPO_VERIFY,
});
