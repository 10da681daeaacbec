import { defineModule } from "../define-module";
import { notebookKind } from "./index";
import { notebookExporter } from "./exporter";
import { NOTEBOOK_PROVISIONER } from "./provisioner";

export const notebookModule = defineModule(notebookKind, {
  exporter: notebookExporter,
  provisioner: NOTEBOOK_PROVISIONER,
});
