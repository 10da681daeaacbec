import type * as databricks from "@pulumi/databricks";
import { contentSource } from "../../components/mapping/content-source";
import { Mapping } from "../../components/mapping/refs";
import { NotebookDescriptor } from "./schema";

export function notebookArgs(d: NotebookDescriptor, snapshotRoot: string): Mapping<databricks.NotebookArgs> {
  return {
    ok: true,
    args: { path: d.path, language: d.language, source: contentSource(snapshotRoot, d.content) },
    notes: [],
  };
}
