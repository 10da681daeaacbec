import type * as databricks from "@pulumi/databricks";
import { contentSource } from "../../components/mapping/content-source";
import { Mapping } from "../../components/mapping/refs";
import { WorkspaceFileDescriptor } from "./schema";

export function workspaceFileArgs(
  d: WorkspaceFileDescriptor,
  snapshotRoot: string,
): Mapping<databricks.WorkspaceFileArgs> {
  return { ok: true, args: { path: d.path, source: contentSource(snapshotRoot, d.content) }, notes: [] };
}
