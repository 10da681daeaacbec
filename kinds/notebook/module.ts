import { defineModule } from "../define-module";
import { notebookKind } from "./index";
import { notebookExporter } from "./exporter";
import { NOTEBOOK_PROVISIONER } from "./provisioner";
import { NOTEBOOK_VERIFY } from "./verify";

export const notebookModule = defineModule(notebookKind, {
  exporter: notebookExporter,
  provisioner: NOTEBOOK_PROVISIONER,
  verify: NOTEBOOK_VERIFY,
});
